"""Reads of the buyer pages that span stores and the catalogue."""

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet

from pasardesa.catalog.models import Product, ProductPhoto, for_sale
from pasardesa.regions.models import in_region
from pasardesa.stores.models import Store


def listed_stores() -> QuerySet[Store]:
    """The stores buyers find in lists: active and with at least one product
    for sale. A store just opened is empty ("Belum ada penjual" and a row of
    category chips), so it stays out of the home page, region markets and
    their counts until its first product is for sale; its own page still
    answers, marked "Toko belum buka" and noindex."""
    return Store.objects.filter(
        Exists(Product.objects.for_sale().filter(seller__store=OuterRef("pk")))
    )


def _store_cards(queryset: QuerySet[Store], limit: int | None = None) -> list[Store]:
    """Active stores with what a card shows: the village path, the number of
    products for sale and the produk unggulan (``store.featured``, only while
    it is for sale in this store) with its cover photo. Three queries."""
    stores = (
        queryset.filter(is_active=True)
        .select_related(
            "village__parent__parent",
            "showcase__featured_product__seller__store",
        )
        .prefetch_related(
            Prefetch(
                "showcase__featured_product__photos",
                queryset=ProductPhoto.objects.filter(position=0),
                to_attr="covers",
            )
        )
        .annotate(product_count=Count("sellers__products", filter=for_sale("sellers__products__")))
        .order_by("name", "id")
    )
    stores = list(stores[:limit] if limit else stores)
    for store in stores:
        showcase = getattr(store, "showcase", None)
        featured = showcase.featured_product if showcase else None
        ours = featured is not None and featured.seller.store_id == store.pk
        store.featured = featured if ours and featured.is_for_sale else None
    return stores


def active_stores(*, limit: int | None = None) -> list[Store]:
    return _store_cards(listed_stores(), limit)


def stores_in_region(code: str, *, limit: int) -> list[Store]:
    return _store_cards(listed_stores().filter(in_region(code, "village__")), limit)
