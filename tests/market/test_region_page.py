"""The market of a region (/wilayah/<code>/): a provinsi, kabupaten, kecamatan or desa."""

import pytest

from pasardesa.catalog.services import set_featured_product
from tests.demo_fixtures import (
    _language_reset,  # noqa: F401 (autouse fixture)
    build_market,
    card_ids,
    page,
)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def alor():
    """Dulolong (Alor Barat Laut), a village of another kecamatan, and one in Kupang."""
    dulolong = StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")
    lain = StoreFactory(village=village("53.05.03.2001", "Desa Lain"), name="Toko Desa Lain")
    kupang = StoreFactory(village=village("53.01.01.2001", "Desa Kupang"), name="Toko Kupang")
    coffee = ProductFactory(
        seller=SellerFactory(store=dulolong), name="Kopi Dulolong", price_idr=12_500
    )
    set_featured_product(store=dulolong, product=coffee)
    return {
        "dulolong": dulolong,
        "coffee": coffee,
        "lain": ProductFactory(seller=SellerFactory(store=lain), name="Madu Lain"),
        "kupang": ProductFactory(seller=SellerFactory(store=kupang), name="Sei Kupang"),
    }


@pytest.mark.parametrize(
    ("code", "title", "listed"),
    [
        ("53", "Pasar Provinsi Nusa Tenggara Timur", {"coffee", "lain", "kupang"}),
        ("53.05", "Pasar Kabupaten Alor", {"coffee", "lain"}),
        ("53.05.02", "Pasar Kecamatan Alor Barat Laut", {"coffee"}),
        ("53.05.02.2006", "Pasar Desa Dulolong", {"coffee"}),
        ("53.05.03", "Pasar Kecamatan Wilayah 53.05.03", {"lain"}),
    ],
)
def test_region_market_lists_the_products_inside_it(client, alor, code, title, listed):
    # When a buyer opens the market of a region
    response = client.get(f"/wilayah/{code}/")
    html = page(response)
    # Then it is named after the region and lists exactly its products
    assert response.status_code == 200
    assert f"<h1>{title}</h1>" in response.content.decode()
    assert html.title.startswith(title)
    assert f"Kode wilayah {code}" in html.text
    names = {k for k, p in alor.items() if k != "dulolong" and p.pk in card_ids(response)}
    assert names == listed
    assert html.find_all("script") == []


def test_kecamatan_market_shows_its_stores_with_featured_product(client, alor):
    # When the kecamatan Alor Barat Laut is opened
    response = client.get("/wilayah/53.05.02/")
    html = page(response)
    # Then Dulolong's store card shows where it is and its produk unggulan
    assert "Toko Desa Dulolong" in html.text
    assert "Desa Dulolong, Alor Barat Laut, Kabupaten Alor" in html.text
    assert "Produk unggulan" in html.text
    assert "Rp12.500" in html.text
    assert "/desa/dulolong/" in html.hrefs()
    assert alor["coffee"].get_absolute_url() in html.hrefs()
    # And not the stores of other kecamatan
    assert "Toko Desa Lain" not in html.text
    assert "Toko Kupang" not in html.text


def test_region_breadcrumbs_lead_up_to_the_provinsi(client, alor):
    html = page(client.get("/wilayah/53.05.02.2006/"))
    assert "Nusa Tenggara Timur › Kabupaten Alor › Kecamatan Alor Barat Laut › Desa Dulolong" in (
        html.text
    )
    for code in ("53", "53.05", "53.05.02"):
        assert f"/wilayah/{code}/" in html.hrefs()


def test_kabupaten_market_links_to_its_kecamatan_markets(client, alor):
    html = page(client.get("/wilayah/53.05/"))
    assert "/wilayah/53.05.02/" in html.hrefs()
    assert "/wilayah/53.05.03/" in html.hrefs()
    assert "/wilayah/53.01/" not in html.hrefs()


def test_region_without_stores_says_so(client, alor):
    village("52.01.01.2001", "Desa Lombok")
    response = client.get("/wilayah/52/")
    assert response.status_code == 200
    assert "Belum ada toko desa di wilayah ini." in page(response).text
    assert "Belum ada produk di sini." in page(response).text


def test_code_prefix_does_not_leak_into_a_neighbour(client):
    # Given kecamatan 53.05.02 and 53.05.020 is not a code, but 53.05.02 must not
    # match 53.05.021x-style text either: a store of kecamatan 53.05.20
    near = StoreFactory(village=village("53.05.20.2001", "Desa Dua Puluh"))
    product = ProductFactory(seller=SellerFactory(store=near))
    assert product.pk not in card_ids(client.get("/wilayah/53.05.02/"))
    assert product.pk in card_ids(client.get("/wilayah/53.05.20/"))


def test_region_products_paginate_without_overlap(client, alor):
    seller = alor["coffee"].seller
    products = [alor["coffee"]] + [ProductFactory(seller=seller) for _ in range(24)]
    first = card_ids(client.get("/wilayah/53.05.02/"))
    second = card_ids(client.get("/wilayah/53.05.02/", {"halaman": 2}))
    assert (len(first), len(second)) == (20, 5)
    assert sorted(first + second) == sorted(p.pk for p in products)


# One number per region level, the same for 3 and for 30 products (1 and 6 stores).
REGION_QUERIES = 9


@pytest.mark.parametrize("size", [3, 30])
def test_region_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    build_market(size)
    for code in ("53", "53.05", "53.05.02", "53.05.02.2006"):
        with django_assert_max_num_queries(REGION_QUERIES):
            assert client.get(f"/wilayah/{code}/").status_code == 200, code
