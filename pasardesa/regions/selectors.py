import unicodedata

from django.db import models
from django.db.models import QuerySet

from pasardesa.regions.models import REGION_CODE, Region, in_region


def region_path(region: Region) -> list[Region]:
    """The region and every region above it, provinsi first, in one query."""
    by_code = {r.code: r for r in Region.objects.filter(code__in=region.ancestor_codes)}
    return [by_code[c] for c in region.ancestor_codes if c in by_code] + [region]


def child_regions(region: Region | None) -> QuerySet[Region]:
    if region is None:
        return Region.objects.filter(level=Region.Level.PROVINSI)
    return region.children.all()


def _typed_name(text: str) -> str:
    """What a person typed, as something to look up: control characters
    (a NUL that PostgreSQL refuses in any text) dropped, spaces folded, at
    most 100 characters."""
    visible = "".join(ch for ch in (text or "") if unicodedata.category(ch) != "Cc")
    return " ".join(visible.split())[:100]


def matching_villages(query: str, *, within: Region | None = None) -> QuerySet[Region]:
    """Villages whose code starts with, or whose name contains, what was typed."""
    query = _typed_name(query)
    villages = Region.objects.filter(level=Region.Level.DESA)
    if within is not None:
        villages = villages.filter(in_region(within.code))
    villages = villages.select_related("parent__parent")
    if query.replace(".", "").isdigit():
        return villages.filter(code__startswith=query)
    return villages.filter(name__icontains=query)


def search_villages(query: str, *, within: Region | None = None, limit: int = 20) -> list[Region]:
    return list(matching_villages(query, within=within).order_by("name", "code")[:limit])


def villages_by_code(codes) -> list[Region]:
    """The villages of ``codes`` that exist, in the order given, each with its
    kecamatan and kabupaten (for ``place_name``); one query."""
    codes = [
        code
        for code in dict.fromkeys(codes)
        if isinstance(code, str) and REGION_CODE.fullmatch(code)
    ]
    found = {
        village.code: village
        for village in Region.objects.filter(
            code__in=codes, level=Region.Level.DESA
        ).select_related("parent__parent")
    }
    return [found[code] for code in codes if code in found]


# What people put before a region's name; the official names carry only
# "Kabupaten"/"Kota", so the rest is dropped before matching.
_KIND_WORDS = (
    "provinsi ",
    "prov. ",
    "kabupaten ",
    "kab. ",
    "kecamatan ",
    "kec. ",
    "desa ",
    "kelurahan ",
    "kel. ",
)


def regions_named(text: str, *, limit: int = 8) -> list[Region]:
    """Regions of every level whose name matches ``text`` ("Alor", "Kab. Alor",
    "dulolong"): exact names first, larger regions first, each with its two
    parents (for ``place_name``)."""
    name = _typed_name(text).lower()
    for word in _KIND_WORDS:
        if name.startswith(word):
            name = name[len(word) :]
            break
    if len(name) < 3:
        return []
    candidates = Region.objects.select_related("parent__parent")
    # Official kabupaten names start with "Kabupaten "; match those words too.
    exact = list(
        candidates.filter(
            models.Q(name__iexact=name) | models.Q(name__iexact=f"kabupaten {name}")
        ).order_by("level", "code")[:limit]
    )
    if exact:
        return exact
    return list(candidates.filter(name__icontains=name).order_by("level", "name", "code")[:limit])
