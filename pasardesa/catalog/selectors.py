"""Reads of the public catalogue, each with a fixed number of queries."""

from django.db.models import Prefetch, QuerySet

from pasardesa.catalog import search
from pasardesa.catalog.models import Category, Product, ProductPhoto, StoreShowcase
from pasardesa.regions.models import in_region


def _with_cover(queryset: QuerySet[Product]) -> QuerySet[Product]:
    """Products with what a card shows: seller, village and the first photo."""
    return queryset.select_related("seller__store__village", "category").prefetch_related(
        Prefetch("photos", queryset=ProductPhoto.objects.filter(position=0), to_attr="covers")
    )


def public_products() -> QuerySet[Product]:
    """Products a buyer may see: shown, from a verified seller of an active store."""
    return Product.objects.for_sale()


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
        queryset = queryset.filter(in_region(region_code, "seller__store__village__"))
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


# A store's showcase: its produk unggulan and the category chips it hides.


def hidden_categories(store) -> QuerySet[Category]:
    return Category.objects.filter(
        pk__in=StoreShowcase.hidden_categories.through.objects.filter(
            storeshowcase_id=store.pk
        ).values("category_id")
    )


def visible_categories(store) -> list[Category]:
    """The category chips the store page shows (the operator may hide some)."""
    return list(Category.objects.exclude(pk__in=hidden_categories(store).values("pk")))


def store_products(store, *, category: Category | None = None) -> QuerySet[Product]:
    """What the store page lists: the store's products for sale, but none of
    a category the operator hid."""
    return product_list(
        base=public_products()
        .filter(seller__store=store)
        .exclude(category__in=hidden_categories(store).values("pk")),
        category=category,
    )


def featured_product(store) -> Product | None:
    """The village's produk unggulan, if it is still for sale in this store."""
    featured_id = (
        StoreShowcase.objects.filter(store=store).values_list("featured_product_id", flat=True)
    ).first()
    if featured_id is None:
        return None
    product = product_detail(featured_id)
    if product is None or product.seller.store_id != store.pk:
        return None
    return product


def featured_choices(store) -> QuerySet[Product]:
    """Products that may be the produk unggulan: for sale in this store."""
    return public_products().filter(seller__store=store).order_by("name", "id")


# Reads of the back office.


def products_to_moderate(store, *, query: str = "", status: str = "") -> QuerySet[Product]:
    """Every product of the store's sellers (any status), newest first, for moderation."""
    products = Product.objects.filter(seller__store=store)
    query = query.strip()[:100]
    if query:
        products = products.filter(name__icontains=query)
    if status:
        products = products.filter(status=status)
    return products.select_related("seller", "moderated_by").order_by("-created_at", "-id")


def seller_products(seller) -> QuerySet[Product]:
    """Every product of one seller (any status) with its cover, newest first."""
    return (
        Product.objects.filter(seller=seller)
        .select_related("category")
        .prefetch_related(
            Prefetch("photos", queryset=ProductPhoto.objects.filter(position=0), to_attr="covers")
        )
        .order_by("-created_at", "-id")
    )
