import datetime

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from pasardesa.accounts.models import User
from pasardesa.catalog.models import Category, Product, ProductPhoto
from pasardesa.regions.models import Region
from pasardesa.regions.selectors import matching_villages
from pasardesa.sellers.models import Seller, SellerMember, SellerStatusEvent
from pasardesa.stores.models import Store, StoreMember
from pasardesa.stores.permissions import region_filter


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


# Reads for the dashboards of the village operator and the regional admin.


def dashboard_counts(store: Store, *, now: datetime.datetime | None = None) -> dict[str, int]:
    """The tiles of the operator's dashboard, in two queries."""
    week_ago = (now or timezone.now()) - datetime.timedelta(days=7)
    S = Seller.Status
    counts = Seller.objects.filter(store=store).aggregate(
        pending=Count("id", filter=Q(status=S.PENDING)),
        verified=Count("id", filter=Q(status=S.VERIFIED)),
        rejected=Count("id", filter=Q(status=S.REJECTED)),
        suspended=Count("id", filter=Q(status=S.SUSPENDED)),
        new_sellers=Count("id", filter=Q(created_at__gte=week_ago)),
    )
    counts.update(
        Product.objects.filter(seller__store=store).aggregate(
            public_products=Count(
                "id", filter=Q(status=Product.Status.ACTIVE, seller__status=S.VERIFIED)
            ),
            blocked_products=Count("id", filter=Q(status=Product.Status.BLOCKED)),
            new_products=Count("id", filter=Q(created_at__gte=week_ago)),
        )
    )
    return counts


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


def store_products(store: Store, *, query: str = "", status: str = "") -> QuerySet[Product]:
    """Every product of the store's sellers (any status), newest first, for moderation."""
    products = Product.objects.filter(seller__store=store)
    query = query.strip()[:100]
    if query:
        products = products.filter(name__icontains=query)
    if status:
        products = products.filter(status=status)
    return products.select_related("seller", "moderated_by").order_by("-created_at", "-id")


def featured_choices(store: Store) -> QuerySet[Product]:
    """Products that may be the produk unggulan: on public sale in this store."""
    from pasardesa.catalog.selectors import public_products

    return public_products().filter(seller__store=store).order_by("name", "id")


def visible_categories(store: Store) -> list[Category]:
    """The category chips the store page shows (the operator may hide some)."""
    return list(Category.objects.exclude(pk__in=store.hidden_categories.values("pk")))


def store_team(store: Store) -> QuerySet[StoreMember]:
    return (
        StoreMember.objects.filter(store=store)
        .select_related("user", "added_by")
        .order_by("-role", "user__name", "id")  # pengelola first
    )


def reset_link_people(store: Store, *, actor) -> QuerySet[User]:
    """People an operator of ``store`` may give a password reset link to.

    Members of the store and owners/staff of its sellers. Left out unless the
    actor is a platform superuser: platform staff, regional admins and people
    who also work for another store or another store's seller; otherwise an
    operator could add anyone as a courier and take over their other roles.
    """
    people = User.objects.filter(
        Q(store_roles__store=store) | Q(seller_roles__seller__store=store), is_active=True
    )
    if not getattr(actor, "is_superuser", False):
        people = (
            people.exclude(is_staff=True)
            .exclude(is_superuser=True)
            .exclude(region_roles__isnull=False)
            .exclude(store_roles__in=StoreMember.objects.exclude(store=store))
            .exclude(seller_roles__in=SellerMember.objects.exclude(seller__store=store))
        )
    return people.distinct()


def region_stores(region: Region) -> QuerySet[Store]:
    """Every store beneath ``region`` (closed ones too) with its counts."""
    S = Seller.Status
    return (
        Store.objects.filter(region_filter([region.code]))
        .select_related("village__parent")
        .annotate(
            verified_sellers=Count("sellers", filter=Q(sellers__status=S.VERIFIED), distinct=True),
            pending_sellers=Count("sellers", filter=Q(sellers__status=S.PENDING), distinct=True),
            public_products=Count(
                "sellers__products",
                filter=Q(
                    sellers__status=S.VERIFIED, sellers__products__status=Product.Status.ACTIVE
                ),
                distinct=True,
            ),
        )
        .order_by("name", "id")
    )


def villages_for_new_store(region: Region, query: str, *, limit: int = 20) -> list[Region]:
    """Desa/kelurahan beneath ``region`` matching ``query`` (name or code), as
    :func:`pasardesa.regions.selectors.matching_villages` matches them, each with
    ``has_store`` set. The region is applied before the limit, so a common name
    ("Sukamaju") still finds this region's villages.
    """
    if not query.strip():
        return []
    villages = matching_villages(query, within=region)
    villages = villages.annotate(
        has_store=Exists(Store.objects.filter(village=OuterRef("pk")))
    ).order_by("name", "code")
    return list(villages[:limit])
