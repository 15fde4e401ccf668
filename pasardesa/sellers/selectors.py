from django.db.models import QuerySet

from pasardesa.sellers.models import Seller
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
