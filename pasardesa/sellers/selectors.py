from django.db.models import Prefetch, QuerySet

from pasardesa.sellers.models import Seller, SellerMember, SellerStatusEvent
from pasardesa.stores.models import Store


def public_sellers(*, store: Store | None = None) -> QuerySet[Seller]:
    sellers = Seller.objects.filter(status=Seller.Status.VERIFIED, store__is_active=True)
    if store is not None:
        sellers = sellers.filter(store=store)
    return sellers.select_related("store__village").prefetch_related("opening_hours")


def seller_by_slug(slug: str) -> Seller | None:
    return (
        public_sellers()
        .select_related("store__village__parent__parent__parent")
        .filter(slug=slug)
        .first()
    )


# Reads for the village operator's review of sellers.


def store_sellers(store: Store, *, status: str = "") -> QuerySet[Seller]:
    """The store's sellers, all of them or those in one status; oldest request first."""
    sellers = Seller.objects.filter(store=store)
    if status:
        sellers = sellers.filter(status=status)
    return sellers.order_by("created_at", "id")


def seller_for_review(store: Store, pk: int) -> Seller | None:
    """One seller of ``store`` with its history and people, or None (never another store's)."""
    return (
        Seller.objects.filter(store=store, pk=pk)
        .prefetch_related(
            Prefetch(
                "status_events",
                queryset=SellerStatusEvent.objects.select_related("actor").order_by(
                    "-created_at", "-id"
                ),
            ),
            Prefetch("members", queryset=SellerMember.objects.select_related("user")),
        )
        .first()
    )
