"""Whatever a buyer (or a bot) types into a URL, the answer is never a 500.

Unknown things get the friendly Indonesian 404 page; bad filter values on the
search page are reported on the page, in Indonesian, and ignored.
"""

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import path

from pasardesa.catalog.models import Product
from pasardesa.core.forms import as_key, beyond_any_key
from pasardesa.core.views import server_error
from tests.demo_fixtures import (
    BYTE_BUDGET,
    _language_reset,  # noqa: F401 (autouse fixture)
    card_ids,
    gzip_size,
    page,
)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def market():
    store = StoreFactory(village=village(), slug="dulolong")
    seller = SellerFactory(store=store, slug="kopi-ibu-maria")
    return {
        "kopi": ProductFactory(
            seller=seller, name="Kopi Alor", description="Kopi robusta.", price_idr=25_000
        ),
        "madu": ProductFactory(
            seller=seller, name="Madu Hutan", description="Madu lebah liar.", price_idr=60_000
        ),
    }


def assert_friendly_404(response):
    assert response.status_code == 404
    html = page(response)
    assert 'lang="id"' in response.content.decode()[:200]
    assert "Halaman tidak ditemukan" in html.text
    assert "Kembali ke beranda" in html.text
    assert "/" in html.hrefs()
    assert gzip_size(response.content) <= BYTE_BUDGET


# --- unknown things: 404 ----------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/wilayah/99/",
        "/wilayah/53.99/",
        "/wilayah/53.99.99.9999/",
        "/wilayah/abc/",
        "/wilayah/5/",
        "/wilayah/53.05.02.2006.1/",
        "/wilayah/......../",
        "/wilayah/%3Cscript%3E/",
        "/produk/999999/kopi/",
        "/produk/0/x/",
        "/produk/99999999999999999999999999/x/",
        "/produk/-1/x/",
        "/produk/abc/x/",
        "/pesan/999999/wa/",
        "/pesan/99999999999999999999999999/wa/",
        "/desa/tidak-ada/",
        "/desa/%E2%98%95/",
        "/penjual/tidak-ada/",
        "/penjual/../../etc/passwd/",
        "/halaman-yang-tidak-ada/",
        "/media/tidak-ada.webp",
    ],
)
def test_unknown_things_get_the_friendly_404_page(client, market, url):
    # When a buyer follows a broken or made-up link
    response = client.get(url)
    # Then they get the small Indonesian "not found" page with a way home
    assert_friendly_404(response)


@pytest.mark.parametrize("url", ["/media/../settings.py", "/media/%2e%2e/pasardesa/settings.py"])
def test_path_traversal_in_media_is_refused(client, url):
    response = client.get(url)
    assert response.status_code in (400, 404)
    assert b"SECRET_KEY" not in response.content


def test_404_page_has_no_scripts_and_no_external_resources(client):
    response = client.get("/wilayah/99/")
    html = page(response)
    assert html.find_all("script") == []
    assert not [link for link in html.find_all("link") if link.get("rel") == "stylesheet"]


def test_404_under_english_prefix_is_english_page(client):
    response = client.get("/en/wilayah/99/")
    assert response.status_code == 404
    assert 'lang="en"' in response.content.decode()[:200]


# --- search: bad values are reported, never a crash ------------------------------

# (params, the field label the error is reported under, or None when the value
# is simply corrected without a message)
BAD_SEARCH_INPUT = [
    ({"halaman": "-1"}, None),
    ({"halaman": "abc"}, None),
    ({"halaman": "99999"}, None),
    ({"halaman": "1" * 5000}, None),
    ({"halaman": "\x00"}, None),
    ({"harga_min": "-5"}, "Harga dari (Rp)"),
    ({"harga_min": "abc"}, "Harga dari (Rp)"),
    ({"harga_min": "12.5"}, "Harga dari (Rp)"),
    ({"harga_maks": str(10**30)}, "Harga sampai (Rp)"),
    ({"harga_maks": "9" * 5000}, "Harga sampai (Rp)"),
    ({"kategori": "tidak-ada"}, "Kategori"),
    ({"kategori": "\x00"}, "Kategori"),
    ({"wilayah": "<script>alert(1)</script>"}, "Wilayah"),
    ({"wilayah": "53.0"}, "Wilayah"),
    ({"wilayah": "\x00"}, "Wilayah"),
    ({"jenis": "x"}, "Jenis"),
    ({"urut": "x"}, "Urutkan"),
    ({"urut": "termurah; DROP TABLE catalog_product"}, "Urutkan"),
    ({"q": "\x00"}, "Kata kunci"),
    ({"q": "kopi\x00"}, "Kata kunci"),
]


@pytest.mark.parametrize(("params", "label"), BAD_SEARCH_INPUT, ids=repr)
def test_bad_search_input_is_reported_not_a_crash(client, market, params, label):
    # When the search page gets a value no form would send
    response = client.get("/cari/", params)
    # Then it answers normally, within the byte budget, without echoing markup
    assert response.status_code == 200
    content = response.content.decode()
    assert "<script>alert" not in content
    assert gzip_size(response.content) <= BYTE_BUDGET
    alerts = page(response).find_all("div", role="alert")
    if label is None:
        # a page number is corrected to the nearest page, nothing to report
        assert not alerts
        assert card_ids(response)
    else:
        # and the mistake is explained in Indonesian next to the field's name
        assert alerts, "no error shown"
        text = page(response).text
        assert f"{label}:" in text
        assert (
            any(
                word in text
                for word in (
                    "Pastikan",
                    "Pilih pilihan",
                    "tidak dikenal",
                    "tidak ditemukan",
                    "Masukkan",
                    "terlalu besar",
                )
            )
            or "karakter null" in text.lower()
        ), text
        # the other filters still work: the list is shown, not an error page
        assert "produk ditemukan" in text


def test_min_price_above_max_price_is_reported(client, market):
    # When the buyer swaps the two prices (50.000 to 20.000)
    response = client.get("/cari/", {"harga_min": "50000", "harga_maks": "20000"})
    # Then the page says so instead of silently showing nothing
    assert response.status_code == 200
    html = page(response)
    alerts = html.find_all("div", role="alert")
    assert alerts, "harga_min > harga_maks is not reported"
    assert "Harga" in html.text


def test_very_long_query_is_cut_and_searched(client, market):
    # When a whole essay is pasted into the search box
    response = client.get("/cari/", {"q": "kopi " + "x" * 5000})
    # Then the first 200 characters are searched, without a crash
    assert response.status_code == 200
    assert gzip_size(response.content) <= BYTE_BUDGET
    boxes = page(response).find_all("input", name="q")
    assert boxes
    assert all(len(box.get("value", "")) <= 200 for box in boxes)


@pytest.mark.parametrize(
    "query",
    [
        "kopi ☕",
        "☕🍵🔥",
        "' OR 1=1 --",
        '"; DROP TABLE catalog_product; --',
        "%",
        "_",
        "\\",
        "kopi' UNION SELECT password FROM accounts_user --",
        "<script>alert(1)</script>",
        "   ",
        "ŕàñdöm ünïcödé",
        "\u202e\u200b",
    ],
)
def test_odd_search_text_never_crashes(client, market, query):
    # When the buyer searches for emoji, SQL-looking text or markup
    response = client.get("/cari/", {"q": query})
    # Then the page answers, nothing is broken, and nothing is injected
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()
    assert Product.objects.count() == 2


def test_emoji_next_to_a_word_still_finds_it(client, market):
    response = client.get("/cari/", {"q": "kopi ☕"})
    assert card_ids(response) == [market["kopi"].pk]


@pytest.mark.parametrize(
    "url",
    [
        "/desa/dulolong/?kategori=%00",
        "/desa/dulolong/?kategori=tidak-ada&halaman=abc",
        "/desa/dulolong/?halaman=-1",
        "/desa/dulolong/?halaman=99999",
        "/penjual/kopi-ibu-maria/?halaman=abc",
        "/penjual/kopi-ibu-maria/?halaman=99999",
        "/wilayah/53.05/?halaman=%00",
        "/wilayah/53.05/?halaman=99999",
        "/?halaman=abc&q=%00",
        "/produk/1/x/?jumlah=%00",
        "/pesan/1/wa/?jumlah=%00",
    ],
)
def test_query_strings_on_other_pages_never_crash(client, market, url):
    url = url.replace("/1/", f"/{market['kopi'].pk}/")
    response = client.get(url)
    assert response.status_code in (200, 301, 302), response.status_code


# --- the 500 page -----------------------------------------------------------------


def _boom(request):
    raise RuntimeError("kaboom")


def _fine(request):
    return HttpResponse("ok")


# This module doubles as a URLconf for the test below.
urlpatterns = [path("boom/", _boom), path("fine/", _fine)]
handler500 = "pasardesa.core.views.server_error"


def test_500_template_renders_on_its_own():
    # When the error handler runs (it must not need the database or a context)
    response = server_error(RequestFactory().get("/"))
    # Then it is a small Indonesian page with a way home
    assert response.status_code == 500
    html = page(response)
    assert 'lang="id"' in response.content.decode()
    assert "Maaf, ada gangguan" in html.text
    assert "/" in html.hrefs()
    assert gzip_size(response.content) <= BYTE_BUDGET


def test_an_exception_in_a_view_gives_the_500_page(settings):
    # Given a view that raises
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    # When it is requested
    response = client.get("/boom/")
    # Then the buyer gets the friendly 500 page, not a traceback
    assert response.status_code == 500
    assert "Maaf, ada gangguan" in page(response).text
    assert "kaboom" not in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize(
    ("value", "key"),
    [
        ("1", 1),
        ("9223372036854775807", 2**63 - 1),
        ("0", None),
        ("9223372036854775808", None),
        ("²", None),
        ("٣", None),
        ("-1", None),
        ("", None),
        (" 1", None),
        (None, None),
    ],
)
def test_a_forged_row_key_is_read_only_when_plain_digits_fit_64_bits(value, key):
    assert as_key(value) == key
    assert beyond_any_key("²") is False
