"""Full-text search of products: one interface, one backend per database.

Both backends index the same ``Product.search_text`` (raw words followed by
their Snowball-Indonesian stems, because the stemmer over-stems some words:
keripik → ripik). SQLite uses an FTS5 table; PostgreSQL a GIN index over
``to_tsvector('indonesian', …)``.

PLACEHOLDER: the real backends are being written; this keeps a LIKE fallback.
"""

import re

import snowballstemmer
from django.db.models import Q, QuerySet

_stemmer = snowballstemmer.stemmer("indonesian")
_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def document(*parts: str) -> str:
    raw = words(" ".join(parts))
    stems = [s for s in _stemmer.stemWords(raw) if s]
    return " ".join(raw + [s for s in stems if s not in raw])


def index_product(product) -> None:
    """Bring the search index up to date for one product."""


def search_products(queryset: QuerySet, query: str, *, ranked: bool = False) -> QuerySet:
    terms = words(query)[:10]
    for term in terms:
        stem = _stemmer.stemWord(term)
        queryset = queryset.filter(Q(search_text__contains=term) | Q(search_text__contains=stem))
    return queryset.order_by("-created_at", "-id") if ranked else queryset
