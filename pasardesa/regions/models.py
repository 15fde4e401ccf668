import re
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# A region code as the official data writes it: 53, 53.05, 53.05.02, 53.05.02.2006.
REGION_CODE = re.compile(r"[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?")


def in_region(code: str, path: str = "") -> Q:
    """The one rule of "inside region ``code``": the region itself or any
    region beneath it (``53.05`` holds ``53.05.02`` and ``53.05.02.2006``,
    never ``53.050``).

    ``path`` leads from the model queried to a region: ``""`` on regions,
    ``"village__"`` on stores, ``"seller__store__village__"`` on products.
    """
    field = f"{path}code"
    return Q(**{field: code}) | Q(**{f"{field}__startswith": code + "."})


def in_regions(codes, path: str = "") -> Q:
    """Inside any of ``codes``; nothing at all when there are none."""
    codes = list(codes)
    if not codes:
        return Q(pk__in=[])
    return reduce(or_, (in_region(code, path) for code in codes))


class Region(models.Model):
    """An official administrative region, keyed by its Kepmendagri code.

    ``53`` is a provinsi, ``53.05`` a kabupaten/kota, ``53.05.02`` a kecamatan
    and ``53.05.02.2006`` a desa/kelurahan. The code is the primary key because
    it is what every document, form and URL already uses.
    """

    class Level(models.IntegerChoices):
        PROVINSI = 1, _("Provinsi")
        KABUPATEN = 2, _("Kabupaten/Kota")
        KECAMATAN = 3, _("Kecamatan")
        DESA = 4, _("Desa/Kelurahan")

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="region_level_1_to_4"
            ),
            models.CheckConstraint(
                condition=models.Q(level=1, parent__isnull=True)
                | models.Q(level__gt=1, parent__isnull=False),
                name="region_parent_iff_below_provinsi",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def ancestor_codes(self) -> list[str]:
        """Codes of the regions above this one, provinsi first."""
        parts = self.code.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]

    @property
    def kind_label(self) -> str:
        """What people call this region: Desa, Kelurahan, Kota, Kabupaten…"""
        if self.level == self.Level.DESA:
            return (
                str(_("Kelurahan")) if self.code.split(".")[3].startswith("1") else str(_("Desa"))
            )
        if self.level == self.Level.KABUPATEN:
            return ""  # the official name already says "Kabupaten …" or "Kota …"
        return str(self.get_level_display())

    @property
    def display_name(self) -> str:
        return f"{self.kind_label} {self.name}".strip()

    @property
    def place_name(self) -> str:
        """The name that tells one Desa Sukamaju from the other ten: "Desa
        Sukamaju, Kec. Cibeber, Kab. Cianjur". Load ``parent__parent`` with it."""
        parts = [self.display_name]
        kecamatan = self.parent if self.level > self.Level.KECAMATAN else None
        if kecamatan is not None:
            parts.append(str(_("Kec. %(name)s")) % {"name": kecamatan.name})
            kabupaten = kecamatan.parent
            if kabupaten is not None:
                parts.append(_short_kabupaten(kabupaten.name))
        elif self.level == self.Level.KECAMATAN and self.parent is not None:
            parts.append(_short_kabupaten(self.parent.name))
        return ", ".join(parts)


class RegionDataset(models.Model):
    """Which version of the shipped region data is in the database.

    Lets ``import_regions`` run on every start and skip work it already did.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    rows = models.PositiveIntegerField()
    imported_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.rows} rows ({self.sha256[:12]})"


class RegionAdmin(models.Model):
    """A kabupaten or provinsi office (admin wilayah): sees every store beneath it."""

    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="admins",
        limit_choices_to={"level__lte": 2},
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="region_roles"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("admin wilayah")
        verbose_name_plural = _("admin wilayah")
        constraints = [
            models.UniqueConstraint(fields=["region", "user"], name="one_admin_row_per_region"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.region}"


def _short_kabupaten(name: str) -> str:
    # The official names say "Kabupaten Alor" or "Kota Kupang"; "Kab." is how
    # an address line writes it.
    prefix = "Kabupaten "
    if name.startswith(prefix):
        return str(_("Kab. %(name)s")) % {"name": name[len(prefix) :]}
    return name
