"""The demo market: five real villages, their sellers, goods and services.

``make run`` loads it into an empty database (``manage.py load_demo
--if-empty``) so a fresh install shows a living market. Everything is created
through the same services the operators and sellers use, in one transaction,
so the demo obeys every rule the product does (normalised WhatsApp numbers,
re-encoded photos, search index, featured product of the village's own
sellers). Photos are drawn at run time (``pasardesa.demo.photos``).

The content is data shown to users, so it is in Indonesian; it is not
translated. Phone numbers are made up (valid Indonesian mobile numbers typed
in the different ways people type them).
"""

import datetime
import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from pasardesa.accounts.services import register_user
from pasardesa.catalog.models import Category, Product
from pasardesa.catalog.services import ProductData, add_product_photo, create_product
from pasardesa.demo.photos import Colour, product_photo, seller_photo
from pasardesa.orders.models import ActorRole, OfferStatus
from pasardesa.orders.services import make_offer, transition_offer
from pasardesa.regions.models import Region, RegionAdmin
from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.sellers.services import (
    change_seller_status,
    register_seller,
    set_bank_account,
    set_opening_hours,
    set_seller_open,
    set_seller_photo,
)
from pasardesa.stores.models import Store, StoreMember
from pasardesa.stores.services import add_store_member, open_store, set_featured_product


class DemoError(Exception):
    """The demo cannot be loaded into this database (the message says why)."""


class MissingRegionsError(DemoError):
    """The demo villages are not in the regions table yet."""


@dataclass(frozen=True)
class DemoSummary:
    stores: int
    sellers: int
    products: int  # goods and services together
    services: int
    photos: int  # product photos; every seller has a photo too
    accounts: list["DemoAccount"] = field(default_factory=list)
    offers: int = 0

    def __str__(self) -> str:
        return (
            f"{self.stores} stores, {self.sellers} sellers, {self.products} products "
            f"({self.services} services), {self.photos} product photos, {self.offers} offers"
        )


@dataclass(frozen=True)
class DemoAccount:
    role: str
    name: str
    phone: str
    what: str


# One password for every demo account, printed by `make run` and in the README.
# The demo is only loaded into an empty database (and never with PASARDESA_DEMO=0).
DEMO_PASSWORD = "pasar-desa-demo"  # noqa: S105 - public demo password, by design


# --- how the content is written down ------------------------------------------


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

# --- the content ---------------------------------------------------------------

DULOLONG = DemoStore(
    village_code="53.05.02.2006",
    name="Toko Desa Dulolong",
    tagline="Tenun ikat, kenari, kopi, dan ikan segar dari pesisir Alor",
    description=(
        "Dulolong adalah desa pesisir di Kecamatan Alor Barat Laut, Kabupaten Alor, tidak "
        "jauh dari Kalabahi. Warganya nelayan, petani kebun, dan penenun. Pohon kenari "
        "tumbuh di lereng bukit dan bijinya dipecah satu per satu oleh mama-mama di kampung. "
        "Kain tenun ikat Alor dengan pewarna alam adalah produk unggulan desa. Pesanan "
        "dikirim lewat kapal atau pesawat dari Kalabahi, atau diambil di kantor desa."
    ),
    whatsapp="0812-3790-2006",
    address="Kantor Desa Dulolong, Kec. Alor Barat Laut, Kab. Alor, Nusa Tenggara Timur",
    centre=("-8.215000", "124.433000"),
    sellers=(
        DemoSeller(
            business_name="Tenun Ikat Bunga Laut",
            owner_name="Mama Halijah Bakar",
            whatsapp="0813-3945-2011",
            description=(
                "Kelompok dua belas penenun perempuan Dulolong. Benang diikat dan diwarnai "
                "sendiri dengan akar mengkudu, daun tarum, dan kulit kayu, lalu ditenun dengan "
                "alat gedogan. Satu lembar kain memakan waktu satu sampai tiga bulan."
            ),
            colour=MAROON,
            hours=hours("08:00", "17:00"),
            products=(
                goods(
                    "Kain Tenun Ikat Alor Motif Ikan",
                    "fashion",
                    1_250_000,
                    "lembar",
                    "Kain tenun ikat pewarna alam (akar mengkudu dan tarum) dengan motif ikan "
                    "dan perahu khas pesisir Alor. Ukuran sekitar 180 × 70 cm, ditenun tangan "
                    "selama dua bulan. Cocok untuk selimut adat, hiasan dinding, atau bahan "
                    "kebaya. Harga bisa dibicarakan untuk pembelian lebih dari satu lembar.",
                    Shot("kain", MAROON),
                    Shot("kain", SOGA),
                    Shot("kain", INDIGO),
                    stock=3,
                    is_negotiable=True,
                    featured=True,
                ),
                goods(
                    "Selendang Tenun Ikat Alor",
                    "fashion",
                    250_000,
                    "lembar",
                    "Selendang tenun ikat ukuran sekitar 200 × 30 cm, motif belah ketupat. "
                    "Dipakai untuk acara adat dan wisuda, atau dibawa sebagai oleh-oleh dari Alor.",
                    Shot("kain", SOGA),
                    Shot("kain", MAROON),
                    stock=8,
                    discount_percent=10,
                ),
                goods(
                    "Sarung Tenun Ikat Pria",
                    "fashion",
                    850_000,
                    "lembar",
                    "Sarung tenun ikat dua sambungan dengan warna dasar biru tua dari daun "
                    "tarum. Benang katun, ukuran sekitar 170 × 110 cm.",
                    Shot("kain", INDIGO),
                    stock=2,
                    is_negotiable=True,
                ),
                goods(
                    "Tas Selempang Tenun Ikat",
                    "kerajinan",
                    150_000,
                    "pcs",
                    "Tas kecil dari potongan kain tenun ikat, berlapis kain dalam dan "
                    "beresleting. Muat ponsel, dompet, dan kunci.",
                    Shot("kain", (196, 96, 40)),
                    stock=10,
                ),
                goods(
                    "Kain Tenun Ikat Motif Lama (Koleksi)",
                    "fashion",
                    2_500_000,
                    "lembar",
                    "Kain tenun ikat koleksi berumur lebih dari tiga puluh tahun. Disembunyikan "
                    "sementara sambil menunggu keputusan keluarga.",
                    Shot("kain", (92, 44, 36)),
                    stock=1,
                    is_negotiable=True,
                    hidden=True,
                ),
            ),
        ),
        DemoSeller(
            business_name="Kenari Pesisir Dulolong",
            business_type=Seller.BusinessType.BUMDES,
            owner_name="Abdul Karim Manilet",
            whatsapp="6281338472011",
            description=(
                "Mengumpulkan kenari dari kebun warga di lereng Dulolong dan Alor Besar. Biji "
                "kenari dipecah satu per satu dengan batu, dijemur, lalu disortir; tanpa "
                "bahan pengawet."
            ),
            colour=KENARI,
            products=(
                goods(
                    "Kenari Kupas Alor 1 kg",
                    "hasil-tani",
                    120_000,
                    "kg",
                    "Biji kenari kupas kering, utuh dan bersih, hasil pecah tangan mama-mama "
                    "Dulolong. Gurih untuk kue, bubur, sambal kenari, atau dimakan langsung. "
                    "Tahan tiga bulan dalam wadah tertutup.",
                    Shot("mangkuk", KENARI_KUPAS),
                    Shot("bungkus", KENARI, "KENARI ALOR"),
                    stock=40,
                ),
                goods(
                    "Kenari Kupas Alor 250 gram",
                    "hasil-tani",
                    32_000,
                    "bungkus",
                    "Kemasan kecil kenari kupas, pas untuk mencoba atau untuk oleh-oleh.",
                    Shot("bungkus", KENARI, "KENARI 250 G"),
                    stock=60,
                    discount_idr=2_000,
                ),
                goods(
                    "Kenari Sangrai Madu",
                    "makanan-minuman",
                    35_000,
                    "bungkus",
                    "Kenari sangrai berbalut madu hutan Alor, renyah dan tidak terlalu manis. "
                    "Isi 200 gram.",
                    Shot("bungkus", MADU, "KENARI MADU"),
                    Shot("mangkuk", KENARI),
                    stock=25,
                ),
                goods(
                    "Bagea Kenari",
                    "makanan-minuman",
                    25_000,
                    "bungkus",
                    "Kue kering keras dari sagu dan kenari tumbuk, khas Alor. Tahan sebulan. "
                    "Sedang habis; kami membuat lagi setiap hari Jumat.",
                    Shot("kue", (214, 178, 120)),
                    stock=0,
                ),
                goods(
                    "Minyak Kenari Murni 100 ml",
                    "herbal",
                    75_000,
                    "botol",
                    "Minyak dari biji kenari yang diperas tanpa pemanasan. Dipakai untuk rambut "
                    "dan kulit kering, atau sebagai minyak masak yang harum.",
                    Shot("botol", MINYAK, "MINYAK KENARI"),
                    stock=12,
                ),
            ),
        ),
        DemoSeller(
            business_name="Hasil Laut Bahari Dulolong",
            owner_name="Ahmad Salim Boli",
            whatsapp="+62 852-3901-2006",
            description=(
                "Perahu motor kami melaut setiap malam di perairan Alor. Ikan dijual pagi hari, "
                "segar dari perahu, dan bisa dibersihkan serta dipotong. Pesan sebelum jam "
                "09.00 supaya kebagian."
            ),
            colour=TONGKOL,
            hours=hours("05:30", "11:00", EVERY_DAY),
            products=(
                goods(
                    "Ikan Tongkol Segar",
                    "hasil-laut-ternak",
                    35_000,
                    "kg",
                    "Tongkol tangkapan semalam, dijual utuh atau sudah dibersihkan. Enak "
                    "dibakar, digoreng, atau dimasak kuah asam.",
                    Shot("ikan", TONGKOL),
                    Shot("ikan", (84, 104, 132)),
                    stock=30,
                    is_negotiable=True,
                ),
                goods(
                    "Ikan Kakap Merah",
                    "hasil-laut-ternak",
                    70_000,
                    "kg",
                    "Kakap merah ukuran 1 sampai 2 kg per ekor, dari pancing dasar. Dagingnya "
                    "tebal dan manis, cocok untuk ikan bakar atau sup.",
                    Shot("ikan", KAKAP),
                    stock=12,
                    is_negotiable=True,
                ),
                goods(
                    "Ikan Teri Kering Alor",
                    "hasil-laut-ternak",
                    30_000,
                    "bungkus",
                    "Teri dijemur di bawah matahari Alor tanpa pemutih. Isi 250 gram, tawar "
                    "(tidak terlalu asin).",
                    Shot("bungkus", TERI, "TERI ALOR"),
                    Shot("ikan", TERI),
                    stock=40,
                ),
                goods(
                    "Abon Ikan Tuna",
                    "makanan-minuman",
                    35_000,
                    "bungkus",
                    "Abon dari daging tuna segar dengan bumbu kunyit dan serai, digoreng kering. "
                    "Isi 100 gram, tahan dua bulan.",
                    Shot("bungkus", (176, 118, 60), "ABON TUNA"),
                    stock=20,
                    discount_percent=15,
                ),
                goods(
                    "Cumi Kering",
                    "hasil-laut-ternak",
                    85_000,
                    "bungkus",
                    "Cumi jemur ukuran sedang, isi 250 gram. Sedang habis; musim cumi "
                    "berikutnya sekitar dua minggu lagi.",
                    Shot("ikan", CUMI),
                    stock=0,
                ),
                goods(
                    "Rumput Laut Kering",
                    "hasil-laut-ternak",
                    25_000,
                    "kg",
                    "Rumput laut Eucheuma cottonii dari budidaya warga, dijemur bersih. Untuk "
                    "agar-agar, dodol, atau dijual lagi.",
                    Shot("ikat_daun", RUMPUT_LAUT),
                    stock=50,
                ),
            ),
        ),
        DemoSeller(
            business_name="Kopi Alor Mama Ros",
            owner_name="Rosalina Maro",
            whatsapp="0821-4470-2006",
            description=(
                "Kopi robusta dan arabika dari kebun keluarga di pegunungan Alor, disangrai "
                "sendiri di Dulolong dengan wajan tanah liat. Bubuk digiling saat ada pesanan "
                "supaya aromanya tetap kuat."
            ),
            colour=KOPI_BAG,
            hours=hours("08:00", "18:00"),
            products=(
                goods(
                    "Kopi Bubuk Robusta Alor 250 g",
                    "makanan-minuman",
                    40_000,
                    "bungkus",
                    "Kopi robusta Alor sangrai sedang, digiling halus. Rasa cokelat dan sedikit "
                    "pahit, cocok diseduh tubruk dengan gula.",
                    Shot("bungkus", KOPI_BAG, "KOPI ALOR"),
                    Shot("cangkir", KOPI),
                    Shot("mangkuk", KOPI_BEAN),
                    stock=35,
                ),
                goods(
                    "Biji Kopi Sangrai Alor 1 kg",
                    "makanan-minuman",
                    140_000,
                    "kg",
                    "Biji kopi robusta utuh sangrai sedang, untuk kedai atau penggiling sendiri.",
                    Shot("mangkuk", KOPI_BEAN),
                    stock=10,
                    discount_idr=10_000,
                ),
                goods(
                    "Kopi Arabika Alor 100 g",
                    "makanan-minuman",
                    35_000,
                    "bungkus",
                    "Arabika dari ketinggian 1.000 meter, sangrai terang. Asam buah yang segar.",
                    Shot("bungkus", (60, 90, 70), "ARABIKA ALOR"),
                    Shot("cangkir", KOPI),
                    stock=15,
                ),
                goods(
                    "Vanili Kering Alor 50 g",
                    "hasil-tani",
                    90_000,
                    "bungkus",
                    "Polong vanili kering dari kebun di Alor, lentur dan harum. Sekitar 12 "
                    "batang per 50 gram.",
                    Shot("sapu", (70, 46, 30)),
                    stock=6,
                ),
            ),
        ),
        DemoSeller(
            business_name="Penjahit Bunda Nur",
            business_type=Seller.BusinessType.SERVICE,
            owner_name="Nurhayati Abdullah",
            whatsapp="0853-3845-2006",
            description=(
                "Menjahit baju kurung, kebaya, gamis, dan seragam sekolah sejak 2009. Bisa "
                "menjahit dari kain tenun milik pembeli. Ukur badan di rumah kami atau kirim "
                "ukuran lewat WhatsApp."
            ),
            colour=KEBAYA,
            hours=hours("08:00", "16:00"),
            products=(
                service(
                    "Jahit Kebaya atau Baju Kurung",
                    175_000,
                    "pcs",
                    "Ongkos jahit kebaya atau baju kurung dari kain pembeli, sudah termasuk "
                    "furing dan kancing. Selesai 7 sampai 10 hari.",
                    Shot("baju", KEBAYA),
                    is_negotiable=True,
                ),
                service(
                    "Jahit Kebaya dari Kain Tenun",
                    300_000,
                    "pcs",
                    "Kain tenun ikat Anda dijadikan kebaya atau blazer tanpa memotong motif "
                    "utama. Konsultasi model gratis.",
                    Shot("baju", MAROON),
                    Shot("kain", MAROON),
                ),
                service(
                    "Vermak Celana dan Rok",
                    20_000,
                    "pcs",
                    "Potong panjang, kecilkan pinggang, atau ganti resleting. Selesai 1 sampai "
                    "2 hari.",
                    Shot("baju", INDIGO),
                ),
                service(
                    "Jahit Seragam Sekolah (1 Stel)",
                    250_000,
                    "paket",
                    "Satu stel kemeja dan celana atau rok seragam SD, SMP, atau SMA, kain dari "
                    "kami. Pesan paling lambat tiga minggu sebelum tahun ajaran baru.",
                    Shot("baju", SERAGAM),
                    discount_percent=10,
                ),
            ),
        ),
        DemoSeller(
            business_name="Kaligrafi Nur Ilahi",
            business_type=Seller.BusinessType.SERVICE,
            owner_name="Ustaz Ibrahim Kasim",
            whatsapp="+6281246672006",
            description=(
                "Menulis kaligrafi Arab dengan cat minyak di kanvas, kayu, dan kaca. Menerima "
                "pesanan untuk masjid, hiasan rumah, mahar, dan hadiah; juga mengajar kelas "
                "kaligrafi untuk anak-anak dan remaja."
            ),
            colour=KALIGRAFI,
            products=(
                service(
                    "Kaligrafi Kanvas 40 × 60 cm",
                    450_000,
                    "lembar",
                    "Kaligrafi ayat atau doa pilihan Anda di kanvas 40 × 60 cm dengan cat minyak "
                    "dan aksen prada emas, selesai dua minggu. Bingkai bisa ditambah.",
                    Shot("kaligrafi", KALIGRAFI),
                    Shot("kaligrafi", KALIGRAFI_BIRU),
                    is_negotiable=True,
                ),
                service(
                    "Kaligrafi Nama untuk Mahar",
                    150_000,
                    "pcs",
                    "Nama kedua mempelai dalam tulisan Arab, dihias untuk seserahan atau mahar.",
                    Shot("kaligrafi", (110, 30, 40)),
                ),
                service(
                    "Kelas Kaligrafi untuk Pemula",
                    50_000,
                    "sesi",
                    "Belajar dasar khat naskhi dan tsuluts, dua jam per sesi. Pena, tinta, dan "
                    "kertas latihan disediakan.",
                    Shot("kaligrafi", KALIGRAFI),
                ),
                goods(
                    "Kaligrafi Ayat Kursi Siap Pajang",
                    "kerajinan",
                    350_000,
                    "pcs",
                    "Kaligrafi Ayat Kursi di kanvas 50 × 70 cm, sudah berbingkai kayu jati. "
                    "Siap dikirim.",
                    Shot("kaligrafi", KALIGRAFI_BIRU),
                    stock=2,
                ),
            ),
        ),
    ),
)

SEMPOR_LOR = DemoStore(
    village_code="33.03.04.2010",
    name="Toko Desa Sempor Lor",
    tagline="Gula kelapa dan gula semut dari para penderes Kaligondang",
    description=(
        "Sempor Lor berada di Kecamatan Kaligondang, Kabupaten Purbalingga, di antara kebun "
        "kelapa dan sawah. Setiap pagi dan sore para penderes memanjat pohon kelapa untuk "
        "mengambil nira, yang dimasak menjadi gula kelapa cetak dan gula semut. Warga juga "
        "membuat camilan khas Banyumasan dan melayani jasa foto untuk acara di desa."
    ),
    whatsapp="0857-2725-2010",
    address="Balai Desa Sempor Lor, Kec. Kaligondang, Kab. Purbalingga, Jawa Tengah",
    centre=("-7.412000", "109.426500"),
    sellers=(
        DemoSeller(
            business_name="KUB Gula Semut Manggar Sari",
            owner_name="Karsono",
            whatsapp="62 857-4261-2010",
            description=(
                "Kelompok usaha bersama 25 penderes nira kelapa. Gula semut kami diolah tanpa "
                "pemutih dan pengawet; kadar airnya dijaga rendah supaya tidak menggumpal."
            ),
            colour=GULA_SEMUT,
            hours=hours("07:00", "15:00"),
            products=(
                goods(
                    "Gula Semut Kelapa 500 g",
                    "sembako",
                    30_000,
                    "bungkus",
                    "Gula kelapa kristal dari nira segar, butirannya halus dan mudah larut. "
                    "Pengganti gula pasir untuk kopi, teh, dan kue.",
                    Shot("bungkus", GULA_SEMUT, "GULA SEMUT"),
                    Shot("mangkuk", GULA_SEMUT),
                    stock=80,
                    featured=True,
                ),
                goods(
                    "Gula Semut Kelapa 1 kg",
                    "sembako",
                    55_000,
                    "bungkus",
                    "Kemasan hemat untuk warung kopi dan pembuat kue.",
                    Shot("bungkus", GULA_SEMUT, "GULA SEMUT 1 KG"),
                    stock=40,
                    discount_idr=5_000,
                ),
                goods(
                    "Gula Kelapa Cetak",
                    "sembako",
                    18_000,
                    "kg",
                    "Gula kelapa cetak batok, warna cokelat keemasan, wangi nira. Untuk "
                    "masakan, bubur, dan jenang.",
                    Shot("gula", GULA),
                    Shot("gula", (150, 92, 44)),
                    stock=100,
                ),
                goods(
                    "Gula Semut Jahe 250 g",
                    "herbal",
                    20_000,
                    "bungkus",
                    "Gula semut dicampur jahe emprit, tinggal seduh air panas untuk wedang "
                    "jahe yang menghangatkan.",
                    Shot("bungkus", JAHE, "GULA JAHE"),
                    stock=30,
                    discount_percent=10,
                ),
            ),
        ),
        DemoSeller(
            business_name="Dapur Mbok Sarinah",
            owner_name="Sarinah",
            whatsapp="0896-6512-2010",
            description=(
                "Camilan dan lauk khas Banyumasan buatan rumah: tempe mendoan, keripik, dan "
                "nopia, digoreng dengan minyak baru setiap hari. Sementara tutup karena ada "
                "hajatan keluarga."
            ),
            colour=TEMPE,
            is_open=False,
            hours=hours("07:00", "20:00", EVERY_DAY),
            products=(
                goods(
                    "Tempe Mendoan Siap Goreng",
                    "makanan-minuman",
                    10_000,
                    "bungkus",
                    "Sepuluh lembar tempe tipis dengan adonan tepung berbumbu terpisah. Goreng "
                    "setengah matang seperti di warung Purbalingga.",
                    Shot("bungkus", TEMPE, "MENDOAN"),
                    stock=20,
                ),
                goods(
                    "Keripik Singkong Pedas Manis",
                    "makanan-minuman",
                    12_000,
                    "bungkus",
                    "Keripik singkong tipis dengan bumbu cabai dan gula kelapa. Isi 200 gram.",
                    Shot("bungkus", SINGKONG, "KERIPIK"),
                    Shot("kue", SINGKONG),
                    stock=30,
                    discount_idr=2_000,
                ),
                goods(
                    "Nopia Bawang Merah",
                    "makanan-minuman",
                    15_000,
                    "bungkus",
                    "Nopia kecil (mino) berisi gula merah dan bawang goreng, dipanggang di "
                    "tungku tanah liat. Isi 10.",
                    Shot("kue", (232, 214, 176)),
                    stock=25,
                ),
                goods(
                    "Sale Pisang Kering",
                    "makanan-minuman",
                    20_000,
                    "bungkus",
                    "Pisang ambon dijemur sampai legit tanpa tambahan gula. Isi 250 gram.",
                    Shot("bungkus", (140, 90, 50), "SALE PISANG"),
                    Shot("pisang", (170, 120, 60)),
                    stock=15,
                ),
            ),
        ),
        DemoSeller(
            business_name="Lensa Desa Foto dan Video",
            business_type=Seller.BusinessType.SERVICE,
            owner_name="Dimas Prasetyo",
            whatsapp="+62 812-2689-2010",
            description=(
                "Fotografer dan videografer yang melayani pernikahan, khitanan, wisuda, dan "
                "foto produk untuk UMKM, supaya dagangan desa tampak menarik di internet."
            ),
            colour=LENSA,
            products=(
                service(
                    "Paket Foto Pernikahan",
                    3_500_000,
                    "paket",
                    "Dua fotografer untuk akad dan resepsi, 300 foto pilihan yang sudah "
                    "diperbaiki warnanya, dan album cetak 20 halaman.",
                    Shot("kamera", LENSA),
                    Shot("kamera", MERAH),
                    is_negotiable=True,
                ),
                service(
                    "Foto Produk UMKM",
                    150_000,
                    "sesi",
                    "Sepuluh foto produk dengan latar bersih, siap untuk toko online dan "
                    "WhatsApp. Kami datang ke rumah atau tempat usaha Anda di Purbalingga.",
                    Shot("kamera", (230, 170, 40)),
                    discount_percent=20,
                ),
                service(
                    "Video Dokumentasi Acara",
                    250_000,
                    "jam",
                    "Perekaman video acara desa, pengajian, atau hajatan, ditambah video "
                    "ringkasan 3 sampai 5 menit.",
                    Shot("kamera", HITAM),
                ),
                service(
                    "Pas Foto dan Cetak",
                    25_000,
                    "paket",
                    "Pas foto latar merah atau biru: 4 lembar 3 × 4 dan 4 lembar 4 × 6, jadi "
                    "dalam 15 menit.",
                    Shot("kamera", MERAH),
                ),
            ),
        ),
    ),
)

DAGAN = DemoStore(
    village_code="33.03.09.2013",
    name="Toko Desa Dagan",
    tagline="Anyaman bambu, sayur, dan buah dari kaki Gunung Slamet",
    description=(
        "Dagan terletak di Kecamatan Bobotsari, Kabupaten Purbalingga, dekat Pasar Bobotsari "
        "yang ramai sejak subuh. Rumpun bambu di tepi sungai menjadi bahan besek dan tampah "
        "yang dianyam ibu-ibu di sela waktu bertani; besek Dagan adalah produk unggulan desa. "
        "Tanahnya subur: sayur, manggis, dan durian tumbuh di pekarangan."
    ),
    whatsapp="085291302013",
    address="Balai Desa Dagan, Kec. Bobotsari, Kab. Purbalingga, Jawa Tengah",
    centre=("-7.304000", "109.343000"),
    sellers=(
        DemoSeller(
            business_name="Anyaman Bambu Mbah Sastro",
            owner_name="Sastro Wiyono",
            whatsapp="0823-2716-2013",
            description=(
                "Tiga generasi menganyam bambu apus dari kebun sendiri. Besek kami dipakai "
                "untuk hantaran, nasi berkat, dan kemasan oleh-oleh; pesanan jumlah besar untuk "
                "hajatan dilayani."
            ),
            colour=BAMBU,
            hours=hours("07:00", "16:00", EVERY_DAY),
            products=(
                goods(
                    "Besek Bambu (Isi 10)",
                    "kerajinan",
                    20_000,
                    "paket",
                    "Sepuluh besek bambu ukuran 20 × 20 cm dengan tutup. Wadah ramah lingkungan "
                    "untuk nasi berkat, kue, dan oleh-oleh.",
                    Shot("anyaman", BAMBU),
                    Shot("anyaman", (200, 168, 104)),
                    stock=50,
                    featured=True,
                ),
                goods(
                    "Tampah Bambu Diameter 50 cm",
                    "kerajinan",
                    25_000,
                    "pcs",
                    "Tampah anyaman rapat untuk menampi beras, menjemur kerupuk, atau alas "
                    "tumpeng.",
                    Shot("anyaman", (222, 196, 132)),
                    stock=20,
                ),
                goods(
                    "Caping Bambu",
                    "kerajinan",
                    20_000,
                    "pcs",
                    "Caping anyaman bambu berlapis, ringan dan teduh untuk ke sawah atau ke kebun.",
                    Shot("anyaman", (206, 176, 110)),
                    stock=15,
                    discount_idr=3_000,
                ),
                goods(
                    "Kukusan Bambu",
                    "kerajinan",
                    15_000,
                    "pcs",
                    "Kukusan kerucut untuk menanak nasi di dandang, anyaman rapat dan kuat.",
                    Shot("anyaman", (190, 160, 100)),
                    stock=0,
                ),
            ),
        ),
        DemoSeller(
            business_name="Sayur Segar Bu Warsih",
            business_type=Seller.BusinessType.MARKET,
            owner_name="Warsih",
            whatsapp="62 821-3801-2013",
            description=(
                "Pedagang sayur dan buah di Pasar Bobotsari. Barang diambil dari petani Dagan "
                "dan sekitarnya setiap subuh; pesanan sebelum jam 08.00 diantar ojek desa di "
                "hari yang sama."
            ),
            colour=SAYUR,
            hours=hours("05:00", "11:00", EVERY_DAY),
            products=(
                goods(
                    "Kangkung",
                    "hasil-tani",
                    3_000,
                    "ikat",
                    "Kangkung darat muda dari kebun Dagan, dipetik subuh.",
                    Shot("ikat_daun", SAYUR),
                    stock=40,
                ),
                goods(
                    "Bayam Hijau",
                    "hasil-tani",
                    3_000,
                    "ikat",
                    "Bayam hijau segar untuk sayur bening dan pecel.",
                    Shot("ikat_daun", BAYAM),
                    stock=30,
                ),
                goods(
                    "Cabai Rawit Merah",
                    "hasil-tani",
                    45_000,
                    "kg",
                    "Cabai rawit merah pedas dari petani Bobotsari. Harga mengikuti pasar; "
                    "boleh ditawar untuk pembelian di atas 2 kg.",
                    Shot("cabai", CABAI),
                    stock=10,
                    is_negotiable=True,
                ),
                goods(
                    "Pisang Ambon",
                    "hasil-tani",
                    20_000,
                    "sisir",
                    "Satu sisir pisang ambon matang pohon, isi 12 sampai 16 buah.",
                    Shot("pisang", PISANG),
                    stock=12,
                ),
                goods(
                    "Manggis Purbalingga",
                    "hasil-tani",
                    25_000,
                    "kg",
                    "Manggis dari pekarangan warga di kaki Gunung Slamet, daging putih dan manis. "
                    "Sekitar 8 sampai 10 buah per kilogram.",
                    Shot("buah", MANGGIS),
                    Shot("buah", (110, 40, 72)),
                    stock=20,
                    discount_percent=10,
                ),
                goods(
                    "Telur Ayam Kampung",
                    "hasil-laut-ternak",
                    2_500,
                    "butir",
                    "Telur ayam kampung dari peternak Dagan, dipanen setiap hari.",
                    Shot("telur", TELUR),
                    stock=120,
                ),
                goods(
                    "Durian Bobotsari",
                    "hasil-tani",
                    60_000,
                    "pcs",
                    "Durian lokal berdaging tebal. Belum musim; ditampilkan lagi saat panen.",
                    Shot("buah", DURIAN),
                    stock=0,
                    is_negotiable=True,
                    hidden=True,
                ),
            ),
        ),
        DemoSeller(
            business_name="Dagan Cell Servis HP",
            business_type=Seller.BusinessType.SERVICE,
            owner_name="Rizky Aditya",
            whatsapp="+62 877-3702-2013",
            description=(
                "Servis HP Android segala merek: ganti layar, baterai, konektor cas, dan "
                "instal ulang. Suku cadang bergaransi satu bulan. Kerusakan ringan bisa "
                "ditunggu."
            ),
            colour=LAYAR,
            hours=hours("09:00", "20:00"),
            products=(
                service(
                    "Ganti LCD HP Android",
                    350_000,
                    "unit",
                    "Harga mulai Rp350.000 tergantung merek dan tipe, sudah termasuk pemasangan. "
                    "Tanyakan dulu lewat WhatsApp dengan menyebut tipe HP Anda.",
                    Shot("ponsel", LAYAR),
                    Shot("ponsel", (40, 160, 120)),
                    is_negotiable=True,
                ),
                service(
                    "Ganti Baterai HP",
                    150_000,
                    "unit",
                    "Baterai baru bergaransi satu bulan, dipasang 30 menit.",
                    Shot("ponsel", (230, 150, 40)),
                ),
                service(
                    "Instal Ulang dan Bersihkan Virus",
                    75_000,
                    "unit",
                    "HP lambat atau penuh iklan? Kami cadangkan foto dan kontak, lalu pasang "
                    "ulang sistemnya. Selesai 2 jam.",
                    Shot("ponsel", (120, 80, 180)),
                ),
                goods(
                    "Charger Fast Charging 18W",
                    "lainnya",
                    65_000,
                    "pcs",
                    "Kepala charger 18W dengan kabel USB-C, bergaransi satu bulan.",
                    Shot("bungkus", HITAM, "CHARGER 18W"),
                    stock=8,
                ),
                goods(
                    "Kabel Data USB-C 1 Meter",
                    "lainnya",
                    25_000,
                    "pcs",
                    "Kabel data USB-C tebal, bisa untuk pengisian cepat.",
                    Shot("bungkus", (240, 240, 240), "KABEL USB-C"),
                    stock=0,
                ),
            ),
        ),
        DemoSeller(
            business_name="Pulsa dan Voucher Berkah",
            business_type=Seller.BusinessType.OTHER,
            owner_name="Agus Riyanto",
            whatsapp="0819-0512-2013",
            description="Jual pulsa, paket data, dan token listrik.",
            colour=(200, 60, 120),
            status=Seller.Status.SUSPENDED,
            suspension_reason=(
                "Tiga pembeli melapor token listrik yang sudah dibayar tidak dikirim. "
                "Dibekukan sampai masalahnya selesai."
            ),
            products=(
                goods(
                    "Voucher Paket Data 10 GB",
                    "lainnya",
                    55_000,
                    "pcs",
                    "Voucher paket data 10 GB berlaku 30 hari.",
                    Shot("ponsel", (200, 60, 120)),
                    stock=30,
                ),
                goods(
                    "Token Listrik 50.000",
                    "lainnya",
                    52_000,
                    "pcs",
                    "Token listrik prabayar nominal Rp50.000.",
                    Shot("bungkus", (250, 210, 60), "TOKEN PLN"),
                    stock=100,
                ),
            ),
        ),
    ),
)

AMIN_JAYA = DemoStore(
    village_code="62.01.06.2007",
    name="Toko Desa Amin Jaya",
    tagline="Madu kelulut dan hasil tani dari Pangkalan Banteng",
    description=(
        "Amin Jaya adalah desa di Kecamatan Pangkalan Banteng, Kabupaten Kotawaringin Barat. "
        "Banyak warganya keluarga transmigran dari Jawa yang kini berkebun karet dan sawit, "
        "menanam padi dan sayur, serta beternak lebah kelulut di pekarangan. Madu kelulut "
        "yang asam-manis menjadi produk unggulan desa."
    ),
    whatsapp="0813-4988-2007",
    address="Kantor Desa Amin Jaya, Kec. Pangkalan Banteng, Kab. Kotawaringin Barat, "
    "Kalimantan Tengah",
    centre=("-2.568000", "111.942000"),
    sellers=(
        DemoSeller(
            business_name="Madu Kelulut Amin Jaya",
            owner_name="Suyitno",
            whatsapp="0813-5210-2007",
            description=(
                "Beternak lebah kelulut (Trigona) di 60 kotak stup di pekarangan dan kebun "
                "karet. Madu disedot langsung dari kantong madu, tidak dipanaskan, lalu dikemas "
                "dalam botol kaca."
            ),
            colour=MADU,
            hours=hours("07:00", "17:00", EVERY_DAY),
            products=(
                goods(
                    "Madu Kelulut Murni 250 ml",
                    "herbal",
                    85_000,
                    "botol",
                    "Madu lebah kelulut dengan rasa asam-manis yang khas, encer, dari nektar "
                    "bunga karet, akasia, dan tanaman hutan. Simpan di kulkas setelah dibuka.",
                    Shot("botol", MADU, "MADU KELULUT"),
                    Shot("sarang", MADU),
                    stock=30,
                    featured=True,
                ),
                goods(
                    "Madu Kelulut Murni 500 ml",
                    "herbal",
                    160_000,
                    "botol",
                    "Ukuran keluarga madu kelulut murni. Panen bulan ini.",
                    Shot("botol", (200, 124, 20), "MADU 500 ML"),
                    stock=15,
                    discount_percent=10,
                ),
                goods(
                    "Propolis Kelulut 30 ml",
                    "herbal",
                    75_000,
                    "botol",
                    "Ekstrak propolis dari sarang kelulut dalam botol tetes.",
                    Shot("botol", (90, 60, 30), "PROPOLIS"),
                    stock=10,
                ),
                goods(
                    "Stup Koloni Kelulut Siap Panen",
                    "lainnya",
                    350_000,
                    "pcs",
                    "Kotak kayu berisi koloni kelulut yang sudah produktif, untuk Anda yang "
                    "ingin mulai beternak. Termasuk panduan merawat.",
                    Shot("sarang", MADU),
                    stock=4,
                    is_negotiable=True,
                ),
            ),
        ),
        DemoSeller(
            business_name="Gapoktan Tani Makmur",
            business_type=Seller.BusinessType.OTHER,
            owner_name="Sri Wahyuni",
            whatsapp="6285249802007",
            description=(
                "Gabungan kelompok tani yang menjual hasil panen anggota langsung ke pembeli: "
                "beras dari sawah desa, jahe merah, buah, dan bibit dari kebun pembibitan "
                "kelompok."
            ),
            colour=(120, 160, 60),
            products=(
                goods(
                    "Beras Lokal Amin Jaya",
                    "sembako",
                    13_000,
                    "kg",
                    "Beras putih dari sawah desa, digiling di penggilingan kelompok. Pulen "
                    "dan tidak berkutu.",
                    Shot("karung", BERAS, "BERAS AMIN JAYA"),
                    stock=500,
                ),
                goods(
                    "Beras Karung 25 kg",
                    "sembako",
                    310_000,
                    "karung",
                    "Satu karung beras lokal 25 kg, hemat untuk keluarga dan warung makan.",
                    Shot("karung", BERAS, "BERAS 25 KG"),
                    stock=20,
                    discount_idr=10_000,
                ),
                goods(
                    "Jahe Merah",
                    "herbal",
                    30_000,
                    "kg",
                    "Jahe merah segar umur 10 bulan, pedas dan harum, untuk jamu dan wedang.",
                    Shot("rimpang", JAHE),
                    stock=25,
                ),
                goods(
                    "Pepaya California",
                    "hasil-tani",
                    8_000,
                    "kg",
                    "Pepaya california manis, dipanen mengkal supaya tahan di perjalanan.",
                    Shot("buah", PEPAYA),
                    stock=60,
                ),
                goods(
                    "Bibit Jeruk Siam",
                    "tanaman-bibit",
                    10_000,
                    "pcs",
                    "Bibit jeruk siam hasil okulasi dalam polybag, tinggi 40 sampai 50 cm.",
                    Shot("bibit", DAUN),
                    stock=200,
                ),
                goods(
                    "Bibit Durian Okulasi",
                    "tanaman-bibit",
                    35_000,
                    "pcs",
                    "Bibit durian okulasi tinggi sekitar 60 cm, siap tanam. Harga grosir untuk "
                    "pembelian di atas 20 batang.",
                    Shot("bibit", (70, 140, 60)),
                    Shot("bibit", (96, 150, 70)),
                    stock=50,
                    is_negotiable=True,
                ),
            ),
        ),
        DemoSeller(
            business_name="Ojek dan Sewa Motor Bang Udin",
            business_type=Seller.BusinessType.SERVICE,
            owner_name="Syamsudin",
            whatsapp="+62 813-4977-2007",
            description=(
                "Ojek desa dan sewa motor untuk warga dan tamu. Mengantar orang dan barang di "
                "dalam desa, ke Pasar Pangkalan Banteng, sampai ke Pangkalan Bun. Helm dan jas "
                "hujan tersedia."
            ),
            colour=HIJAU_MOTOR,
            hours=hours("06:00", "21:00", EVERY_DAY),
            products=(
                service(
                    "Ojek Dalam Desa",
                    10_000,
                    "sekali jalan",
                    "Antar jemput di dalam Desa Amin Jaya, termasuk belanjaan dari pasar.",
                    Shot("motor", HIJAU_MOTOR),
                ),
                service(
                    "Antar ke Pangkalan Bun",
                    100_000,
                    "sekali jalan",
                    "Antar ke Pangkalan Bun (bandara, pelabuhan, atau rumah sakit). Harga bisa "
                    "dibicarakan untuk pulang-pergi.",
                    Shot("motor", MERAH),
                    is_negotiable=True,
                ),
                service(
                    "Sewa Motor Harian",
                    80_000,
                    "hari",
                    "Motor matik 125 cc dengan dua helm. Bensin diisi sendiri; KTP ditinggal "
                    "sebagai jaminan.",
                    Shot("motor", (40, 90, 180)),
                    Shot("motor", HIJAU_MOTOR),
                    discount_idr=10_000,
                ),
                service(
                    "Sewa Motor per Jam",
                    15_000,
                    "jam",
                    "Untuk urusan singkat di sekitar desa, minimal dua jam.",
                    Shot("motor", (40, 90, 180)),
                ),
            ),
        ),
    ),
)

SUKAMULIA = DemoStore(
    village_code="52.03.06.2005",
    name="Toko Desa Sukamulia",
    tagline="Tenun songket Sasak dan sambal khas Lombok Timur",
    description=(
        "Sukamulia berada di Kecamatan Sukamulia, Kabupaten Lombok Timur, tidak jauh dari "
        "Selong. Di banyak rumah masih terdengar bunyi alat tenun gedogan: para inaq menenun "
        "songket dengan benang emas untuk kain adat Sasak, produk unggulan desa. Warga juga "
        "membuat sambal, bumbu, dan kerupuk khas Lombok yang dikirim ke seluruh NTB."
    ),
    whatsapp="0817-5730-2005",
    address="Kantor Desa Sukamulia, Kec. Sukamulia, Kab. Lombok Timur, Nusa Tenggara Barat",
    centre=("-8.628000", "116.522000"),
    sellers=(
        DemoSeller(
            business_name="Tenun Songket Inaq Sari",
            owner_name="Inaq Sarinah",
            whatsapp="0818-0365-2005",
            description=(
                "Menenun songket Sasak dengan gedogan bersama enam penenun di dusun kami. "
                "Motif subahnale dan keker dikerjakan dengan benang emas dan katun; satu kain "
                "selesai dalam tiga sampai empat minggu."
            ),
            colour=SONGKET,
            hours=hours("08:00", "17:00", special={4: ("08:00", "11:30")}),  # short Friday
            products=(
                goods(
                    "Kain Songket Sasak Motif Subahnale",
                    "fashion",
                    1_500_000,
                    "lembar",
                    "Songket tenun gedogan dengan benang emas, motif subahnale, ukuran sekitar "
                    "200 × 60 cm. Dipakai untuk nyongkolan dan upacara adat Sasak.",
                    Shot("kain", SONGKET),
                    Shot("kain", SONGKET_RED),
                    Shot("kain", (30, 30, 36)),
                    stock=2,
                    is_negotiable=True,
                    featured=True,
                ),
                goods(
                    "Selendang Songket Sasak",
                    "fashion",
                    300_000,
                    "lembar",
                    "Selendang songket ringan untuk pesta dan hadiah, benang emas di kedua ujung.",
                    Shot("kain", SONGKET_RED),
                    stock=6,
                ),
                goods(
                    "Sapuq Sasak (Ikat Kepala)",
                    "fashion",
                    75_000,
                    "pcs",
                    "Ikat kepala pria Sasak dari kain tenun, sudah dibentuk dan siap pakai.",
                    Shot("kain", (40, 40, 90)),
                    stock=12,
                    discount_percent=15,
                ),
            ),
        ),
        DemoSeller(
            business_name="Warung Sasak Amaq Jumadil",
            owner_name="Amaq Jumadil",
            whatsapp="62 877-6532-2005",
            description=(
                "Sambal dan bumbu khas Lombok racikan keluarga, dimasak tanpa pengawet dan "
                "tahan dua minggu di luar kulkas. Juga menjual kerupuk kulit, dodol rumput "
                "laut, dan kopi Lombok."
            ),
            colour=SAMBAL,
            hours=hours("07:00", "21:00", EVERY_DAY),
            products=(
                goods(
                    "Sambal Plecing Botol 150 g",
                    "makanan-minuman",
                    25_000,
                    "botol",
                    "Sambal plecing tomat dan terasi Lombok, pedas segar untuk kangkung, ayam, "
                    "dan ikan bakar.",
                    Shot("botol", SAMBAL, "SAMBAL PLECING"),
                    stock=40,
                ),
                goods(
                    "Bumbu Ayam Taliwang",
                    "makanan-minuman",
                    15_000,
                    "bungkus",
                    "Bumbu basah ayam taliwang untuk satu ekor ayam kampung. Tinggal oles dan "
                    "bakar.",
                    Shot("bungkus", (200, 90, 40), "BUMBU TALIWANG"),
                    stock=35,
                ),
                goods(
                    "Kerupuk Kulit Sapi",
                    "makanan-minuman",
                    20_000,
                    "bungkus",
                    "Kerupuk kulit (rambak) sapi yang mekar dan renyah, isi 150 gram.",
                    Shot("bungkus", (236, 216, 170), "KERUPUK KULIT"),
                    stock=25,
                    discount_idr=2_000,
                ),
                goods(
                    "Dodol Rumput Laut",
                    "makanan-minuman",
                    18_000,
                    "bungkus",
                    "Dodol kenyal dari rumput laut perairan Lombok, rasa original dan pandan.",
                    Shot("kue", RUMPUT_HIJAU),
                    stock=30,
                ),
                goods(
                    "Kopi Robusta Lombok 200 g",
                    "makanan-minuman",
                    30_000,
                    "bungkus",
                    "Kopi robusta dari lereng Rinjani, disangrai di Sukamulia. Bubuk halus untuk "
                    "kopi tubruk.",
                    Shot("bungkus", KOPI_BAG, "KOPI LOMBOK"),
                    Shot("cangkir", KOPI),
                    stock=20,
                ),
                goods(
                    "Minyak Kelapa Kampung",
                    "sembako",
                    35_000,
                    "liter",
                    "Minyak kelapa buatan sendiri dari santan yang dimasak lama, jernih dan "
                    "harum. Dikemas dalam botol 1 liter.",
                    Shot("botol", MINYAK, "MINYAK KELAPA"),
                    stock=18,
                ),
            ),
        ),
        DemoSeller(
            business_name="Bibit Buah Lalu Hendra",
            owner_name="Lalu Hendra Wijaya",
            whatsapp="0859-3317-2005",
            description=(
                "Pembibitan alpukat, durian, dan kopi di lahan keluarga. Baru mendaftar, "
                "menunggu verifikasi pengelola desa."
            ),
            colour=DAUN,
            status=Seller.Status.PENDING,
            products=(
                goods(
                    "Bibit Alpukat Mentega",
                    "tanaman-bibit",
                    30_000,
                    "pcs",
                    "Bibit alpukat mentega sambung pucuk, tinggi sekitar 50 cm.",
                    Shot("bibit", DAUN),
                    stock=40,
                ),
                goods(
                    "Bibit Kopi Robusta",
                    "tanaman-bibit",
                    5_000,
                    "pcs",
                    "Bibit kopi robusta umur 6 bulan dalam polybag.",
                    Shot("bibit", (60, 130, 60)),
                    stock=300,
                ),
            ),
        ),
    ),
)

DEMO_STORES: tuple[DemoStore, ...] = (DULOLONG, SEMPOR_LOR, DAGAN, AMIN_JAYA, SUKAMULIA)
DEMO_VILLAGE_CODES: tuple[str, ...] = tuple(store.village_code for store in DEMO_STORES)


# --- loading ---------------------------------------------------------------------


def _coordinates(centre: tuple[str, str], seed: str) -> tuple[Decimal, Decimal]:
    """A spot within about 700 m of the village centre, the same on every run."""
    rng = random.Random(seed)
    lat = Decimal(centre[0]) + Decimal(f"{rng.uniform(-0.0065, 0.0065):.6f}")
    lon = Decimal(centre[1]) + Decimal(f"{rng.uniform(-0.0065, 0.0065):.6f}")
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def _initials(name: str) -> str:
    words = [w for w in name.split() if w[0].isalpha() and w.lower() not in {"dan", "&"}]
    return "".join(w[0] for w in words[:2]).upper()


def _villages() -> dict[str, Region]:
    villages = Region.objects.in_bulk(list(DEMO_VILLAGE_CODES))
    missing = [
        code
        for code in DEMO_VILLAGE_CODES
        if code not in villages or villages[code].level != Region.Level.DESA
    ]
    if missing:
        raise MissingRegionsError(
            f"The demo villages are not in the regions table ({', '.join(missing)}): "
            "run manage.py import_regions first."
        )
    return villages


def _categories() -> dict[str, Category]:
    categories = {c.slug: c for c in Category.objects.all()}
    wanted = {p.category for s in DEMO_STORES for sl in s.sellers for p in sl.products}
    missing = sorted(wanted - categories.keys())
    if missing:
        raise DemoError(
            f"Starter categories missing ({', '.join(missing)}): run manage.py migrate first."
        )
    return categories


def _walk_to_status(seller: Seller, data: DemoSeller) -> None:
    """Take a new (pending) seller to its demo status through the verification steps.

    The operator's checks are recorded as done, as they would be after a visit;
    there is no operator account in the demo, so the steps have no actor.
    """
    if data.status == Seller.Status.PENDING:
        return
    change_seller_status(
        seller=seller,
        to_status=Seller.Status.VERIFIED,
        actor=None,
        met_in_person=True,
        id_card_seen=True,
        location_checked=True,
    )
    if data.status == Seller.Status.SUSPENDED:
        change_seller_status(
            seller=seller,
            to_status=Seller.Status.SUSPENDED,
            actor=None,
            reason=data.suspension_reason,
        )
    elif data.status != Seller.Status.VERIFIED:
        raise DemoError(f"{data.business_name}: no demo path to status {data.status!r}")
    seller.status = data.status


def load_demo() -> DemoSummary:
    """Create the demo stores, sellers and products; return what was created.

    Raises ``MissingRegionsError`` when the regions are not imported and
    ``DemoError`` when a demo village already has a store. Either everything
    is created or nothing is (the photo files written before a failure are
    removed again).
    """
    written = []  # files stored so far, to remove if the transaction rolls back
    try:
        with transaction.atomic():
            return _load(written)
    except BaseException:
        for file in written:
            file.storage.delete(file.name)
        raise


def _load(written: list) -> DemoSummary:
    villages = _villages()
    taken = Store.objects.filter(village_id__in=DEMO_VILLAGE_CODES)
    if taken.exists():
        names = ", ".join(sorted(taken.values_list("village__name", flat=True)))
        raise DemoError(f"Demo villages already have a store ({names}); nothing loaded.")
    categories = _categories()

    stores = sellers = products = services = photos = 0
    for store_data in DEMO_STORES:
        store = open_store(
            village=villages[store_data.village_code],
            name=store_data.name,
            tagline=store_data.tagline,
            description=store_data.description,
            whatsapp=store_data.whatsapp,
            address=store_data.address,
        )
        stores += 1
        featured = None
        for seller_data in store_data.sellers:
            latitude, longitude = _coordinates(store_data.centre, seller_data.business_name)
            seller = register_seller(
                store=store,
                business_name=seller_data.business_name,
                owner_name=seller_data.owner_name,
                whatsapp=seller_data.whatsapp,
                description=seller_data.description,
                latitude=latitude,
                longitude=longitude,
                business_type=seller_data.business_type,
            )
            _walk_to_status(seller, seller_data)
            sellers += 1
            set_seller_photo(
                seller=seller,
                upload=seller_photo(
                    seed=seller_data.business_name,
                    initials=_initials(seller_data.business_name),
                    colour=seller_data.colour,
                ),
            )
            written += [seller.photo, seller.photo_thumb]
            if seller_data.hours:
                set_opening_hours(seller=seller, hours=seller_data.hours)
            if not seller_data.is_open:
                set_seller_open(seller=seller, is_open=False)
            if account := DEMO_BANK_ACCOUNTS.get(seller_data.business_name):
                bank_name, number = account
                set_bank_account(
                    seller=seller,
                    bank_name=bank_name,
                    account_number=number,
                    account_holder=seller_data.owner_name,
                )

            for item in seller_data.products:
                product = create_product(
                    seller=seller,
                    data=ProductData(
                        name=item.name,
                        category=categories[item.category],
                        price_idr=item.price_idr,
                        kind=item.kind,
                        description=item.description,
                        unit=item.unit,
                        stock=item.stock,
                        discount_percent=item.discount_percent,
                        discount_idr=item.discount_idr,
                        is_negotiable=item.is_negotiable,
                        status=Product.Status.HIDDEN if item.hidden else Product.Status.ACTIVE,
                    ),
                )
                products += 1
                services += item.kind == Product.Kind.SERVICE
                for position, shot in enumerate(item.photos):
                    photo = add_product_photo(
                        product=product,
                        upload=product_photo(
                            shot.motif,
                            seed=f"{item.name}|{position}",
                            category=item.category,
                            accent=shot.accent,
                            label=shot.label,
                        ),
                    )
                    written += [photo.thumb, photo.image]
                    photos += 1
                if item.featured:
                    if featured is not None:
                        raise DemoError(f"{store_data.name}: more than one featured product")
                    featured = product
        if featured is not None:
            set_featured_product(store=store, product=featured)
    accounts = _create_accounts()
    return DemoSummary(
        stores=stores,
        sellers=sellers,
        products=products,
        services=services,
        photos=photos,
        accounts=accounts,
        offers=_create_offers(),
    )


# Sellers who take direct transfers (the others are paid in cash: the demo
# shows both). Made-up numbers in each bank's usual length.
DEMO_BANK_ACCOUNTS = {
    "Tenun Ikat Bunga Laut": ("BRI", "0123-0100-4567-508"),
    "Kopi Alor Mama Ros": ("Bank NTT", "001.02.03.004567-8"),
    "KUB Gula Semut Manggar Sari": ("BRI", "3001-0100-2345-507"),
    "Madu Kelulut Amin Jaya": ("Bank Kalsel", "031.00.01234.5"),
    "Tenun Songket Inaq Sari": ("Bank NTB Syariah", "701.02.345678.9"),
    "Lensa Desa Foto dan Video": ("DANA", "0812-2700-4411"),
}


# Buyers bargaining with the first demo seller (0811-3800-0002): one offer
# waiting for her, one she countered, one agreed; so her "Tawaran" inbox shows
# every step. (buyer, WhatsApp, share of the price offered, seller's counter share)
DEMO_OFFERS = [
    ("Markus Lau", "0811-3800-0101", 0.75, None, None),
    ("Sri Wahyuni", "0811-3800-0102", 0.70, 0.85, None),
    ("Anton Djaha", "0811-3800-0103", 0.80, 0.90, "accept"),
]


def _create_offers() -> int:
    """Offers made and answered through the offer services, like real ones."""
    owner = SellerMember.objects.select_related("user", "seller").get(
        user__phone="+6281138000002", role=SellerMember.Role.OWNER
    )
    products = list(
        Product.objects.filter(
            seller=owner.seller, is_negotiable=True, status=Product.Status.ACTIVE
        ).order_by("pk")
    )
    made = 0
    for index, (name, phone, offered, countered, answer) in enumerate(DEMO_OFFERS):
        if not products:
            break
        product = products[index % len(products)]
        quantity = 1 if product.stock is None else min(2, product.stock)
        if quantity < 1:
            continue
        offer = make_offer(
            product_id=product.pk,
            quantity=quantity,
            price_idr=_round_price(product.sale_price_idr * offered),
            buyer_name=name,
            buyer_phone=phone,
            note="Boleh kurang sedikit? Saya ambil untuk keluarga.",
            idempotency_key=uuid.uuid5(uuid.NAMESPACE_URL, f"pasardesa-demo-offer-{index}"),
        )
        if countered is not None:
            transition_offer(
                offer=offer,
                to_status=OfferStatus.COUNTERED,
                actor=owner.user,
                actor_role=ActorRole.SELLER,
                price_idr=_round_price(product.sale_price_idr * countered),
                note="Harga benang naik, ini harga terbaik.",
            )
        if answer == "accept":
            transition_offer(
                offer=offer, to_status=OfferStatus.ACCEPTED, actor=None, actor_role=ActorRole.BUYER
            )
        made += 1
    return made


def _round_price(amount: float) -> int:
    """To the thousand rupiah, as people bargain (never below Rp1.000)."""
    return max(1_000, round(amount / 1_000) * 1_000)


def _create_accounts() -> list[DemoAccount]:
    """One account per role, so anyone can try every dashboard at once."""
    dulolong = Store.objects.get(village_id="53.05.02.2006")
    other_village = Store.objects.exclude(pk=dulolong.pk).order_by("pk").first()
    verified = Seller.objects.filter(status=Seller.Status.VERIFIED).order_by("pk")
    dulolong_sellers = list(verified.filter(store=dulolong)[:2])
    other_seller = verified.filter(store=other_village).first()

    def account(phone: str, name: str):
        return register_user(phone=phone, name=name, password=DEMO_PASSWORD)

    operator = account("0811-3800-0001", "Yuliana Maro")
    add_store_member(
        store=dulolong, phone=operator.phone, role=StoreMember.Role.OPERATOR, added_by=None
    )
    courier = account("0811-3800-0006", "Daud Ojek")
    add_store_member(
        store=dulolong, phone=courier.phone, role=StoreMember.Role.COURIER, added_by=operator
    )
    regional = account("0811-3800-0005", "Dinas PMD Alor")
    RegionAdmin.objects.create(region=Region.objects.get(code="53.05"), user=regional)
    accounts = [
        DemoAccount("pengelola", operator.name, operator.phone, f"pengelola {dulolong.name}"),
        DemoAccount("admin wilayah", regional.name, regional.phone, "Kabupaten Alor"),
        DemoAccount("kurir", courier.name, courier.phone, f"kurir {dulolong.name}"),
    ]
    for number, seller in enumerate([*dulolong_sellers, other_seller], start=2):
        user = account(f"0811-3800-000{number}", seller.owner_name)
        SellerMember.objects.create(seller=seller, user=user, role=SellerMember.Role.OWNER)
        accounts.append(
            DemoAccount(
                "penjual", user.name, user.phone, f"{seller.business_name} ({seller.store.name})"
            )
        )
    return accounts
