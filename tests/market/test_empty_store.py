"""A store just opened has nothing for sale: it stays out of every list until
its first product is for sale; its own page answers with a "belum buka" note
and is kept out of search engines."""

import pytest

from tests.demo_fixtures import _language_reset, page  # noqa: F401 (autouse fixture)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def empty_store():
    return StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")


def _listed(client, path: str) -> bool:
    return "/desa/dulolong/" in page(client.get(path)).hrefs()


def test_an_empty_store_is_in_no_list_until_it_has_a_product(client, empty_store):
    # Given a store with a verified seller but nothing for sale
    seller = SellerFactory(store=empty_store)
    # Then neither the home page nor any region market lists it or links to its region
    for path in ("/", "/wilayah/53/", "/wilayah/53.05/", "/wilayah/53.05.02/"):
        assert not _listed(client, path), path
    assert "/wilayah/53/" not in page(client.get("/")).hrefs()
    # When its first product is for sale, it is listed everywhere
    ProductFactory(seller=seller)
    for path in ("/", "/wilayah/53/", "/wilayah/53.05.02/"):
        assert _listed(client, path), path


def test_an_empty_stores_own_page_says_it_is_not_open_yet(client, empty_store):
    # When someone opens the empty store's own address (the operator previewing it)
    response = client.get("/desa/dulolong/")
    # Then it answers, says it is not open yet, offers registering, and is noindex
    assert response.status_code == 200
    html = page(response)
    assert "Toko belum buka" in html.text
    assert "/kelola/penjual/daftar/?toko=dulolong" in html.hrefs()
    assert '<meta name="robots" content="noindex">' in response.content.decode()
    # No row of empty category chips
    assert "?kategori=" not in response.content.decode()


def test_a_store_with_products_is_indexed_and_has_no_note(client, empty_store):
    ProductFactory(seller=SellerFactory(store=empty_store))
    response = client.get("/desa/dulolong/")
    assert "Toko belum buka" not in page(response).text
    assert 'name="robots"' not in response.content.decode()
