"""Latency of product search and listing at scale, on SQLite or PostgreSQL.

    .venv/bin/python bench/search_latency.py --rows 1000000 --db sqlite
    .venv/bin/python bench/search_latency.py --rows 1000000 --db postgres

Builds a separate benchmark database (``var/bench/search.sqlite3`` or the
PostgreSQL database ``pasardesa_bench``, dropped and created again) with the
project's own migrations, the real region list, stores in 2,000 real desa,
sellers in those stores and N products named from Indonesian word lists. Then
it times the product's own reads: ``selectors.product_list`` through Django's
``Paginator`` (COUNT plus one page with its select_related and prefetch), and
prints p50/p95 per scenario. Figures only: nothing is asserted.

``--reuse`` keeps an existing benchmark database of the same size, to time
queries again without building it again. Query plans go to ``bench/out/``.
"""

import argparse
import datetime
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BATCH = 50_000
SEED = 20251122

# --- Word lists: what village sellers actually list -----------------------------


def _phrases(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


# category slug → (what is sold, words that go with it)
CATALOGUE = {
    "makanan-minuman": (
        "kopi bubuk, kopi, keripik, kerupuk, dodol, sambal, abon, kue, roti, teh, emping, "
        "rengginang, gula aren, tempe, bakso, jus, sirup, selai, manisan, kacang sangrai, "
        "rempeyek, opak, lempok, wajik, bolu, nastar, kue lapis, cendol, es teh, nasi kuning",
        "pisang, singkong, ubi ungu, talas, tempe, udang, ikan, pedas, manis, original, "
        "balado, bawang, robusta, arabika, gurih, renyah, asin, coklat, keju, kelapa, nangka, "
        "durian, salak, mangga, nanas, jahe, pandan, gula merah, cabai rawit, sukun",
    ),
    "hasil-tani": (
        "beras merah, beras putih, jagung, cabai, bawang merah, biji kopi, kakao, cengkeh, "
        "pala, vanili, kelapa, pisang, singkong, ubi, kacang tanah, kedelai, tomat, "
        "sayur bayam, kangkung, terong, labu, mangga, jeruk, alpukat, kemiri, lada, kayu manis",
        "organik, segar, kering, pilihan, lokal, super, panen baru, grade a",
    ),
    "sembako": (
        "beras, minyak goreng, gula pasir, telur ayam, tepung terigu, garam, kecap, "
        "mie instan, susu kental, sarden, tepung beras, minyak kelapa",
        "murah, grosir, eceran, kemasan, curah, premium, medium",
    ),
    "hasil-laut-ternak": (
        "ikan tongkol, ikan kering, ikan asin, cumi, udang, rumput laut, ayam kampung, "
        "telur bebek, daging sapi, kambing, ikan bandeng, teri, kepiting, lobster, "
        "ikan kerapu, madu lebah",
        "segar, asap, beku, kering, hidup, potong, bersih, tangkapan nelayan",
    ),
    "kerajinan": (
        "anyaman bambu, tikar pandan, tas rotan, topi anyaman, keranjang, gerabah, "
        "ukiran kayu, batik tulis, tempat tisu, vas bunga, kerajinan kerang, sapu lidi, "
        "bakul, caping, miniatur perahu",
        "handmade, motif tradisional, ukuran besar, ukuran kecil, warna alami",
    ),
    "fashion": (
        "tenun ikat, sarung tenun, kain songket, batik cap, kebaya, selendang, kaos sablon, "
        "kemeja batik, peci, tas kain, dompet tenun",
        "motif, warna, katun, sutra, pewarna alami, ukuran, asli",
    ),
    "herbal": (
        "jamu kunyit, jahe merah, temulawak, minyak kayu putih, sereh, madu hutan, kencur, "
        "daun kelor, minyak kelapa murni, bubuk jahe, teh herbal, kunyit asam, beras kencur, "
        "minyak gosok, lulur",
        "asli, murni, bubuk, instan, tanpa gula, botol, sachet",
    ),
    "tanaman-bibit": (
        "bibit durian, bibit kopi, bibit cengkeh, anggrek, tanaman hias, pupuk kompos, "
        "bibit alpukat, bibit mangga, bibit kelapa, bibit cabai, pupuk kandang, media tanam, "
        "bibit jeruk, bibit pala",
        "unggul, okulasi, siap tanam, polybag, sambung pucuk, berbuah",
    ),
    "jasa": (
        "jasa jahit, servis motor, pijat tradisional, cukur rambut, fotografi, kaligrafi, "
        "ojek desa, katering, sewa tenda, les privat, sablon kaos, servis hp, tukang kayu, "
        "rias pengantin, sewa sound system",
        "panggilan, harian, paket, murah, profesional, berpengalaman",
    ),
    "lainnya": (
        "sabun, lilin, arang, kayu bakar, pakan ternak, jerigen, karung",
        "batang, karung, ikat, isi ulang, bekas, baru",
    ),
}
CATALOGUE = {k: (_phrases(a), _phrases(b)) for k, (a, b) in CATALOGUE.items()}
SIZES = ["", "", "", "250 gr", "500 gr", "1 kg", "5 kg", "1 liter", "isi 10", "per ikat"]
SENTENCES = [
    "Dibuat dari {noun} pilihan hasil kebun warga.",
    "Pembelian langsung dari petani dan pengrajin desa.",
    "Dikemas rapi dan aman untuk dikirim ke luar kota.",
    "Tanpa pengawet dan tanpa pewarna buatan.",
    "Produksi rumahan warga Desa {village}.",
    "Penjualan grosir tersedia, harga khusus untuk pembelian banyak.",
    "Pesanan diantar oleh ojek desa setiap pagi.",
    "Cocok untuk oleh-oleh dan hantaran keluarga.",
    "Ditanam dan dipanen sendiri oleh kelompok tani.",
    "Bisa ditawar untuk pembelian dalam jumlah besar.",
    "Stok terbatas, tanyakan dulu lewat WhatsApp.",
    "Pengerjaan teliti oleh penjahit dan pengrajin berpengalaman.",
    "Bahan baku {noun} dari pasar tradisional setempat.",
    "Rasanya {modifier}, disukai anak-anak dan orang tua.",
]
# Words few sellers use: each ends up in about 0.005 * N / len(RARE) products.
RARE = _phrases(
    "andaliman, kemenyan, gaharu, sasando, tuak, moke, kolang kaling, petung, kenari, "
    "kluwek, sagu, lontar, sopi, tembakau, kapuk, bidara, kecombrang, rosela, kapulaga, "
    "cendana, tengkawang, bekasam, tempoyak, lemang, gula semut, kembang telang, luwak, "
    "ulos, tapis, doyo, tais, belis, ketan, klepon, gatot, tiwul, growol, sawut, lupis, "
    "serabi, getuk, rambak, lanting, lorjuk, petis, terasi, rebon, bekakak, pindang, "
    "presto, pempek, tekwan, celimpungan"
)
COMMON = ["kopi", "keripik", "beras", "madu", "bibit"]
RARE_QUERIES = ["andaliman", "sasando", "kecombrang", "tengkawang", "gaharu", "celimpungan"]


def configure(db: str, pg_url: str, sqlite_path: Path) -> Path | None:
    """Point Django at the benchmark database before it is set up."""
    if db == "sqlite":
        sqlite_path = sqlite_path.resolve()
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_path}"
    else:
        sqlite_path = None
        os.environ["DATABASE_URL"] = pg_url.rstrip("/") + "/pasardesa_bench"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pasardesa.settings")
    return sqlite_path


def create_pg_database(pg_url: str) -> None:
    import psycopg

    url = pg_url.replace("postgres://", "postgresql://", 1).rstrip("/") + "/postgres"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS pasardesa_bench WITH (FORCE)")
        conn.execute("CREATE DATABASE pasardesa_bench")


def product_rows_in_db() -> int:
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM catalog_product")
            return cursor.fetchone()[0]
    except Exception:  # no table yet: nothing to reuse
        return -1


# --- Building the data set ------------------------------------------------------


def pick_villages(rng: random.Random, count: int):
    """``count`` real desa, clustered like a real roll-out: 40 kabupaten, 50 desa each."""
    from pasardesa.regions.models import Region

    desa = list(
        Region.objects.filter(level=Region.Level.DESA).order_by("code").values_list("code", "name")
    )
    by_kabupaten: dict[str, list] = {}
    for code, name in desa:
        by_kabupaten.setdefault(code[:5], []).append((code, name))
    per_kabupaten = 50
    eligible = sorted(k for k, v in by_kabupaten.items() if len(v) >= per_kabupaten)
    chosen = rng.sample(eligible, math.ceil(count / per_kabupaten))
    villages = []
    for kabupaten in chosen:
        villages += rng.sample(by_kabupaten[kabupaten], per_kabupaten)
    return villages[:count]


def build_stores_and_sellers(rng, villages, sellers_per_store: int):
    from pasardesa.sellers.models import Seller
    from pasardesa.stores.models import Store

    stores = Store.objects.bulk_create(
        [
            Store(
                village_id=code,
                name=f"Toko Desa {name}",
                slug=f"desa-{code.replace('.', '-')}",
                description=f"Toko online Desa {name}.",
                whatsapp="+6281234567890",
                is_active=rng.random() > 0.02,
            )
            for code, name in villages
        ],
        batch_size=1000,
    )
    statuses = [Seller.Status.VERIFIED] * 95 + [Seller.Status.PENDING] * 3
    statuses += [Seller.Status.SUSPENDED] * 2
    sellers = []
    for store in stores:
        for i in range(sellers_per_store):
            sellers.append(
                Seller(
                    store=store,
                    business_name=f"Usaha {i + 1} {store.name[10:]}",
                    owner_name="Ibu Maria",
                    slug=f"{store.slug}-{i + 1}",
                    whatsapp="+6281234567891",
                    status=rng.choice(statuses),
                )
            )
    sellers = Seller.objects.bulk_create(sellers, batch_size=2000)
    village_names = {store.pk: store.name[10:] for store in stores}
    return [(s.pk, village_names[s.store_id]) for s in sellers]


def product_rows(rng: random.Random, rows: int, sellers, now: datetime.datetime):
    """Product rows as dicts of column → Python value, oldest first.

    Categories are read before the rows are generated: on PostgreSQL the rows
    are consumed inside COPY, when the connection can run no other query.
    """
    from pasardesa.catalog.models import Category

    categories = {c.slug: c for c in Category.objects.all()}
    return _generate_rows(rng, rows, sellers, now, categories)


def _generate_rows(rng, rows, sellers, now, categories):
    from django.utils.text import slugify

    from pasardesa.catalog import search
    from pasardesa.catalog.models import Product

    slugs = list(CATALOGUE)
    weights = [30, 15, 10, 10, 8, 8, 7, 5, 5, 2]
    start = now - datetime.timedelta(days=730)
    step = datetime.timedelta(days=730) / rows
    statuses = ["active"] * 95 + ["hidden"] * 4 + ["blocked"]
    for i in range(rows):
        slug = rng.choices(slugs, weights)[0]
        category = categories[slug]
        nouns, modifiers = CATALOGUE[slug]
        noun, modifier = rng.choice(nouns), rng.choice(modifiers)
        seller_id, village = rng.choice(sellers)
        parts = [noun.title()]
        if rng.random() < 0.7:
            parts.append(modifier.title())
        if rng.random() < 0.3:
            parts.append(village)
        if rng.random() < 0.005:
            parts.append(rng.choice(RARE).title())
        parts.append(rng.choice(SIZES))
        name = " ".join(p for p in parts if p)[:120]
        description = " ".join(
            s.format(noun=noun, modifier=modifier, village=village)
            for s in rng.sample(SENTENCES, rng.randint(2, 4))
        )
        price = max(1_000, int(round(math.exp(rng.uniform(math.log(2_000), math.log(2e6))), -2)))
        discount = rng.random()
        kind = Product.Kind.SERVICE if slug == "jasa" else Product.Kind.GOODS
        yield {
            "seller_id": seller_id,
            "category_id": category.pk,
            "kind": kind,
            "name": name,
            "slug": slugify(name)[:140] or "produk",
            "description": description,
            "price_idr": price,
            "unit": "paket" if kind == Product.Kind.SERVICE else "pcs",
            "discount_percent": rng.randint(5, 50) if discount < 0.08 else None,
            "discount_idr": min(price, 1_000) if 0.08 <= discount < 0.12 else None,
            "stock": None if kind == Product.Kind.SERVICE else rng.randint(0, 200),
            "is_negotiable": rng.random() < 0.2,
            "status": rng.choice(statuses),
            "search_text": search.document(name, category.name, description),
            "created_at": start + step * i + datetime.timedelta(seconds=rng.randint(0, 59)),
            "updated_at": now,
        }


def product_columns():
    """Every stored column of Product; fields this script does not know get their default."""
    from pasardesa.catalog.models import Product

    return [
        f
        for f in Product._meta.concrete_fields
        if not f.primary_key and not getattr(f, "generated", False)
    ]


def load_products_sqlite(rows_iter, total: int) -> None:
    """Plain INSERTs in 50,000-row transactions; the FTS triggers index every row."""
    from django.db import connection, transaction

    fields = product_columns()
    columns = ", ".join(f.column for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO catalog_product ({columns}) VALUES ({marks})"

    def value(field, row):
        if field.attname in row:
            v = row[field.attname]
            if isinstance(v, datetime.datetime):
                return v.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
            return v
        return field.get_db_prep_save(field.get_default(), connection)

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -1000000")
    batch = []
    done = 0
    for row in rows_iter:
        batch.append([value(f, row) for f in fields])
        if len(batch) == BATCH:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, batch)
            done += len(batch)
            batch = []
            print(f"  {done:,}/{total:,} products", flush=True)
    if batch:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, batch)


def load_products_postgres(rows_iter, total: int) -> None:
    """COPY with the table's secondary indexes dropped, then built again."""
    from django.db import connection

    fields = product_columns()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.tablename = "
            "'catalog_product' AND i.indexname NOT IN (SELECT conname FROM pg_constraint)"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        # Rows are valid by construction; skip the per-row foreign-key triggers.
        cursor.execute("SET session_replication_role = replica")
        columns = ", ".join(f.column for f in fields)
        defaults = {f.attname: f.get_db_prep_save(f.get_default(), connection) for f in fields}
        done = 0
        with cursor.cursor.copy(f"COPY catalog_product ({columns}) FROM STDIN") as copy:
            for done, row in enumerate(rows_iter, start=1):
                copy.write_row([row.get(f.attname, defaults[f.attname]) for f in fields])
                if done % BATCH == 0:
                    print(f"  {done:,}/{total:,} products", flush=True)
        cursor.execute("SET session_replication_role = DEFAULT")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        for name, definition in indexes:
            started = time.perf_counter()
            cursor.execute(definition)
            print(f"  index {name}: {time.perf_counter() - started:.1f} s", flush=True)


def build(args, rng) -> dict[str, float]:
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from pasardesa.catalog import search
    from pasardesa.regions.services import import_regions

    timings = {}
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    # CatalogConfig's post_migrate receiver has done this already; say so if not.
    if search.ensure_index():
        print("  the search index was incomplete after migrate and has been installed")
    timings["migrate"] = time.perf_counter() - started

    started = time.perf_counter()
    import_regions()
    timings["regions"] = time.perf_counter() - started

    started = time.perf_counter()
    villages = pick_villages(rng, args.villages)
    sellers = build_stores_and_sellers(rng, villages, args.sellers_per_store)
    timings["stores+sellers"] = time.perf_counter() - started

    started = time.perf_counter()
    rows = product_rows(rng, args.rows, sellers, timezone.now())
    if connection.vendor == "sqlite":
        load_products_sqlite(rows, args.rows)
    else:
        load_products_postgres(rows, args.rows)
    timings["products"] = time.perf_counter() - started

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            # No ANALYZE: Django never runs it, so a real SQLite database has no
            # statistics and the planner has to cope without them.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            # What autovacuum does on its own shortly after a bulk load.
            cursor.execute("VACUUM ANALYZE")
    timings["vacuum"] = time.perf_counter() - started
    return timings


# --- Timing the product's reads -----------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(pct / 100 * len(ordered)) - 1)]


def timed_page(filters: dict, page_number: int) -> tuple[float, int]:
    """One search page as the view builds it: COUNT, then the page and its photos."""
    from django.core.paginator import Paginator

    from pasardesa.catalog import selectors

    started = time.perf_counter()
    paginator = Paginator(selectors.product_list(**filters), 20)
    page = paginator.page(min(page_number, paginator.num_pages))
    list(page.object_list)
    return (time.perf_counter() - started) * 1000, paginator.count


def scenarios(rng: random.Random, queries: int):
    from pasardesa.sellers.models import Seller

    codes = list(Seller.objects.values_list("store__village_id", flat=True).distinct())
    kabupaten = sorted({c[:5] for c in codes})
    kecamatan = sorted({c[:8] for c in codes})
    cycle = range(queries)
    return [
        ("search common word", [({"query": COMMON[i % len(COMMON)]}, 1) for i in cycle]),
        ("search rare word", [({"query": RARE_QUERIES[i % len(RARE_QUERIES)]}, 1) for i in cycle]),
        (
            "search 2 words",
            [
                ({"query": f"{COMMON[i % len(COMMON)]} {['desa', 'manis', 'asli'][i % 3]}"}, 1)
                for i in cycle
            ],
        ),
        ("search 3-letter prefix", [({"query": ["ker", "kop", "bib"][i % 3]}, 1) for i in cycle]),
        (
            "search common word + kabupaten",
            [
                ({"query": COMMON[i % len(COMMON)], "region_code": rng.choice(kabupaten)}, 1)
                for i in cycle
            ],
        ),
        (
            "search common word, cheapest",
            [({"query": COMMON[i % len(COMMON)], "sort": "termurah"}, 1) for i in cycle],
        ),
        ("newest, page 1", [({"sort": "terbaru"}, 1) for _ in cycle]),
        ("newest, page 1000-5000", [({"sort": "terbaru"}, rng.randint(1000, 5000)) for _ in cycle]),
        (
            "cheapest in a kecamatan",
            [({"region_code": rng.choice(kecamatan), "sort": "termurah"}, 1) for _ in cycle],
        ),
    ]


def explain(out: Path, cases: list[tuple[str, dict, int]]) -> None:
    """Plans of the queries one page load runs, for reading, never for asserting."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    prefix = "EXPLAIN QUERY PLAN" if connection.vendor == "sqlite" else "EXPLAIN (ANALYZE, BUFFERS)"
    lines = []
    for label, filters, page in cases:
        with CaptureQueriesContext(connection) as captured:
            timed_page(filters, page)
        for query in captured.captured_queries:
            lines.append(f"\n-- {label} {filters} page {page}\n{query['sql']}")
            with connection.cursor() as cursor:
                cursor.execute(f"{prefix} {query['sql']}")
                lines += [" | ".join(str(c) for c in row) for row in cursor.fetchall()]
    out.write_text("\n".join(lines) + "\n")
    print(f"query plans: {out.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--villages", type=int, default=2_000)
    parser.add_argument("--sellers-per-store", type=int, default=10)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--reuse", action="store_true", help="keep a database of this size")
    parser.add_argument(
        "--only", default="", help="only scenarios whose name has one of these (comma-separated)"
    )
    parser.add_argument(
        "--pg-work-mem", default="", help="e.g. 16MB: PostgreSQL work_mem for the timed queries"
    )
    parser.add_argument(
        "--sqlite-path", type=Path, default=ROOT / "var" / "bench" / "search_latency.sqlite3"
    )
    parser.add_argument(
        "--pg-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"),
    )
    args = parser.parse_args()

    sqlite_path = configure(args.db, args.pg_url, args.sqlite_path)
    import django

    django.setup()
    from django.db import connection

    rng = random.Random(SEED)
    reuse = args.reuse and product_rows_in_db() == args.rows
    if reuse:
        print(f"reusing the {args.db} benchmark database ({args.rows:,} products)")
        from django.core.management import call_command

        call_command("migrate", verbosity=0)  # the schema may have moved on since
        timings = {}
    else:
        connection.close()
        if sqlite_path is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        else:
            create_pg_database(args.pg_url)
        print(f"building {args.rows:,} products on {args.db} …", flush=True)
        timings = build(args, rng)
        total = sum(timings.values())
        print(
            "build: "
            + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items())
            + f"; total {total:.0f} s"
        )
    if sqlite_path is not None:
        size = sum(
            Path(f"{sqlite_path}{s}").stat().st_size
            for s in ("", "-wal")
            if Path(f"{sqlite_path}{s}").exists()
        )
        print(f"database file: {size / 2**20:,.0f} MiB")
    else:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_size_pretty(pg_database_size(current_database())), "
                "pg_size_pretty(pg_relation_size('product_search_gin'))"
            )
            print("database: {}, search index: {}".format(*cursor.fetchone()))

    if args.pg_work_mem and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('work_mem', %s, false)", [args.pg_work_mem])
    settings_note = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW work_mem")
            settings_note = f"; work_mem {cursor.fetchone()[0]}"

    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    plans = scenarios(random.Random(SEED + 1), 1)
    explain(out / f"search_plans_{args.db}.txt", [(n, *calls[0]) for n, calls in plans])

    results = []
    load_before = os.getloadavg()[0]
    for name, calls in scenarios(random.Random(SEED + 1), args.queries):
        if not any(part in name for part in args.only.split(",")):
            continue
        for filters, page in calls[:3]:  # warm the caches the way a running server has them
            timed_page(filters, page)
        times, counts = [], []
        for filters, page in calls:
            ms, count = timed_page(filters, page)
            times.append(ms)
            counts.append(count)
        results.append((name, statistics.median(counts), times))
        print(f"  {name}: p95 {percentile(times, 95):.1f} ms", flush=True)

    print()
    print(
        f"{args.db}, {args.rows:,} products, {args.queries} page loads per row (COUNT + page of 20)"
        f"; load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
        f"{os.cpu_count()} CPUs{settings_note}"
    )
    print(f"{'scenario':<34} {'matches':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, matches, times in results:
        print(
            f"{name:<34} {matches:>9,.0f} {percentile(times, 50):>8.1f} "
            f"{percentile(times, 95):>8.1f} {max(times):>8.1f}"
        )


if __name__ == "__main__":
    main()
