import csv
import gzip
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasardesa.regions.models import Region, RegionAdmin, RegionDataset

DATASET_PATH = Path(__file__).resolve().parent / "data" / "wilayah.csv.gz"
_BATCH_SIZE = 5000
_LEVEL_BY_PARTS = {1: Region.Level.PROVINSI, 2: Region.Level.KABUPATEN, 3: Region.Level.KECAMATAN}


class RegionDataError(ValueError):
    """The region file has a row that is not an official code."""


@dataclass(frozen=True)
class RegionImportResult:
    rows: int
    skipped: bool


def _level_for(code: str) -> int:
    parts = code.split(".")
    valid_lengths = [2, 2, 2, 4][: len(parts)]
    if len(parts) > 4 or any(
        len(p) != n or not p.isdigit() for p, n in zip(parts, valid_lengths, strict=True)
    ):
        raise RegionDataError(f"not a Kepmendagri code: {code!r}")
    return _LEVEL_BY_PARTS.get(len(parts), Region.Level.DESA)


def _read_rows(raw: bytes) -> list[Region]:
    regions = []
    reader = csv.DictReader(raw.decode("utf-8").splitlines())
    for line_number, row in enumerate(reader, start=2):
        code, name = (row.get("kode") or "").strip(), (row.get("nama") or "").strip()
        if not code or not name:
            raise RegionDataError(f"line {line_number}: empty code or name")
        level = _level_for(code)
        parent = code.rsplit(".", 1)[0] if level > Region.Level.PROVINSI else None
        regions.append(Region(code=code, name=name, level=level, parent_id=parent))
    # Parents before children, whatever order the file is in.
    regions.sort(key=lambda r: (r.level, r.code))
    return regions


def import_regions(*, path: Path = DATASET_PATH, force: bool = False) -> RegionImportResult:
    """Load the official region list; safe to run on every start.

    Returns quickly when this exact file was imported before. Otherwise inserts
    new codes and updates names of existing ones, in one transaction.
    """
    raw = path.read_bytes()
    if path.suffix == ".gz":
        raw = gzip.decompress(raw)
    digest = hashlib.sha256(raw).hexdigest()
    if not force and RegionDataset.objects.filter(sha256=digest).exists():
        return RegionImportResult(rows=Region.objects.count(), skipped=True)

    regions = _read_rows(raw)
    with transaction.atomic():
        Region.objects.bulk_create(
            regions,
            batch_size=_BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "level", "parent"],
        )
        RegionDataset.objects.update_or_create(sha256=digest, defaults={"rows": len(regions)})
    return RegionImportResult(rows=len(regions), skipped=False)


@transaction.atomic
def appoint_region_admin(*, region: Region, user) -> RegionAdmin:
    """Make ``user`` an admin wilayah of ``region``: they see every store beneath it.

    Only a kabupaten/kota or a provinsi has admins (a kecamatan or desa is
    run by its village store's operators). Appointing the same person to the
    same region twice is refused, not silently ignored: a second appointment
    is a mistake someone should hear about, and the one row per region and
    person stays the database's rule (``one_admin_row_per_region``).

    Raises ``ValidationError`` (Indonesian message) for a region below the
    kabupaten or a person already appointed there; nothing changes then.
    """
    if region.level > Region.Level.KABUPATEN:
        raise ValidationError(
            {"region": _("Admin wilayah hanya untuk kabupaten/kota atau provinsi.")}
        )
    if RegionAdmin.objects.filter(region=region, user=user).exists():
        message = _("Orang ini sudah menjadi admin wilayah %(region)s.")
        raise ValidationError({"user": message % {"region": region.display_name}})
    return RegionAdmin.objects.create(region=region, user=user)
