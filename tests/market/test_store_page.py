"""A village store's page (/desa/<slug>/), as a buyer sees it."""

import datetime

import pytest

from pasardesa.catalog.models import Category, Product
from pasardesa.catalog.services import set_featured_product
from pasardesa.sellers.models import Seller
from pasardesa.sellers.services import set_opening_hours
from pasardesa.stores.models import Store
from tests.demo_fixtures import (
    MONDAY_10_WITA,
    _language_reset,  # noqa: F401 (autouse fixture)
    build_market,
    card_ids,
    freeze_now,
    page,
    with_photo,
)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def dulolong():
    return StoreFactory(
        village=village(),
        name="Toko Desa Dulolong",
        slug="dulolong",
        tagline="Kopi dan tenun dari Alor",
        description="Toko online warga Desa Dulolong.",
        whatsapp="+6281234567890",
        address="Kantor Desa Dulolong",
    )


@pytest.fixture
def maria(dulolong):
    return SellerFactory(store=dulolong, business_name="Kopi Ibu Maria", slug="kopi-ibu-maria")


def test_store_page_shows_the_village_store(client, dulolong, maria):
    # Given Dulolong's store with one seller and a featured coffee
    coffee = ProductFactory(
        seller=maria, name="Kopi Bubuk Alor", price_idr=15_000, discount_idr=2_500, unit="bungkus"
    )
    set_featured_product(store=dulolong, product=coffee)
    # When a buyer opens the store page
    response = client.get("/desa/dulolong/")
    html = page(response)
    # Then they see the store, where it is, its produk unggulan with price and seller
    assert response.status_code == 200
    assert "<h1>Toko Desa Dulolong</h1>" in response.content.decode()
    assert "Kopi dan tenun dari Alor" in html.text
    assert "Toko online warga Desa Dulolong." in html.text
    assert "Kantor Desa Dulolong" in html.text
    assert "0812-3456-7890" in html.text
    assert "Nusa Tenggara Timur › Kabupaten Alor › Kecamatan Alor Barat Laut › Desa Dulolong" in (
        html.text
    )
    assert "/wilayah/53.05.02/" in html.hrefs()
    assert "Produk unggulan desa" in html.text
    assert "Kopi Bubuk Alor" in html.text
    assert "Rp12.500" in html.text
    assert "<s>Rp15.000</s>" in response.content.decode()
    assert coffee.get_absolute_url() in html.hrefs()
    # And the sellers and the products of the village
    assert "Kopi Ibu Maria" in html.text
    assert maria.get_absolute_url() in html.hrefs()
    assert coffee.pk in card_ids(response)
    assert html.find_all("script") == []


def test_store_page_shows_each_sellers_open_or_closed_tag(client, monkeypatch, dulolong, maria):
    # Given one seller open now and one who switched to closed
    SellerFactory(store=dulolong, business_name="Tenun Ikat Mama Ros", is_open=False)
    set_opening_hours(seller=maria, hours={0: (datetime.time(8), datetime.time(17))})
    freeze_now(monkeypatch, MONDAY_10_WITA)
    # When the store page is opened
    html = page(client.get("/desa/dulolong/"))
    # Then each seller card says Buka or Tutup
    text = html.text
    assert text.index("Kopi Ibu Maria") < text.index("Buka") < text.index("Tenun Ikat Mama Ros")
    assert text.index("Tenun Ikat Mama Ros") < text.index("Tutup")


def test_only_verified_sellers_are_listed(client, dulolong, maria):
    SellerFactory(store=dulolong, business_name="Usaha Menunggu", status=Seller.Status.PENDING)
    SellerFactory(store=dulolong, business_name="Usaha Dibekukan", status=Seller.Status.SUSPENDED)
    text = page(client.get("/desa/dulolong/")).text
    assert "Kopi Ibu Maria" in text
    assert "Usaha Menunggu" not in text
    assert "Usaha Dibekukan" not in text


def test_category_filter_narrows_the_products(client, dulolong, maria):
    # Given a coffee and a ginger drink of the village
    coffee = ProductFactory(seller=maria, name="Kopi Alor")
    ginger = ProductFactory(
        seller=maria, name="Jahe Merah", category=Category.objects.get(slug="herbal")
    )
    # When the buyer taps the "herbal" category chip
    html = page(client.get("/desa/dulolong/"))
    chip = "/desa/dulolong/?kategori=herbal"
    assert chip in html.hrefs()
    response = client.get(chip)
    # Then only the ginger is listed and the chip is marked as current
    assert card_ids(response) == [ginger.pk]
    assert coffee.pk not in card_ids(response)
    assert page(response).find_all("a", href=chip, **{"aria-current": "true"})


def test_unknown_category_shows_everything(client, dulolong, maria):
    coffee = ProductFactory(seller=maria)
    response = client.get("/desa/dulolong/", {"kategori": "tidak-ada"})
    assert response.status_code == 200
    assert card_ids(response) == [coffee.pk]


def test_products_of_other_villages_are_not_in_the_store(client, dulolong, maria):
    ours = ProductFactory(seller=maria)
    theirs = ProductFactory()
    ids = card_ids(client.get("/desa/dulolong/"))
    assert ours.pk in ids
    assert theirs.pk not in ids


@pytest.mark.parametrize("how", ["hidden", "pending", "suspended", "other_store", "none"], ids=str)
def test_featured_product_shown_only_while_on_public_sale(client, dulolong, maria, how):
    # Given the store's featured product
    featured = ProductFactory(seller=maria, name="Kopi Unggulan Dulolong")
    set_featured_product(store=dulolong, product=featured)
    # When it is hidden, its seller not verified, it belongs to another store (a
    # stale row), or nothing is featured
    if how == "hidden":
        Product.objects.filter(pk=featured.pk).update(status=Product.Status.HIDDEN)
    elif how in ("pending", "suspended"):
        Seller.objects.filter(pk=maria.pk).update(status=how)
    elif how == "other_store":
        Product.objects.filter(pk=featured.pk).update(seller=SellerFactory())
    elif how == "none":
        set_featured_product(store=dulolong, product=None)
    # Then neither the store page nor the store's card (home, region) shows a
    # "produk unggulan"; one no longer on sale is nowhere at all
    for url in ("/desa/dulolong/", "/", "/wilayah/53.05.02/"):
        text = page(client.get(url)).text
        assert "Produk unggulan" not in text, url
        if how in ("hidden", "pending", "suspended"):
            assert "Kopi Unggulan Dulolong" not in text, url


def test_store_share_preview_tags(client, dulolong, maria):
    # Given the store features a product with a photo
    coffee = ProductFactory(seller=maria)
    with_photo(coffee)
    set_featured_product(store=dulolong, product=coffee)
    # When the page is opened
    html = page(client.get("/desa/dulolong/"))
    # Then Open Graph and Twitter describe the store with the featured photo
    assert html.meta("og:title") == "Toko Desa Dulolong"
    assert html.meta("og:description") == "Toko online warga Desa Dulolong."
    assert html.meta("og:url") == "http://testserver/desa/dulolong/"
    assert html.meta("og:image").startswith("http://testserver/media/products/")
    assert html.meta("twitter:card") == "summary_large_image"
    assert html.meta("twitter:title") == "Toko Desa Dulolong"
    canonical = html.find_all("link", rel="canonical")
    assert canonical == [{"rel": "canonical", "href": "http://testserver/desa/dulolong/"}]


def test_store_without_photo_still_has_share_tags(client, dulolong):
    html = page(client.get("/desa/dulolong/"))
    assert html.meta("og:title") == "Toko Desa Dulolong"
    assert html.meta("og:image") is None
    assert html.meta("twitter:card") == "summary"


def test_store_text_is_escaped(client):
    StoreFactory(
        village=village(),
        slug="dulolong",
        name="<script>alert(1)</script>",
        tagline="<b>slogan</b>",
        description='"><img src=x onerror=alert(2)>',
    )
    response = client.get("/desa/dulolong/")
    content = response.content.decode()
    assert "<script" not in content
    assert "<img src=x" not in content
    assert "<b>slogan" not in content
    html = page(response)
    assert html.meta("og:title") == "<script>alert(1)</script>"
    assert html.meta("og:description") == '"><img src=x onerror=alert(2)>'
    assert html.title.startswith("<script>alert(1)</script> · ")


def test_inactive_store_is_not_found(client, dulolong, maria):
    Store.objects.filter(pk=dulolong.pk).update(is_active=False)
    assert client.get("/desa/dulolong/").status_code == 404
    assert client.get(maria.get_absolute_url()).status_code == 404
    assert "Toko Desa Dulolong" not in page(client.get("/")).text


def test_store_products_paginate_without_overlap(client, dulolong, maria):
    products = [ProductFactory(seller=maria) for _ in range(25)]
    first = card_ids(client.get("/desa/dulolong/"))
    second = card_ids(client.get("/desa/dulolong/", {"halaman": 2}))
    assert len(first) == 20
    assert len(second) == 5
    assert sorted(first + second) == sorted(p.pk for p in products)


# One number, the same for 3 and for 30 products (5 and 15 sellers in the store).
STORE_QUERIES = 12


@pytest.mark.parametrize("size", [3, 30])
def test_store_page_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    market = build_market(size)
    url = market["store"].get_absolute_url()
    with django_assert_max_num_queries(STORE_QUERIES):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(STORE_QUERIES):
        assert client.get(url, {"kategori": "makanan-minuman", "halaman": 2}).status_code == 200
