"""Who may run which seller profile. Every seller view resolves its object here,
so another seller's profile is simply not found (404), never shown."""

from django.db.models import QuerySet

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
