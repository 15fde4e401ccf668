"""Desa Sempor Lor (33.03.04.2010), Kabupaten Purbalingga, Jawa Tengah: coconut
sugar and gula semut from the tappers, snacks, a photographer."""

from pasardesa.demo.content import (
    EVERY_DAY,
    GULA,
    GULA_SEMUT,
    HITAM,
    JAHE,
    LENSA,
    MERAH,
    SINGKONG,
    TEMPE,
    DemoSeller,
    DemoStore,
    Shot,
    goods,
    hours,
    service,
)
from pasardesa.sellers.models import Seller

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
