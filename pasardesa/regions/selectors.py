from django.db.models import QuerySet

from pasardesa.regions.models import Region


def region_path(region: Region) -> list[Region]:
    """The region and every region above it, provinsi first, in one query."""
    by_code = {r.code: r for r in Region.objects.filter(code__in=region.ancestor_codes)}
    return [by_code[c] for c in region.ancestor_codes if c in by_code] + [region]


def child_regions(region: Region | None) -> QuerySet[Region]:
    if region is None:
        return Region.objects.filter(level=Region.Level.PROVINSI)
    return region.children.all()


def search_villages(query: str, *, limit: int = 20) -> QuerySet[Region]:
    """Villages whose name or code starts with what was typed."""
    query = query.strip()[:100]
    qs = Region.objects.filter(level=Region.Level.DESA)
    if query.replace(".", "").isdigit():
        return qs.filter(code__startswith=query)[:limit]
    return qs.filter(name__icontains=query).select_related("parent__parent")[:limit]
