"""The photo-shrinking script comes with every photo input and nowhere else,
given/when/then: deferred (never render-blocking), one small static file; the
input works as a plain upload without it (see tests/e2e/test_photo_upload.py)."""

import pytest
from django.contrib.staticfiles import finders

from tests.demo_fixtures import (
    _language_reset,  # noqa: F401 (autouse fixture)
    page,
)
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

SCRIPT = "/static/core/photos.js"


def scripts(html) -> list[dict]:
    """The script files a page loads (the location form has an inline one of its own)."""
    return [s for s in html.find_all("script") if "src" in s]


def test_every_page_with_a_photo_input_loads_the_script_deferred(maria, client_a):
    product = ProductFactory(seller=maria)
    for url in [
        f"/kelola/penjual/{maria.pk}/produk/baru/",
        f"/kelola/produk/{product.pk}/",
        f"/kelola/penjual/{maria.pk}/profil/",
        "/kelola/penjual/daftar/",
    ]:
        # When a page with a photo field is opened
        html = page(client_a.get(url))
        # Then its photo input is marked for shrinking, and the script comes once, deferred
        photo_inputs = [i for i in html.find_all("input", type="file") if "data-kecilkan" in i]
        assert photo_inputs, url
        assert all(i["data-kecilkan"] == "Memperkecil foto…" for i in photo_inputs), url
        assert scripts(html) == [{"src": SCRIPT, "defer": ""}], url


def test_pages_without_a_photo_input_have_no_script(maria, client_a):
    for url in [f"/kelola/penjual/{maria.pk}/", f"/kelola/penjual/{maria.pk}/produk/impor/"]:
        assert scripts(page(client_a.get(url))) == [], url


def test_the_script_is_small():
    path = finders.find("core/photos.js")
    assert path is not None
    with open(path, "rb") as handle:
        assert len(handle.read()) < 8_000  # about 2 KB over the wire, once, cached a year
