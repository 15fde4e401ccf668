"""Reads of the public catalogue, each with a fixed number of queries."""

from django.db.models import Prefetch, Q, QuerySet

from pasardesa.catalog import search
from pasardesa.catalog.models import Category, Product, ProductPhoto
from pasardesa.sellers.models import Seller


def _with_cover(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """Products with what a card shows: seller, village and the first photo."""
    return queryset.select_related("seller__store__village", "category").prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.filter(position=0), to_attr="covers")
    )


def public_products() -> QuerySet[Product]:
    """Products a buyer may see: shown, from a verified seller of an active store."""
    return Product.objects.filter(
        status=Product.Status.ACTIVE,
        seller__status=Seller.Status.VERIFIED,
        seller__store__is_active=True,
    )


def in_region(queryset: QuerySet[Product], code: str) -> QuerySet[Product]:
    return queryset.filter(
        Q(seller__store__village_id=code) | Q(seller__store__village__code__startswith=code + ".")
    )


SORTS = {
    "terbaru": ("-created_at", "-id"),
    "termurah": ("sale_price_idr", "id"),
    "termahal": ("-sale_price_idr", "-id"),
}


def product_list(
    *,
    query: str = "",
    region_code: str = "",
    category: Category | None = None,
    kind: str = "",
    price_min: int | None = None,
    price_max: int | None = None,
    sort: str = "",
    base: QuerySet[Product] | None = None,
) -> QuerySet[Product]:
    """Filtered, sorted public products; ``sort`` defaults to relevance with a query.

    Every order ends with ``id`` so that pages never overlap or skip a product.
    """
    queryset = public_products() if base is None else base
    if region_code:
        queryset = in_region(queryset, region_code)
    if category is not None:
        queryset = queryset.filter(category=category)
    if kind:
        queryset = queryset.filter(kind=kind)
    if price_min is not None:
        queryset = queryset.filter(sale_price_idr__gte=price_min)
    if price_max is not None:
        queryset = queryset.filter(sale_price_idr__lte=price_max)
    if query:
        queryset = search.search_products(queryset, query, ranked=sort not in SORTS)
        if sort not in SORTS:
            return _with_cover(queryset)
    return _with_cover(queryset.order_by(*SORTS.get(sort, SORTS["terbaru"])))


def newest_products(limit: int = 12) -> list[Product]:
    return list(_with_cover(public_products().order_by("-created_at", "-id"))[:limit])


def product_detail(pk: int) -> Product | None:
    return (
        public_products()
        .select_related("seller__store__village", "category")
        .prefetch_related("photos", "seller__opening_hours")
        .filter(pk=pk)
        .first()
    )


def related_products(product: Product, limit: int = 6) -> list[Product]:
    """Same category in the same village first, then the same seller's others."""
    others = public_products().exclude(pk=product.pk)
    related = list(
        _with_cover(
            others.filter(category=product.category, seller__store=product.seller.store)
        ).order_by("-created_at", "-id")[:limit]
    )
    if len(related) < limit:
        seen = [p.pk for p in related]
        related += list(
            _with_cover(others.filter(seller=product.seller).exclude(pk__in=seen)).order_by(
                "-created_at", "-id"
            )[: limit - len(related)]
        )
    return related


def categories() -> list[Category]:
    return list(Category.objects.all())
