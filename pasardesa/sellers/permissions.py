"""Who may run which seller profile. Every seller view resolves its object here,
so another seller's profile is simply not found (404), never shown."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from pasardesa.sellers.models import Seller, SellerMember


def sellers_managed_by(user) -> QuerySet[Seller]:
    """Profiles the user owns or staffs (all of them for a platform superuser)."""
    if not user.is_authenticated or not user.is_active:
        return Seller.objects.none()
    if user.is_superuser:
        return Seller.objects.all()
    return Seller.objects.filter(members__user=user).distinct()


def sellers_owned_by(user) -> QuerySet[Seller]:
    """Profiles whose owner the user is: only owners add or remove staff."""
    if not user.is_authenticated or not user.is_active:
        return Seller.objects.none()
    if user.is_superuser:
        return Seller.objects.all()
    return Seller.objects.filter(members__user=user, members__role=SellerMember.Role.OWNER)


def can_manage_seller(user, seller: Seller) -> bool:
    return sellers_managed_by(user).filter(pk=seller.pk).exists()


def managed_seller_or_404(request, pk: int) -> Seller:
    """The seller ``pk`` if the user runs it, else a 404 (never another's)."""
    return get_object_or_404(sellers_managed_by(request.user).select_related("store"), pk=pk)


def owned_seller_or_404(request, pk: int) -> Seller:
    """The seller ``pk`` if the user owns it: staff do not see owner-only pages."""
    return get_object_or_404(sellers_owned_by(request.user).select_related("store"), pk=pk)
