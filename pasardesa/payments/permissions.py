"""Who may handle a store's rekening bersama. One place for the rules:

- a treasurer (bendahara) handles the money of the stores they were appointed
  to through the team invitation, nothing else; a platform superuser all;
- the escrow's setup (account, QRIS, fee, timers) is the operator's
  (``stores.permissions.stores_operated_by``);
- a seller's QRIS is set by its owner (never staff) or a treasurer of its store;
- a treasurer never decides money of a seller they own or staff
  (``own_seller_ids``): another treasurer must.
Views resolve stores through these querysets, so anything outside is a 404.
"""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.stores.models import Store, StoreMember


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def stores_treasured_by(user) -> QuerySet[Store]:
    if not _active(user):
        return Store.objects.none()
    if user.is_superuser:
        return Store.objects.all()
    return Store.objects.filter(
        members__user=user, members__role=StoreMember.Role.TREASURER
    ).distinct()


def treasured_store_or_404(request, slug: str) -> Store:
    return get_object_or_404(
        stores_treasured_by(request.user).select_related("village", "escrow"), slug=slug
    )


def is_treasurer_of(user, store: Store) -> bool:
    return stores_treasured_by(user).filter(pk=store.pk).exists()


def sellers_whose_qris_user_sets(user) -> QuerySet[Seller]:
    """Sellers whose QRIS ``user`` may set: as the owner, or as a treasurer of
    the seller's store. Staff never: a QRIS decides where buyers' money goes."""
    if not _active(user):
        return Seller.objects.none()
    if user.is_superuser:
        return Seller.objects.all()
    owned = SellerMember.objects.filter(user=user, role=SellerMember.Role.OWNER).values("seller_id")
    treasured = StoreMember.objects.filter(user=user, role=StoreMember.Role.TREASURER).values(
        "store_id"
    )
    return Seller.objects.filter(pk__in=owned) | Seller.objects.filter(store_id__in=treasured)


def own_seller_ids(user) -> set[int]:
    """Sellers ``user`` owns or staffs: their money is never theirs to decide."""
    if not _active(user):
        return set()
    return set(SellerMember.objects.filter(user=user).values_list("seller_id", flat=True))
