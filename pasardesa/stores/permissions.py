"""Who may run which village store, and which region. One place for the rules:

- an operator runs the stores they were appointed to, nothing else;
- a regional admin (kabupaten or provinsi) sees every store beneath their
  region, opens and deactivates stores there and appoints their operators;
- a platform superuser may do everything.
Views resolve objects through these querysets, so anything outside them is 404.
"""

from django.db.models import QuerySet

from pasardesa.regions.models import Region, RegionAdmin, in_regions
from pasardesa.stores.models import Store, StoreMember


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def stores_operated_by(user) -> QuerySet[Store]:
    if not _active(user):
        return Store.objects.none()
    if user.is_superuser:
        return Store.objects.all()
    return Store.objects.filter(
        members__user=user, members__role=StoreMember.Role.OPERATOR
    ).distinct()


def regions_administered_by(user) -> QuerySet[Region]:
    if not _active(user):
        return Region.objects.none()
    if user.is_superuser:
        return Region.objects.filter(level__lte=Region.Level.KABUPATEN)
    return Region.objects.filter(pk__in=RegionAdmin.objects.filter(user=user).values("region_id"))


def stores_in_administered_regions(user) -> QuerySet[Store]:
    if not _active(user):
        return Store.objects.none()
    if user.is_superuser:
        return Store.objects.all()
    codes = list(RegionAdmin.objects.filter(user=user).values_list("region_id", flat=True))
    return Store.objects.filter(in_regions(codes, "village__"))


def can_administer_region(user, region: Region) -> bool:
    """True for an admin of this region or of one above it."""
    if not _active(user):
        return False
    if user.is_superuser:
        return True
    codes = [*region.ancestor_codes, region.code]
    return RegionAdmin.objects.filter(user=user, region_id__in=codes).exists()
