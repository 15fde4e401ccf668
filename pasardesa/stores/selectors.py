from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Substr

from pasardesa.catalog.models import Product, ProductPhoto
from pasardesa.regions.models import Region
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import Store


def _public_product_count():
    return Count(
        "sellers__products",
        filter=Q(
            sellers__status=Seller.Status.VERIFIED,
            sellers__products__status=Product.Status.ACTIVE,
        ),
    )


def _store_cards(queryset: QuerySet[Store]) -> QuerySet[Store]:
    """Stores with their village path, featured product and its cover photo."""
    return (
        queryset.filter(is_active=True)
        .select_related(
            "village__parent__parent",
            "featured_product__seller",
        )
        .prefetch_related(
            Prefetch(
                "featured_product__photos",
                queryset=ProductPhoto.objects.filter(position=0),
                to_attr="covers",
            )
        )
        .annotate(product_count=_public_product_count())
        .order_by("name", "id")
    )


def active_stores(*, limit: int | None = None) -> list[Store]:
    stores = _store_cards(Store.objects.all())
    return list(stores[:limit] if limit else stores)


def stores_in_region(code: str) -> QuerySet[Store]:
    return _store_cards(
        Store.objects.filter(Q(village_id=code) | Q(village__code__startswith=code + "."))
    )


def store_by_slug(slug: str) -> Store | None:
    return (
        Store.objects.filter(slug=slug, is_active=True)
        .select_related("village__parent__parent__parent")
        .first()
    )


def featured_product(store: Store) -> Product | None:
    """The village's produk unggulan, if it is still on public sale."""
    from pasardesa.catalog.selectors import product_detail

    if store.featured_product_id is None:
        return None
    product = product_detail(store.featured_product_id)
    if product is None or product.seller.store_id != store.pk:
        return None
    return product


# Length of the code one level down: 53 → 53.05 → 53.05.02 → 53.05.02.2006.
_CHILD_CODE_LENGTH = {
    Region.Level.PROVINSI: 5,
    Region.Level.KABUPATEN: 8,
    Region.Level.KECAMATAN: 13,
}


def child_markets(region: Region | None) -> list[tuple[Region, int]]:
    """The regions one level below ``region`` that have active stores, with counts.

    Two queries whatever the number of stores: the market of a provinsi links
    to the kabupaten that have stores, and so on down to the kecamatan.
    """
    level = Region.Level.PROVINSI if region is None else region.level + 1
    if level > Region.Level.DESA:
        return []
    length = 2 if region is None else _CHILD_CODE_LENGTH[region.level]
    stores = Store.objects.filter(is_active=True)
    if region is not None:
        stores = stores.filter(village__code__startswith=region.code + ".")
    counts = dict(
        stores.annotate(child=Substr("village_id", 1, length))
        .values_list("child")
        .annotate(n=Count("id"))
        .values_list("child", "n")
    )
    children = Region.objects.filter(code__in=counts.keys()).order_by("name")
    return [(child, counts[child.code]) for child in children]
