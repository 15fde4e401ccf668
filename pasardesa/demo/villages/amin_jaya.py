"""Desa Amin Jaya (62.01.06.2007), Kabupaten Kotawaringin Barat, Kalimantan
Tengah: kelulut honey, the farmers' group, motorbike taxi and rental."""

from pasardesa.demo.content import (
    BERAS,
    DAUN,
    EVERY_DAY,
    HIJAU_MOTOR,
    JAHE,
    MADU,
    MERAH,
    PEPAYA,
    DemoSeller,
    DemoStore,
    Shot,
    goods,
    hours,
    service,
)
from pasardesa.sellers.models import Seller

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
