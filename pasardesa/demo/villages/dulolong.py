"""Desa Dulolong (53.05.02.2006), Kabupaten Alor, Nusa Tenggara Timur: tenun
ikat, kenari, fish, kopi, a tailor and calligraphy. The demo's operator,
courier and first two seller accounts belong to this store (see
``pasardesa.demo.loader``)."""

from pasardesa.demo.content import (
    CUMI,
    EVERY_DAY,
    INDIGO,
    KAKAP,
    KALIGRAFI,
    KALIGRAFI_BIRU,
    KEBAYA,
    KENARI,
    KENARI_KUPAS,
    KOPI,
    KOPI_BAG,
    KOPI_BEAN,
    MADU,
    MAROON,
    MINYAK,
    RUMPUT_LAUT,
    SERAGAM,
    SOGA,
    TERI,
    TONGKOL,
    DemoSeller,
    DemoStore,
    Shot,
    goods,
    hours,
    service,
)
from pasardesa.sellers.models import Seller

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
