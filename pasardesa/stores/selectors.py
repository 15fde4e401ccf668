from django.db.models import Count, Exists, OuterRef, QuerySet
from django.db.models.functions import Substr

from pasardesa.regions.models import Region, in_region
from pasardesa.regions.selectors import matching_villages
from pasardesa.stores.models import Store, StoreInvitation, StoreMember


def store_by_slug(slug: str) -> Store | None:
    return (
        Store.objects.filter(slug=slug, is_active=True)
        .select_related("village__parent__parent__parent")
        .first()
    )


# Length of the code one level down: 53 → 53.05 → 53.05.02 → 53.05.02.2006.
_CHILD_CODE_LENGTH = {
    Region.Level.PROVINSI: 5,
    Region.Level.KABUPATEN: 8,
    Region.Level.KECAMATAN: 13,
}


def child_markets(
    region: Region | None, *, stores: QuerySet[Store] | None = None
) -> list[tuple[Region, int]]:
    """The regions one level below ``region`` that have active stores, with counts.

    Two queries whatever the number of stores: the market of a provinsi links
    to the kabupaten that have stores, and so on down to the kecamatan.
    ``stores`` narrows which stores count (the buyer pages pass the listed ones).
    """
    level = Region.Level.PROVINSI if region is None else region.level + 1
    if level > Region.Level.DESA:
        return []
    length = 2 if region is None else _CHILD_CODE_LENGTH[region.level]
    stores = (Store.objects.all() if stores is None else stores).filter(is_active=True)
    if region is not None:
        stores = stores.filter(in_region(region.code, "village__"))
    counts = dict(
        stores.annotate(child=Substr("village_id", 1, length))
        .values_list("child")
        .annotate(n=Count("id"))
        .values_list("child", "n")
    )
    children = Region.objects.filter(code__in=counts.keys()).order_by("name")
    return [(child, counts[child.code]) for child in children]


def store_team(store: Store) -> QuerySet[StoreMember]:
    return (
        StoreMember.objects.filter(store=store)
        .select_related("user", "added_by")
        .order_by("-role", "user__name", "id")  # pengelola first
    )


def store_invitations(store: Store) -> QuerySet[StoreInvitation]:
    """Invitations of ``store`` nobody has answered yet, newest first."""
    return StoreInvitation.objects.filter(
        store=store, status=StoreInvitation.Status.PENDING
    ).select_related("invited_by")


def invitations_for(user) -> QuerySet[StoreInvitation]:
    """Pending invitations to the number of ``user``'s account: the only ones
    they may answer (anything else is a 404)."""
    if not (user.is_authenticated and user.is_active):
        return StoreInvitation.objects.none()
    return StoreInvitation.objects.filter(
        phone=user.phone, status=StoreInvitation.Status.PENDING, store__is_active=True
    ).select_related("store__village", "invited_by")


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
