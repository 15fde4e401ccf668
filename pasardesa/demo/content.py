"""How the demo content is written down: the shapes of a store, a seller and a
product, shorthands for goods, services and weekly hours, and the colours of
the things in the drawn photos. The villages in ``pasardesa.demo.villages``
are written with these; ``pasardesa.demo.loader`` turns them into rows.
"""

import datetime
from dataclasses import dataclass, field

from pasardesa.catalog.models import Product
from pasardesa.demo.photos import Colour
from pasardesa.sellers.models import Seller


@dataclass(frozen=True)
class Shot:
    """One drawn photo: a motif of ``photos.MOTIFS``, the item's colour, a pack label."""

    motif: str
    accent: Colour
    label: str = ""


@dataclass(frozen=True)
class DemoProduct:
    name: str
    category: str  # a starter category slug
    price_idr: int
    unit: str
    description: str
    photos: tuple[Shot, ...]
    kind: str = Product.Kind.GOODS
    stock: int | None = None
    discount_percent: int | None = None
    discount_idr: int | None = None
    is_negotiable: bool = False
    hidden: bool = False
    featured: bool = False  # the village's produk unggulan (OVOP)


@dataclass(frozen=True)
class DemoSeller:
    business_name: str
    owner_name: str
    whatsapp: str  # typed as people type it; the service normalises it
    description: str
    colour: Colour
    products: tuple[DemoProduct, ...]
    business_type: str = Seller.BusinessType.UMKM
    status: str = Seller.Status.VERIFIED
    suspension_reason: str = ""
    is_open: bool = True
    hours: dict[int, tuple[datetime.time, datetime.time]] = field(default_factory=dict)


@dataclass(frozen=True)
class DemoStore:
    village_code: str
    name: str
    tagline: str
    description: str
    whatsapp: str
    address: str
    centre: tuple[str, str]  # latitude, longitude of the village
    sellers: tuple[DemoSeller, ...]


def goods(name, category, price_idr, unit, description, *photos, stock=20, **options):
    return DemoProduct(
        name=name,
        category=category,
        price_idr=price_idr,
        unit=unit,
        description=description,
        photos=photos,
        stock=stock,
        **options,
    )


def service(name, price_idr, unit, description, *photos, **options):
    return DemoProduct(
        name=name,
        category="jasa",
        price_idr=price_idr,
        unit=unit,
        description=description,
        photos=photos,
        kind=Product.Kind.SERVICE,
        stock=None,
        **options,
    )


def hours(opens: str, closes: str, days=range(6), special=None) -> dict:
    """Weekly hours, the same on ``days`` (0 = Senin); ``special`` maps a day to other hours."""
    t = datetime.time.fromisoformat
    table = {day: (t(opens), t(closes)) for day in days}
    for day, (day_opens, day_closes) in (special or {}).items():
        table[day] = (t(day_opens), t(day_closes))
    return table


EVERY_DAY = range(7)

# Colours of the things in the photos.
MAROON = (146, 38, 46)
INDIGO = (42, 56, 104)
SOGA = (150, 92, 48)
SONGKET = (74, 30, 72)
SONGKET_RED = (140, 24, 40)
KENARI = (150, 106, 66)
KENARI_KUPAS = (222, 196, 156)
KOPI = (72, 44, 28)
KOPI_BEAN = (98, 60, 36)
KOPI_BAG = (120, 78, 44)
MADU = (214, 140, 28)
MINYAK = (236, 214, 150)
TONGKOL = (96, 116, 150)
KAKAP = (214, 92, 80)
TERI = (206, 200, 182)
CUMI = (232, 204, 172)
RUMPUT_LAUT = (118, 140, 66)
GULA = (126, 76, 38)
GULA_SEMUT = (172, 112, 52)
TEMPE = (226, 204, 150)
SINGKONG = (236, 196, 104)
PISANG = (244, 208, 64)
SAYUR = (62, 150, 56)
BAYAM = (48, 124, 52)
CABAI = (214, 40, 32)
MANGGIS = (98, 36, 66)
DURIAN = (128, 140, 58)
PEPAYA = (238, 150, 60)
TELUR = (214, 182, 142)
BAMBU = (214, 186, 120)
BERAS = (246, 244, 236)
JAHE = (196, 128, 96)
DAUN = (84, 162, 70)
SAMBAL = (192, 44, 30)
RUMPUT_HIJAU = (122, 160, 84)
KEBAYA = (176, 60, 90)
SERAGAM = (236, 236, 240)
KALIGRAFI = (22, 72, 52)
KALIGRAFI_BIRU = (28, 46, 92)
LENSA = (84, 124, 200)
LAYAR = (58, 140, 200)
MERAH = (200, 44, 44)
HITAM = (40, 40, 44)
HIJAU_MOTOR = (40, 140, 90)
