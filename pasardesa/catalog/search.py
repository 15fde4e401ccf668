"""Full-text search of products: one interface, one backend per database.

Both backends index the same ``Product.search_text``: the raw words of name,
category and description followed by their Snowball-Indonesian stems. Raw and
stemmed words go in together because the stemmer over-stems some words
(keripik → ripik): the raw word keeps prefix search ("kerip") working, the stem
finds other forms of a word ("beli" finds "pembelian").

A query is cut into at most ``MAX_QUERY_WORDS`` words of ``[0-9a-z]``; every
word must match (AND), either as a prefix of an indexed word or through its
stem. Only those words ever reach the database, always as bound parameters, so
no query can inject FTS or SQL syntax; a query without any word does not filter.

SQLite
    An FTS5 table over ``catalog_product`` with *external content*: it stores
    only the inverted index, the text stays in ``catalog_product`` (no second
    copy of every description), and ``'rebuild'`` / ``'integrity-check'`` can
    re-read or verify the index from the product rows at any time. Triggers keep
    it in sync with ``search_text``, so every write path (services, admin,
    ``bulk_create``, ``update()``, raw SQL) is indexed; the writer still has to
    fill ``search_text`` with ``document()``. A contentless table would need
    the same triggers but could not rebuild or verify itself. A second column
    holds the product name so that ``bm25`` can weigh a name match above a
    description-only one.

PostgreSQL
    A GIN expression index over ``to_tsvector('simple', search_text) ||
    to_tsvector('indonesian', search_text)``: 'simple' keeps the raw words (for
    prefix queries such as ``kerip:*``), 'indonesian' adds PostgreSQL's own
    Snowball stems so query and document are stemmed by the same code. The
    filter repeats the indexed expression exactly (see ``_PgDocument``),
    otherwise the planner cannot use the index. Ranking uses ``ts_rank`` of the
    product name only (see ``_PgRank`` for why).

Django's SQLite schema editor rebuilds a table (create, copy, drop, rename) for
many ``ALTER`` operations, and dropping the old table drops its triggers. So
``ensure_index`` re-creates whatever is missing and is meant to run after every
``migrate`` (``post_migrate``), not only in migration 0004.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import BigIntegerField, BooleanField, F, FloatField, Func, QuerySet, TextField
from django.db.models.expressions import RawSQL

MAX_QUERY_WORDS = 10
# Longer query words are cut (and still match as a prefix); PostgreSQL refuses
# tsquery words over 2,047 bytes and nobody types a 40-letter word.
MAX_WORD_LENGTH = 40
# One- and two-letter words match whole words only: "es" should find "es teh",
# not every word starting with "es", and a prefix that short matches so many
# index entries that it is slow on both backends.
MIN_PREFIX_LENGTH = 3

FTS_TABLE = "catalog_product_fts"
PG_INDEX = "product_search_gin"

_WORD = re.compile(r"[0-9a-z]+")
_local = threading.local()


def _stemmer():
    # A snowballstemmer object keeps its working string on itself: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("indonesian")
    return stemmer


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The Snowball-Indonesian stem of one lower-case word (cached: the pure
    Python stemmer is slow and a catalogue repeats the same few thousand words)."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Lower-case ``[0-9a-z]`` words; accents are dropped first so "Kué" is "kue"."""
    text = text.lower()
    if not text.isascii():
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    return _WORD.findall(text)


def document(*parts: str) -> str:
    """What ``Product.search_text`` holds: the raw words, then the stems that differ."""
    raw = words(" ".join(parts))
    seen = set(raw)
    stems = [s for s in map(stem, raw) if s and s not in seen]
    return " ".join(raw + stems)


# --- Index installation (migration 0004, post_migrate, benchmarks) ----------

_SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS catalog_product_fts USING fts5("
    "name, search_text, content='catalog_product', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')"
)
# External content: the index must be told the *old* values to forget them.
_SQLITE_TRIGGERS = {
    "catalog_product_fts_ai": (
        "CREATE TRIGGER IF NOT EXISTS catalog_product_fts_ai "
        "AFTER INSERT ON catalog_product BEGIN "
        "INSERT INTO catalog_product_fts(rowid, name, search_text) "
        "VALUES (new.id, new.name, new.search_text); END"
    ),
    "catalog_product_fts_ad": (
        "CREATE TRIGGER IF NOT EXISTS catalog_product_fts_ad "
        "AFTER DELETE ON catalog_product BEGIN "
        "INSERT INTO catalog_product_fts(catalog_product_fts, rowid, name, search_text) "
        "VALUES ('delete', old.id, old.name, old.search_text); END"
    ),
    # Only when the indexed columns change: stock and status updates (the
    # frequent writes) leave the index alone.
    "catalog_product_fts_au": (
        "CREATE TRIGGER IF NOT EXISTS catalog_product_fts_au "
        "AFTER UPDATE OF id, name, search_text ON catalog_product "
        "WHEN old.id IS NOT new.id OR old.name IS NOT new.name "
        "OR old.search_text IS NOT new.search_text BEGIN "
        "INSERT INTO catalog_product_fts(catalog_product_fts, rowid, name, search_text) "
        "VALUES ('delete', old.id, old.name, old.search_text); "
        "INSERT INTO catalog_product_fts(rowid, name, search_text) "
        "VALUES (new.id, new.name, new.search_text); END"
    ),
}
_SQLITE_REBUILD = "INSERT INTO catalog_product_fts(catalog_product_fts) VALUES ('rebuild')"

# The indexed expression. ``_PgDocument`` renders exactly this (with the column
# qualified), which is what lets the planner match query and index.
_PG_DOCUMENT = (
    "(to_tsvector('simple'::regconfig, {col}) || to_tsvector('indonesian'::regconfig, {col}))"
)
_PG_CREATE_INDEX = (
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON catalog_product "
    f"USING gin ({_PG_DOCUMENT.format(col='search_text')})"
)


def _sqlite_objects(cursor) -> set[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE name = %s OR (type = 'trigger' AND name IN "
        "(%s, %s, %s))",
        [FTS_TABLE, *_SQLITE_TRIGGERS],
    )
    return {row[0] for row in cursor.fetchall()}


def install_index(connection) -> bool:
    """Create whatever part of the search index is missing; True if anything was.

    When the FTS table or a trigger was missing, writes may have gone
    unindexed, so the FTS table is rebuilt from ``catalog_product``.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            wanted = {FTS_TABLE, *_SQLITE_TRIGGERS}
            if _sqlite_objects(cursor) == wanted:
                return False
            cursor.execute(_SQLITE_TABLE)
            for sql in _SQLITE_TRIGGERS.values():
                cursor.execute(sql)
            cursor.execute(_SQLITE_REBUILD)
            return True
        if connection.vendor == "postgresql":
            cursor.execute("SELECT to_regclass(%s)", [PG_INDEX])
            if cursor.fetchone()[0] is not None:
                return False
            cursor.execute(_PG_CREATE_INDEX)
            return True
    return False


def drop_index(connection) -> None:
    """Remove the search index (the reverse of migration 0004)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for name in _SQLITE_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"DROP INDEX IF EXISTS {PG_INDEX}")


def ensure_index(using: str = DEFAULT_DB_ALIAS, **kwargs) -> bool:
    """``install_index`` once migration 0004 is applied; a ``post_migrate`` receiver.

    Checking the migration keeps ``migrate catalog 0003`` (which removes the
    index on purpose) from being undone by the receiver.
    """
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    applied = MigrationRecorder(connection).applied_migrations()
    if ("catalog", "0004_search_index") not in applied:
        return False
    return install_index(connection)


# --- Queries ----------------------------------------------------------------


def _terms(query: str) -> list[str]:
    terms: list[str] = []
    for word in words(query):
        word = word[:MAX_WORD_LENGTH]
        if word not in terms:
            terms.append(word)
            if len(terms) == MAX_QUERY_WORDS:
                break
    return terms


def _alternatives(term: str) -> tuple[str, bool, str | None]:
    """(word, match as prefix?, stem to match as a whole word or None)."""
    prefix = len(term) >= MIN_PREFIX_LENGTH
    stemmed = stem(term)
    if not stemmed or stemmed == term or (prefix and stemmed.startswith(term)):
        return term, prefix, None
    return term, prefix, stemmed


def fts5_query(terms: list[str]) -> str:
    """The FTS5 MATCH string, e.g. ``("keripik"* OR "ripik") AND ("pisang"*)``.

    Every word is quoted; it only ever holds ``[0-9a-z]``, so neither quotes
    nor FTS operators (``OR``, ``NEAR``, ``*``, ``-``, ``:``) can get in.
    """
    groups = []
    for term in terms:
        word, prefix, stemmed = _alternatives(term)
        options = [f'"{word}"*' if prefix else f'"{word}"']
        if stemmed:
            options.append(f'"{stemmed}"')
        groups.append("(" + " OR ".join(options) + ")")
    return " AND ".join(groups)


def _pg_tsquery(terms: list[str]) -> RawSQL:
    """``(to_tsquery('simple', 'kerip:*') || plainto_tsquery('indonesian', 'kerip')) && …``.

    The user's words travel as parameters; the SQL text is fixed.
    """
    parts, params = [], []
    for term in terms:
        word, prefix, _stemmed = _alternatives(term)
        parts.append(
            "(to_tsquery('simple'::regconfig, %s) || plainto_tsquery('indonesian'::regconfig, %s))"
        )
        params += [f"{word}:*" if prefix else word, word]
    # Fixed SQL text; the user's words are only in ``params``.
    return RawSQL(" && ".join(parts), params, output_field=TextField())  # noqa: S611


class _PgDocument(Func):
    """The indexed tsvector expression, rendered exactly as in ``_PG_CREATE_INDEX``."""

    arity = 1
    output_field = TextField()  # never selected; Django has no tsvector field outside contrib

    def as_sql(self, compiler, connection, **extra_context):
        column, params = compiler.compile(self.source_expressions[0])
        return _PG_DOCUMENT.format(col=column), [*params, *params]


class _PgMatches(Func):
    arity = 2
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class _PgRank(Func):
    """ts_rank of the product *name* against the query.

    Every row being ranked already matched through the index, so the rank only
    has to tell name matches (rank > 0; shorter names first, normalisation 1)
    from description-only ones (rank 0; then newest first). Ranking against the
    whole indexed document would mean recomputing ``to_tsvector`` of every
    matching description, because an expression index stores no vector: at a
    million products that made a one-word search take 1.2 s instead of 0.2 s
    (see bench/README.md).
    """

    arity = 2
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra_context):
        (name, name_params), (tsquery, tsquery_params) = (
            compiler.compile(e) for e in self.source_expressions
        )
        sql = (
            f"ts_rank(to_tsvector('simple'::regconfig, {name}) || "
            f"to_tsvector('indonesian'::regconfig, {name}), {tsquery}, 1)"
        )
        return sql, [*name_params, *name_params, *tsquery_params]


def _search_postgresql(queryset: QuerySet, terms: list[str], ranked: bool) -> QuerySet:
    tsquery = _pg_tsquery(terms)
    queryset = queryset.filter(_PgMatches(_PgDocument(F("search_text")), tsquery))
    if ranked:
        queryset = queryset.annotate(search_rank=_PgRank(F("name"), tsquery)).order_by(
            "-search_rank", "-id"
        )
    return queryset


def _search_sqlite(queryset: QuerySet, terms: list[str], ranked: bool) -> QuerySet:
    """Join the FTS table and let it drive: MATCH once, then products by primary key.

    Django has no join to a table without a model, hence ``extra(tables=…)``.
    The join condition is a filter on ``id`` (so Django re-aliases the product
    side when the result is used as a subquery) against ``+rowid``: the unary
    plus keeps SQLite from offering FTS5 a rowid lookup. Without it, and
    without ANALYZE statistics (Django never runs ANALYZE), SQLite may put the
    FTS table in the inner loop and run the whole MATCH once per product: 11
    minutes instead of 0.3 s for a common word at a million products. An
    ``id IN (SELECT rowid … MATCH …)`` filter has the mirror problem: SQLite
    guesses that ``status = 'active'`` selects 10 rows and walks that index.
    """
    match = fts5_query(terms)
    queryset = queryset.extra(  # noqa: S610 - fixed SQL, the user's words are a parameter
        tables=[FTS_TABLE], where=["catalog_product_fts MATCH %s"], params=[match]
    ).filter(id=RawSQL("+catalog_product_fts.rowid", (), output_field=BigIntegerField()))
    if not ranked:
        return queryset
    # bm25 exists only in the query that scans the FTS table. Column weights:
    # name 10, search_text 1; bm25 is lower-is-better, hence the minus.
    return queryset.extra(select={"search_rank": "-bm25(catalog_product_fts, 10.0, 1.0)"}).order_by(
        "-search_rank", "-id"
    )


def search_products(queryset: QuerySet, query: str, *, ranked: bool = False) -> QuerySet:
    """Products of ``queryset`` matching every word of ``query``.

    ``ranked=True`` orders by relevance, then newest id first among equals (a
    stable order, so pages never overlap); ``ranked=False`` leaves the order to
    the caller. A query without any usable word does not filter.
    """
    terms = _terms(query)
    if not terms:
        return queryset.order_by("-id") if ranked else queryset
    vendor = connections[queryset.db].vendor
    if vendor == "postgresql":
        return _search_postgresql(queryset, terms, ranked)
    if vendor == "sqlite":
        return _search_sqlite(queryset, terms, ranked)
    raise NotImplementedError(f"no product search for {vendor}")
