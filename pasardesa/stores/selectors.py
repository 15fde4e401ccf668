from django.db.models import Count, Prefetch, Q, QuerySet

from pasardesa.catalog.models import Product, ProductPhoto
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
