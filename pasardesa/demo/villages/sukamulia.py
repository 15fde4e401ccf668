"""Desa Sukamulia (52.03.06.2005), Kabupaten Lombok Timur, Nusa Tenggara Barat:
Sasak songket, a Sasak food stall, fruit seedlings."""

from pasardesa.demo.content import (
    DAUN,
    EVERY_DAY,
    KOPI,
    KOPI_BAG,
    MINYAK,
    RUMPUT_HIJAU,
    SAMBAL,
    SONGKET,
    SONGKET_RED,
    DemoSeller,
    DemoStore,
    Shot,
    goods,
    hours,
)
from pasardesa.sellers.models import Seller

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
