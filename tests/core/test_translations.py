"""The English catalog: complete, consistent with its source, compiled, and used.

Bahasa Indonesia is the source language (the msgids); English is the translation,
served under /en/. These checks make a half-done translation fail CI:

- every entry of ``locale/en/LC_MESSAGES/django.po`` is translated and not fuzzy;
- each translation keeps the placeholders of its msgid (a lost ``%(name)s`` is a
  ``KeyError`` at run time, an extra one a wrong message);
- ``django.mo`` holds exactly what ``django.po`` says (a forgotten
  ``compilemessages`` would ship the old English);
- English pages really come out in English.

Refresh the catalog with ``manage.py makemessages -l en --ignore=.venv --ignore=tests
--ignore=bench --ignore=staticfiles --no-obsolete``, translate, then
``manage.py compilemessages -l en --ignore=.venv``.
"""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES"
PO_PATH = LOCALE_DIR / "django.po"
MO_PATH = LOCALE_DIR / "django.mo"

# %(name)s / %(n)d, bare %s / %d, and str.format fields {…}. "%%" is a literal percent.
_PLACEHOLDER = re.compile(
    r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[sdifr]|\{[^{}]*\}"
)


def placeholders(text: str) -> set[str]:
    return set(_PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def _live(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete]


def _label(entry: polib.POEntry) -> str:
    where = entry.occurrences[0] if entry.occurrences else ("?", "")
    return f"{entry.msgid!r} ({where[0]}:{where[1]})"


def test_catalog_is_not_empty(po):
    assert len(_live(po)) > 100, "django.po looks empty: run makemessages -l en"


def test_every_entry_is_translated(po):
    untranslated = [_label(e) for e in _live(po) if not e.translated() and "fuzzy" not in e.flags]
    assert not untranslated, f"{len(untranslated)} untranslated msgid(s):\n" + "\n".join(
        untranslated
    )


def test_no_entry_is_fuzzy(po):
    assert not po.metadata_is_fuzzy, "the header of django.po is marked fuzzy"
    fuzzy = [_label(e) for e in _live(po) if "fuzzy" in e.flags]
    assert not fuzzy, (
        f"{len(fuzzy)} fuzzy msgid(s) (check the translation, then remove the flag):\n"
        + "\n".join(fuzzy)
    )


def test_placeholders_match_the_msgid(po):
    problems = []
    for entry in _live(po):
        if entry.msgid_plural:
            sources = {0: entry.msgid}
            pairs = [
                (sources.get(int(i), entry.msgid_plural), text)
                for i, text in sorted(entry.msgstr_plural.items())
            ]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, text in pairs:
            if text and placeholders(source) != placeholders(text):
                problems.append(
                    f"{_label(entry)}: msgid has {sorted(placeholders(source))}, "
                    f"msgstr {text!r} has {sorted(placeholders(text))}"
                )
    assert not problems, "\n".join(problems)


def test_placeholder_pattern():
    assert placeholders("Halo, %(name)s: %(n)d dari %s, {count} dan 10%% diskon (%)") == {
        "%(name)s",
        "%(n)d",
        "%s",
        "{count}",
    }


def _translations(entries) -> dict[tuple[str | None, str], object]:
    table = {}
    for entry in entries:
        if not entry.msgid:  # the header
            continue
        if entry.msgid_plural:
            value = (
                entry.msgid_plural,
                tuple(
                    text for _, text in sorted((int(k), v) for k, v in entry.msgstr_plural.items())
                ),
            )
        else:
            value = entry.msgstr
        table[(entry.msgctxt, entry.msgid)] = value
    return table


def test_compiled_catalog_matches_the_po(po):
    assert MO_PATH.exists(), "django.mo is missing: run compilemessages -l en"
    mo = polib.mofile(str(MO_PATH))
    expected = _translations(e for e in _live(po) if e.translated())
    compiled = _translations(mo)
    stale = sorted(
        repr(key[1])
        for key in expected.keys() | compiled.keys()
        if expected.get(key) != compiled.get(key)
    )
    assert not stale, (
        f"django.mo differs from django.po for {len(stale)} msgid(s); "
        "run `manage.py compilemessages -l en --ignore=.venv`:\n" + "\n".join(stale[:20])
    )
    assert mo.metadata.get("Plural-Forms") == po.metadata.get("Plural-Forms")


# --- The catalog in use -------------------------------------------------------------

# (Indonesian source, its English translation) from the base template and the pages.
BASE_WORDS = [
    ("Cari produk atau jasa", "Search for products or services"),
    ("Jual / Kelola", "Sell / Manage"),
]
PAGES = [
    ("/en/", 200, [("Belanja langsung dari desa", "Shop straight from the village")]),
    ("/en/cari/?q=kopi", 200, [('Hasil untuk "kopi"', 'Results for "kopi"')]),
    ("/en/akun/masuk/", 200, [("Masuk", "Log in"), ("Kata sandi", "Password")]),
    ("/en/wilayah/99/", 404, [("Halaman tidak ditemukan", "Page not found")]),
]


@pytest.fixture(autouse=True)
def _indonesian_around_each_test():
    """A request to /en/ leaves English active in this thread: reset before and after."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.mark.parametrize(("url", "status", "words"), PAGES, ids=[p[0] for p in PAGES])
def test_english_pages_are_in_english(client, db, url, status, words):
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert '<html lang="en">' in html
    for indonesian, english in BASE_WORDS + words:
        assert indonesian not in html, f"{url}: Indonesian {indonesian!r} on an English page"
        assert english in html, f"{url}: {english!r} missing"


def test_the_same_pages_stay_indonesian_without_the_prefix(client, db):
    html = client.get("/").content.decode()
    assert '<html lang="id">' in html
    assert "Cari produk atau jasa" in html
    assert "Belanja langsung dari desa" in html
    assert "Search for products or services" not in html
