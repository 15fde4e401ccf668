"""Product full-text search, on whichever database the suite runs on.

The same tests run on SQLite (FTS5) and on PostgreSQL (GIN + tsvector); the few
that look at one backend's machinery skip on the other. Given/when/then.
"""

import importlib

import pytest
from django.core.paginator import Paginator
from django.db import connection

from pasardesa.catalog import search, selectors, services
from pasardesa.catalog.models import Product
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

HOSTILE_QUERIES = [
    '"kopi',
    'kopi"',
    "'kopi",
    "kopi*",
    "*",
    "kopi OR madu",
    "kopi AND NOT madu",
    "NEAR(kopi madu, 2)",
    "NEAR(",
    "-kopi",
    "kopi -madu",
    "name:kopi",
    "search_text : kopi",
    "{name} : kopi",
    "^kopi",
    "kopi & madu | !teh",
    "!!(",
    "kopi:* & x:*",
    "'; DROP TABLE catalog_product; --",
    "kopi\x00madu",
    "100%_kopi\\",
    "kópi ﬁlter Ｋｏｐｉ",
    "кофе 咖啡 قهوة",
    "☕🍵🔥",
    "kopi " * 1000,
    "k" * 5_000,
    " ".join(f"kata{i}" for i in range(900)),
    "",
    "   ",
]
NO_WORDS = ["", "   ", "*", "!!(", "☕🍵🔥", "кофе 咖啡 قهوة"]


def find(query: str, *, ranked: bool = False, queryset=None) -> list[Product]:
    queryset = Product.objects.all() if queryset is None else queryset
    return list(search.search_products(queryset, query, ranked=ranked))


def rename(product: Product, name: str) -> Product:
    """The seller edits the product through the real service."""
    return services.update_product(
        product=product,
        data=services.ProductData(
            name=name,
            category=product.category,
            price_idr=product.price_idr,
            description=product.description,
            unit=product.unit,
            stock=product.stock,
        ),
    )


@pytest.fixture(autouse=True)
def index_was_missing(db) -> bool:
    """Install whatever part of the index is missing, and tell whether anything was.

    Behaviour tests need a complete index; whether ``migrate`` leaves one behind
    is checked on its own by ``test_migrate_leaves_a_complete_index``.
    """
    return search.ensure_index()


@pytest.fixture
def keripik():
    return ProductFactory(name="Keripik Pisang", description="Renyah, digoreng setiap pagi.")


@pytest.fixture
def madu():
    return ProductFactory(name="Madu Hutan", description="Dipanen dari hutan Pulau Alor.")


# --- The index -----------------------------------------------------------------


def test_migrate_leaves_a_complete_index(index_was_missing):
    # given the test database, built by running every migration
    # then the search index was already complete before this test touched it
    assert not index_was_missing, (
        "After `migrate` the product search index was incomplete: on SQLite a later "
        "migration rebuilt catalog_product and dropped the FTS triggers. Run "
        "pasardesa.catalog.search.ensure_index after migrate (post_migrate receiver "
        "in CatalogConfig.ready)."
    )


def test_document_holds_raw_words_then_the_stems_that_differ():
    # when a product's search text is built
    text = search.document("Keripik Pisang", "Makanan & Minuman", "Pembelian langsung.")
    # then the raw words come first, then the stems that are not already there
    assert text == "keripik pisang makanan minuman pembelian langsung ripik makan minum beli"


def test_document_drops_accents_instead_of_splitting_words():
    assert search.document("Kué Café") == "kue cafe"


def test_migration_0004_is_reversible(keripik):
    # given the migration's own functions, run on the test database
    migration = importlib.import_module("pasardesa.catalog.migrations.0004_search_index")

    class Editor:
        def __init__(self, connection):
            self.connection = connection

    editor = Editor(connection)
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to index a table with deferred FK checks pending.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    # when it is reversed
    migration.drop_index(None, editor)
    # then the index is gone
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE 'catalog_product_fts%'"
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM pg_indexes WHERE indexname = %s", [search.PG_INDEX]
            )
        assert cursor.fetchone()[0] == 0
    # when it is applied again
    migration.create_index(None, editor)
    # then products written before it are found
    assert find("keripik") == [keripik]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is the SQLite backend")
def test_sqlite_index_matches_the_product_rows_after_every_kind_of_write(keripik, madu):
    # given products created, renamed, bulk-updated and deleted
    rename(keripik, "Keripik Singkong")
    Product.objects.filter(pk=madu.pk).update(stock=3)
    ProductFactory(name="Gula Aren").delete()
    # then FTS5's own check finds the index equal to what catalog_product holds
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO catalog_product_fts(catalog_product_fts, rank) "
            "VALUES ('integrity-check', 1)"
        )


@pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is the SQLite backend")
@pytest.mark.parametrize("sort", ["", "termurah"])
def test_sqlite_search_starts_from_the_fts_table(keripik, sort):
    # given the catalogue's search query, on a database without ANALYZE
    # statistics (Django never runs ANALYZE)
    queryset = selectors.product_list(query="keripik", region_code="53", sort=sort)
    sql, params = queryset.query.sql_with_params()
    # when SQLite plans it
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = [row[3] for row in cursor.fetchall()]
    # then the MATCH runs once, first, and products are looked up by id:
    # never the whole MATCH again for every product
    assert plan[0].startswith(f"SCAN {search.FTS_TABLE}"), plan
    assert any("catalog_product USING INTEGER PRIMARY KEY" in step for step in plan), plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN index is the PG backend")
def test_postgres_search_filter_uses_the_gin_index(keripik):
    # given a search filter the way the catalogue builds it
    queryset = search.search_products(Product.objects.order_by(), "kerip pisang")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # when the planner may not read the whole table or walk a b-tree instead
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # then it can use the index: query and index expressions are the same
    assert search.PG_INDEX in plan, plan


# --- What a buyer finds --------------------------------------------------------


def test_start_of_a_word_finds_the_longer_word():
    # given a product named "Kopinya Alor" and one without coffee
    kopinya = ProductFactory(name="Kopinya Alor", description="Diseduh hangat.")
    ProductFactory(name="Teh Melati", description="Diseduh hangat.")
    # when a buyer searches "kopi"
    # then only "Kopinya Alor" is found
    assert find("kopi") == [kopinya]


def test_root_word_finds_an_affixed_form():
    # given a product described "pembelian langsung"
    beras = ProductFactory(name="Beras Merah", description="Pembelian langsung dari petani.")
    ProductFactory(name="Teh Melati", description="Diseduh hangat.")
    # when a buyer searches the root "beli"
    # then the product is found through its stem
    assert find("beli") == [beras]


@pytest.mark.parametrize("query", ["keripik", "kerip", "Keripik", "KERIPIK pisang", "pisang kerip"])
def test_over_stemmed_word_is_found_whole_and_by_prefix(keripik, madu, query):
    # given "Keripik Pisang", which the stemmer cuts to "ripik"
    # when a buyer searches the word, its start or both words in any order
    # then the product is found, and only it
    assert find(query) == [keripik]


def test_words_of_one_product_do_not_match_another(keripik, madu):
    # given "Keripik Pisang" and "Madu Hutan"
    # when a buyer searches a word of one of them
    # then only that product comes back
    assert find("madu") == [madu]
    assert find("renyah") == [keripik]
    assert find("hutan") == [madu]
    # and every word must match: no product has both
    assert find("keripik madu") == []


def test_short_words_match_whole_words_only():
    # given "Es Teh Manis" and a product with a longer word starting with "es"
    es_teh = ProductFactory(name="Es Teh Manis", description="Segar.")
    ProductFactory(name="Essen Vanili", description="Untuk kue.")
    # when a buyer searches "es"
    # then only the whole word matches
    assert find("es") == [es_teh]


def test_hidden_product_is_not_in_the_public_results(keripik):
    # given a second "keripik" product the seller has hidden
    ProductFactory(name="Keripik Talas", status=Product.Status.HIDDEN)
    # when a buyer searches the public catalogue
    found = list(selectors.product_list(query="keripik"))
    # then only the shown product is listed
    assert found == [keripik]


@pytest.mark.parametrize("ranked", [False, True])
@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_any_query_text_is_answered_without_error(keripik, madu, query, ranked):
    # given two products
    # when a buyer types anything at all, including search-syntax and SQL
    found = find(query, ranked=ranked)
    # then the search answers; a query without any word does not filter
    if query in NO_WORDS:
        assert set(found) == {keripik, madu}
    else:
        assert set(found) <= {keripik, madu}


@pytest.mark.parametrize(
    ("query", "finds_madu"),
    [
        ('kopi" OR "madu', False),
        ("madu*", True),
        ("-madu", True),
        ("(madu)", True),
        ("name:madu", False),
        ("madu:hutan", True),
        ('"madu hutan"', True),
    ],
)
def test_search_syntax_is_read_as_plain_words(madu, query, finds_madu):
    # given "Madu Hutan" and a coffee product
    ProductFactory(name="Kopi Bubuk", description="Robusta.")
    # when the query holds FTS or tsquery syntax
    # then it is read as plain words that must all match, never as an operator
    # (an OR would find the coffee too, a NOT or a column filter would drop madu)
    assert find(query) == ([madu] if finds_madu else [])


# --- Order ---------------------------------------------------------------------


def test_name_match_ranks_above_a_description_only_match():
    # given a product named "Kopi" and a newer one only describing coffee
    named = ProductFactory(name="Kopi Robusta Alor", description="Sangrai sedang.")
    described = ProductFactory(name="Gula Aren Cair", description="Cocok untuk kopi dan teh.")
    assert described.pk > named.pk
    # when a buyer searches "kopi" by relevance
    found = find("kopi", ranked=True)
    # then the product named after it comes first
    assert found == [named, described]


def test_equal_relevance_is_ordered_newest_first():
    # given three products with the same words
    older, middle, newer = (ProductFactory(name="Madu Hutan", description="") for _ in range(3))
    # when they are ranked
    # then ties keep one stable order (newest id first), so pages never overlap
    assert find("madu", ranked=True) == [newer, middle, older]


def test_unranked_search_keeps_the_callers_order(keripik):
    # given three keripik at different prices
    cheap = ProductFactory(name="Keripik Tempe", price_idr=5_000)
    dear = ProductFactory(name="Keripik Belut", price_idr=90_000)
    # when the caller sorts by price and searches unranked
    found = find("keripik", queryset=Product.objects.order_by("price_idr"))
    # then the caller's order stands
    assert found == [cheap, keripik, dear]


def test_relevance_list_pages_and_counts_like_the_search_page(keripik):
    # given 25 keripik products and an unrelated one
    ProductFactory.create_batch(24, name="Keripik Singkong", description="")
    ProductFactory(name="Madu Hutan")
    # when the search page lists them by relevance, 20 per page
    paginator = Paginator(selectors.product_list(query="keripik"), 20)
    first, second = paginator.page(1), paginator.page(2)
    # then the count is right and the pages split the results without overlap
    assert paginator.count == 25
    ids = [p.pk for p in first] + [p.pk for p in second]
    assert len(ids) == len(set(ids)) == 25


def test_sorted_search_uses_the_chosen_sort(keripik):
    cheap = ProductFactory(name="Keripik Tempe", price_idr=5_000)
    found = list(selectors.product_list(query="keripik", sort="termurah"))
    assert found == [cheap, keripik]


def test_unranked_result_can_be_used_as_a_subquery(keripik, madu):
    # given a search result used inside another query
    ids = search.search_products(Product.objects.all(), "keripik").values("pk")
    # then it is valid SQL on its own and as a subquery
    assert list(Product.objects.filter(pk__in=ids)) == [keripik]


# --- Staying current ---------------------------------------------------------------


def test_renamed_product_is_found_by_its_new_name_only(keripik):
    # given "Keripik Pisang"
    # when the seller renames it "Kerupuk Udang"
    rename(keripik, "Kerupuk Udang")
    # then the new name finds it and the old one does not
    assert find("kerupuk udang") == [keripik]
    assert find("pisang") == []


def test_product_changed_by_a_bulk_update_is_reindexed(keripik):
    # given a product changed with a queryset update (admin actions, scripts)
    Product.objects.filter(pk=keripik.pk).update(
        name="Dodol Durian", search_text=search.document("Dodol Durian", "Makanan", "")
    )
    # then the search follows
    assert find("dodol") == [keripik]
    assert find("keripik") == []


def test_bulk_created_products_are_found(keripik):
    # given products inserted with bulk_create, as an import does
    seller = keripik.seller
    Product.objects.bulk_create(
        Product(
            seller=seller,
            category=keripik.category,
            name=name,
            slug="x",
            price_idr=1_000,
            search_text=search.document(name, keripik.category.name, ""),
        )
        for name in ["Tenun Ikat Alor", "Tenun Sumba"]
    )
    # then they are searchable at once
    assert sorted(p.name for p in find("tenun")) == ["Tenun Ikat Alor", "Tenun Sumba"]


def test_deleted_product_disappears(keripik, madu):
    # given "Keripik Pisang"
    # when it is deleted
    keripik.delete()
    # then no search finds it, and the others are untouched
    assert find("keripik") == []
    assert find("madu") == [madu]
