"""Desa Dagan (33.03.09.2013), Kabupaten Purbalingga, Jawa Tengah: bamboo
weaving, vegetables, phone repairs and top-ups."""

from pasardesa.demo.content import (
    BAMBU,
    BAYAM,
    CABAI,
    DURIAN,
    EVERY_DAY,
    HITAM,
    LAYAR,
    MANGGIS,
    PISANG,
    SAYUR,
    TELUR,
    DemoSeller,
    DemoStore,
    Shot,
    goods,
    hours,
    service,
)
from pasardesa.sellers.models import Seller

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
