"""The buyer's catalogue pages: home, product, "Pesan via WhatsApp" and search.

Given/when/then, through the Django test client, on both databases.
"""

import datetime
import re
from decimal import Decimal

import pytest

from pasardesa.catalog.models import Category, Product
from pasardesa.catalog.services import set_featured_product
from pasardesa.catalog.whatsapp import MAX_WHATSAPP_QUANTITY
from pasardesa.sellers.models import Seller
from pasardesa.sellers.services import set_opening_hours
from tests.demo_fixtures import (
    MONDAY_10_WITA,
    MONDAY_20_WITA,
    _language_reset,  # noqa: F401 (autouse fixture)
    build_market,
    card_ids,
    freeze_now,
    page,
    whatsapp_text,
    with_photo,
)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db

XSS = "<script>alert(1)</script>"


def product_ids(response) -> list[int]:
    """Products listed on a page (cards and featured links), in page order."""
    ids = []
    for href in page(response).hrefs():
        if match := re.fullmatch(r"/(?:en/)?produk/(\d+)/[-\w]+/", href):
            ids.append(int(match.group(1)))
    return ids


@pytest.fixture
def dulolong_seller():
    store = StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")
    return SellerFactory(
        store=store,
        business_name="Kopi Ibu Maria",
        slug="kopi-ibu-maria",
        whatsapp="+6281234567891",
        latitude=Decimal("-8.216000"),
        longitude=Decimal("124.533000"),
    )


@pytest.fixture
def coffee(dulolong_seller):
    return ProductFactory(
        seller=dulolong_seller,
        name="Kopi Bubuk Alor",
        slug="kopi-bubuk-alor",
        description="Kopi robusta sangrai dari kebun warga Dulolong.",
        price_idr=15_000,
        discount_idr=2_500,
        unit="bungkus",
        stock=10,
    )


# --- product page ---------------------------------------------------------------


def test_product_page_shows_what_a_buyer_needs(client, coffee):
    # Given a coffee of 15.000 with 2.500 off, sold by Kopi Ibu Maria in Dulolong
    # When a buyer opens its page
    response = client.get(coffee.get_absolute_url())
    # Then it names the product, the price after discount, the crossed-out old
    # price, the stock and the seller with their village
    assert response.status_code == 200
    html = page(response)
    assert "Kopi Bubuk Alor" in html.title
    assert "<h1>Kopi Bubuk Alor</h1>" in response.content.decode()
    assert "Rp12.500" in html.text
    assert "<s>Rp15.000</s>" in response.content.decode()
    assert "Hemat Rp2.500" in html.text
    assert "Stok 10 bungkus" in html.text
    assert "Kopi Ibu Maria" in html.text
    assert "Dulolong" in html.text
    assert "Kopi robusta sangrai dari kebun warga Dulolong." in html.text
    assert html.find_all("script") == []


def test_percent_discount_shows_sale_price_and_old_price(client, dulolong_seller):
    # Given a product of 25.000 with 10% off
    product = ProductFactory(seller=dulolong_seller, price_idr=25_000, discount_percent=10)
    # When its page is opened
    response = client.get(product.get_absolute_url())
    # Then the buyer sees 22.500, the old 25.000 crossed out, and -10%
    content = response.content.decode()
    assert "Rp22.500" in content
    assert "<s>Rp25.000</s>" in content
    assert "-10%" in content


def test_no_discount_no_crossed_out_price(client, dulolong_seller):
    product = ProductFactory(seller=dulolong_seller, price_idr=1_250_000)
    response = client.get(product.get_absolute_url())
    assert "Rp1.250.000" in page(response).text
    assert "<s>" not in response.content.decode()


def test_service_without_stock_is_available(client, dulolong_seller):
    # Given a service (tailoring) with no stock count
    service = ProductFactory(
        seller=dulolong_seller,
        name="Jahit Kebaya",
        kind=Product.Kind.SERVICE,
        category=Category.objects.get(slug="jasa"),
        stock=None,
        unit="potong",
    )
    # When its page is opened
    response = client.get(service.get_absolute_url())
    # Then it says "Tersedia", marks it as a service and can be ordered
    text = page(response).text
    assert "Tersedia" in text
    assert "Jasa" in text
    assert "Stok habis" not in text
    assert page(response).wa_links()


def test_sold_out_product_says_stok_habis_and_cannot_be_ordered(client, dulolong_seller):
    # Given a product with stock 0
    product = ProductFactory(seller=dulolong_seller, stock=0)
    # When its page is opened
    response = client.get(product.get_absolute_url())
    # Then it says "Stok habis" and offers no WhatsApp order
    assert "Stok habis" in page(response).text
    assert page(response).wa_links() == []
    assert "wa.me" not in response.content.decode()


def test_wrong_slug_redirects_permanently_to_the_canonical_url(client, coffee):
    # Given the product's URL with an old or mistyped slug
    # When it is requested
    response = client.get(f"/produk/{coffee.pk}/kopi-lama/")
    # Then it moves permanently to the real URL
    assert response.status_code == 301
    assert response["Location"] == f"/produk/{coffee.pk}/kopi-bubuk-alor/"
    assert client.get(response["Location"]).status_code == 200


def test_wrong_slug_in_english_redirects_within_english(client, coffee):
    response = client.get(f"/en/produk/{coffee.pk}/x/")
    assert response.status_code == 301
    assert response["Location"] == f"/en/produk/{coffee.pk}/kopi-bubuk-alor/"


def test_seller_card_on_product_page_shows_open_or_closed(client, monkeypatch, coffee):
    # Given the seller opens on Mondays 08.00-17.00 (WITA)
    set_opening_hours(seller=coffee.seller, hours={0: (datetime.time(8), datetime.time(17))})
    # When the page is opened on Monday at 10.00, then at 20.00
    freeze_now(monkeypatch, MONDAY_10_WITA)
    open_text = page(client.get(coffee.get_absolute_url())).text
    freeze_now(monkeypatch, MONDAY_20_WITA)
    closed_text = page(client.get(coffee.get_absolute_url())).text
    # Then the seller is shown open, then closed
    assert "Buka" in open_text
    assert "Tutup" not in open_text
    assert "Tutup" in closed_text


def test_related_products_come_from_the_same_village(client, coffee):
    other = ProductFactory(seller=coffee.seller, name="Keripik Pisang Dulolong")
    response = client.get(coffee.get_absolute_url())
    assert "Produk lain" in page(response).text
    assert other.pk in product_ids(response)


# --- WhatsApp ordering ----------------------------------------------------------


def test_order_form_asks_quantity_and_targets_the_pesan_url(client, coffee):
    # When the product page is opened
    html = page(client.get(coffee.get_absolute_url()))
    # Then "Pesan via WhatsApp" is a plain GET form to /pesan/<pk>/wa/ with "jumlah"
    forms = [f for f in html.find_all("form") if "/pesan/" in f.get("action", "")]
    assert len(forms) == 1
    assert forms[0]["action"] == f"/pesan/{coffee.pk}/wa/"
    assert forms[0].get("method", "get").lower() == "get"
    assert html.find_all("input", name="jumlah")
    assert "Pesan via WhatsApp" in html.text


def test_pesan_redirects_to_whatsapp_with_the_order_message(client, coffee):
    # When the buyer asks for 3 packs
    response = client.get(f"/pesan/{coffee.pk}/wa/", {"jumlah": "3"})
    # Then WhatsApp opens with the seller's number and a message naming the
    # product, its price after discount, the quantity and the product's URL
    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("https://wa.me/6281234567891?text=")
    text = whatsapp_text(location)
    assert "Kopi Bubuk Alor" in text
    assert "Rp12.500" in text
    assert "Rp15.000" not in text
    assert "Jumlah: 3 bungkus" in text
    assert f"http://testserver/produk/{coffee.pk}/kopi-bubuk-alor/" in text


def test_direct_whatsapp_link_on_product_page_is_for_one_unit(client, coffee):
    links = page(client.get(coffee.get_absolute_url())).wa_links()
    assert len(links) == 1
    assert links[0].startswith("https://wa.me/6281234567891?text=")
    assert "Jumlah: 1 bungkus" in whatsapp_text(links[0])


@pytest.mark.parametrize(
    ("jumlah", "expected"),
    [
        ("abc", 1),
        ("", 1),
        ("-5", 1),
        ("0", 1),
        ("2.5", 1),
        ("1e3", 1),
        ("1000000", MAX_WHATSAPP_QUANTITY),
        (str(10**30), MAX_WHATSAPP_QUANTITY),
        ("9" * 5000, None),
    ],
)
def test_quantity_garbage_is_clamped(client, dulolong_seller, jumlah, expected):
    # Given a product without a stock limit
    product = ProductFactory(seller=dulolong_seller, stock=None, unit="kg")
    # When /pesan/ is called with a strange quantity
    response = client.get(f"/pesan/{product.pk}/wa/", {"jumlah": jumlah})
    # Then WhatsApp still opens, with a quantity between 1 and the maximum
    assert response.status_code == 302
    text = whatsapp_text(response["Location"])
    quantity = int(re.search(r"Jumlah: (\d+) kg", text).group(1))
    assert 1 <= quantity <= MAX_WHATSAPP_QUANTITY
    if expected is not None:
        assert quantity == expected


def test_closed_switch_hides_whatsapp_and_pesan_goes_back_to_product(client, coffee):
    # Given the seller switched the shop to closed
    Seller.objects.filter(pk=coffee.seller.pk).update(is_open=False)
    # When the product page is opened
    response = client.get(coffee.get_absolute_url())
    # Then it says "Tutup" and has no WhatsApp link anywhere
    assert "Tutup" in page(response).text
    assert "wa.me" not in response.content.decode()
    # And /pesan/ sends the buyer back to the product page instead of WhatsApp
    response = client.get(f"/pesan/{coffee.pk}/wa/", {"jumlah": "2"})
    assert response.status_code == 302
    assert response["Location"] == coffee.get_absolute_url()


def test_outside_opening_hours_says_when_it_opens_and_still_takes_orders(
    client, monkeypatch, coffee
):
    # Given the seller opens on Mondays 08.00-17.00 WITA and it is Monday 20.00
    set_opening_hours(seller=coffee.seller, hours={0: (datetime.time(8), datetime.time(17))})
    freeze_now(monkeypatch, MONDAY_20_WITA)
    # When the product page and /pesan/ are requested
    response = client.get(coffee.get_absolute_url())
    pesan = client.get(f"/pesan/{coffee.pk}/wa/")
    # Then the page says "Tutup" and when it opens again, labelled with the zone,
    # and still offers WhatsApp and the cart; /pesan/ opens WhatsApp
    html = page(response)
    assert "Tutup · buka lagi Senin 08.00 WITA" in " ".join(html.text.split())
    assert html.wa_links()
    assert "Masukkan keranjang" in html.text
    assert pesan["Location"].startswith("https://wa.me/")


def test_temporarily_closed_hides_ordering_and_says_until_when(client, monkeypatch, coffee):
    # Given the seller closed for a holiday until 5 June with a note
    freeze_now(monkeypatch, MONDAY_10_WITA)
    Seller.objects.filter(pk=coffee.seller.pk).update(
        is_open=False, closed_until=datetime.date(2025, 6, 5), closed_note="Libur Idul Adha."
    )
    # When the product page and /pesan/ are requested
    response = client.get(coffee.get_absolute_url())
    pesan = client.get(f"/pesan/{coffee.pk}/wa/")
    # Then neither WhatsApp nor the cart is offered, and the page says why and until when
    html = page(response)
    assert "Tutup sementara" in html.text
    assert "5 Juni 2025" in html.text
    assert "Libur Idul Adha." in html.text
    assert "wa.me" not in response.content.decode()
    assert "Masukkan keranjang" not in html.text
    assert pesan["Location"] == coffee.get_absolute_url()


def test_inside_opening_hours_offers_whatsapp(client, monkeypatch, coffee):
    set_opening_hours(seller=coffee.seller, hours={0: (datetime.time(8), datetime.time(17))})
    freeze_now(monkeypatch, MONDAY_10_WITA)
    assert page(client.get(coffee.get_absolute_url())).wa_links()
    assert client.get(f"/pesan/{coffee.pk}/wa/")["Location"].startswith("https://wa.me/")


@pytest.mark.parametrize("number", ["", "12345", "0000-0000", "+62 8", "bukan nomor"])
def test_seller_without_valid_number_gets_no_broken_link(client, coffee, number):
    # Given the seller's WhatsApp number is empty or not a real number
    Seller.objects.filter(pk=coffee.seller.pk).update(whatsapp=number)
    # When the product page is opened
    response = client.get(coffee.get_absolute_url())
    # Then there is no wa.me link at all, and an explanation instead
    assert response.status_code == 200
    assert "wa.me" not in response.content.decode()
    assert "belum punya nomor WhatsApp" in page(response).text
    # And /pesan/ leads back to the product
    pesan = client.get(f"/pesan/{coffee.pk}/wa/")
    assert pesan.status_code == 302
    assert pesan["Location"] == coffee.get_absolute_url()


def test_pesan_for_a_sold_out_product_goes_back_to_the_product(client, dulolong_seller):
    product = ProductFactory(seller=dulolong_seller, stock=0)
    response = client.get(f"/pesan/{product.pk}/wa/")
    assert response["Location"] == product.get_absolute_url()


# --- Open Graph, escaping -------------------------------------------------------


def test_product_share_preview_tags(client, coffee):
    # Given the product has a photo
    with_photo(coffee)
    # When its page is opened
    response = client.get(coffee.get_absolute_url())
    html = page(response)
    # Then the Open Graph and Twitter tags describe it with absolute URLs
    url = f"http://testserver/produk/{coffee.pk}/kopi-bubuk-alor/"
    assert html.meta("og:title") == "Kopi Bubuk Alor – Rp12.500/bungkus"
    assert html.meta("og:description") == "Kopi robusta sangrai dari kebun warga Dulolong."
    assert html.meta("og:url") == url
    assert html.meta("og:type") == "product"
    assert html.meta("twitter:card") == "summary_large_image"
    assert html.meta("twitter:title") == "Kopi Bubuk Alor – Rp12.500/bungkus"
    image = html.meta("og:image")
    assert image.startswith("http://testserver/media/products/")
    assert image.endswith(".webp")
    assert html.meta("twitter:image") == image
    assert int(html.meta("og:image:width")) > 0
    assert int(html.meta("og:image:height")) > 0
    assert html.meta("product:price:amount") == "12500"
    # And the image really is served
    served = client.get(image.removeprefix("http://testserver"))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/webp"


def test_product_without_photo_has_summary_card_and_no_image(client, coffee):
    html = page(client.get(coffee.get_absolute_url()))
    assert html.meta("og:image") is None
    assert html.meta("twitter:card") == "summary"
    assert html.meta("og:title")


def test_product_name_is_escaped_everywhere(client, dulolong_seller):
    # Given a product named like a script, with a description that breaks out of attributes
    product = ProductFactory(
        seller=dulolong_seller,
        name=XSS,
        slug="xss",
        description='"><script>alert(2)</script>',
        price_idr=25_000,
        unit="bungkus",
    )
    set_featured_product(store=dulolong_seller.store, product=product)
    # When the product page and every list that shows it are opened
    pages = {
        "product": client.get(product.get_absolute_url()),
        "home": client.get("/"),
        "search": client.get("/cari/", {"q": "alert"}),
        "all": client.get("/cari/"),
        "store": client.get(dulolong_seller.store.get_absolute_url()),
        "seller": client.get(dulolong_seller.get_absolute_url()),
        "region": client.get("/wilayah/53.05.02/"),
    }
    # Then no page contains a script tag, and the name shows as text
    for name, response in pages.items():
        content = response.content.decode()
        assert response.status_code == 200, name
        assert "<script" not in content, name
        assert page(response).find_all("script") == [], name
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content, name
    html = page(pages["product"])
    assert html.title.startswith(XSS + " · Rp25.000")
    assert html.meta("og:title") == f"{XSS} – Rp25.000/bungkus"
    assert html.meta("twitter:title") == f"{XSS} – Rp25.000/bungkus"
    assert html.meta("og:description") == '"><script>alert(2)</script>'
    assert XSS in html.text


# --- home -----------------------------------------------------------------------


def test_home_shows_stores_their_featured_product_and_newest_products(client, coffee):
    # Given Dulolong features its coffee
    store = coffee.seller.store
    set_featured_product(store=store, product=coffee)
    # When the home page is opened
    response = client.get("/")
    html = page(response)
    # Then the buyer sees the store, its produk unggulan with price, the newest
    # products and the categories
    assert response.status_code == 200
    assert "Toko Desa Dulolong" in html.text
    assert "Produk unggulan" in html.text
    assert "Rp12.500" in html.text
    assert "<s>Rp15.000</s>" in response.content.decode()
    assert coffee.pk in card_ids(response)
    assert "Makanan & Minuman" in html.text
    assert "/cari/?kategori=makanan-minuman" in html.hrefs()
    assert "/desa/dulolong/" in html.hrefs()


# --- visibility -----------------------------------------------------------------


def _make_invisible(how: str, product: Product) -> None:
    seller, store = product.seller, product.seller.store
    if how in ("hidden", "blocked"):
        Product.objects.filter(pk=product.pk).update(status=how)
    elif how in ("pending", "suspended"):
        Seller.objects.filter(pk=seller.pk).update(status=how)
    elif how == "inactive_store":
        type(store).objects.filter(pk=store.pk).update(is_active=False)


@pytest.mark.parametrize("how", ["hidden", "blocked", "pending", "suspended", "inactive_store"])
def test_invisible_products_are_in_no_list_and_have_no_page(client, how):
    # Given a visible product and, in the same kecamatan, one made invisible
    visible = ProductFactory(name="Kopi Terlihat", price_idr=20_000)
    secret_seller = SellerFactory(business_name="Usaha Rahasia", slug="usaha-rahasia")
    secret = ProductFactory(seller=secret_seller, name="Madu Rahasia", price_idr=20_000)
    twin = ProductFactory(seller=visible.seller, name="Madu Rahasia Kembaran")
    if how in ("hidden", "blocked"):
        # hidden (or taken down) product of the *visible* seller: not among "Produk lain"
        secret = twin
    for store in (secret.seller.store, visible.seller.store):
        set_featured_product(
            store=store, product=secret if store == secret.seller.store else visible
        )
    _make_invisible(how, secret)
    # When the buyer browses every list
    lists = {
        "home": client.get("/"),
        "search": client.get("/cari/"),
        "search q": client.get("/cari/", {"q": "madu rahasia"}),
        "search termurah": client.get("/cari/", {"urut": "termurah"}),
        "kecamatan": client.get("/wilayah/53.05.02/"),
        "kabupaten": client.get("/wilayah/53.05/"),
        "provinsi": client.get("/wilayah/53/"),
        "store": client.get(visible.seller.store.get_absolute_url()),
        "seller": client.get(visible.seller.get_absolute_url()),
        "product": client.get(visible.get_absolute_url()),
    }
    if how != "inactive_store":
        lists["secret store"] = client.get(secret.seller.store.get_absolute_url())
    # Then the invisible product is nowhere, the visible one is listed
    for name, response in lists.items():
        assert response.status_code == 200, name
        assert secret.pk not in product_ids(response), name
        assert f"/produk/{secret.pk}/" not in response.content.decode(), name
    assert visible.pk in card_ids(lists["search"])
    # And its own page and its WhatsApp order are 404
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(f"/produk/{secret.pk}/x/").status_code == 404
    assert client.get(f"/pesan/{secret.pk}/wa/").status_code == 404


# --- search ---------------------------------------------------------------------


@pytest.fixture
def two_kecamatan():
    """Products in Dulolong (53.05.02) and in a village of another kecamatan."""
    dulolong = SellerFactory(store=StoreFactory(village=village(), slug="dulolong"))
    other = SellerFactory(store=StoreFactory(village=village("53.05.03.2001", "Desa Lain")))
    herbal = Category.objects.get(slug="herbal")
    jasa = Category.objects.get(slug="jasa")
    return {
        # sale price 10.000 (half of 20.000): filtered and sorted by 10.000
        "kopi": ProductFactory(
            seller=dulolong, name="Kopi Dulolong", price_idr=20_000, discount_percent=50
        ),
        "jahe": ProductFactory(
            seller=dulolong, name="Jahe Merah", price_idr=12_000, category=herbal
        ),
        "jahit": ProductFactory(
            seller=other,
            name="Jahit Baju",
            price_idr=30_000,
            kind=Product.Kind.SERVICE,
            category=jasa,
            stock=None,
        ),
        "madu": ProductFactory(seller=other, name="Madu Hutan", price_idr=8_000, category=herbal),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"wilayah": "53.05.02"}, {"kopi", "jahe"}),
        ({"wilayah": "53.05.02.2006"}, {"kopi", "jahe"}),
        ({"wilayah": "53.05.03"}, {"jahit", "madu"}),
        ({"wilayah": "53.05"}, {"kopi", "jahe", "jahit", "madu"}),
        ({"wilayah": "53"}, {"kopi", "jahe", "jahit", "madu"}),
        ({"wilayah": "52"}, set()),
        ({"kategori": "herbal"}, {"jahe", "madu"}),
        ({"kategori": "jasa"}, {"jahit"}),
        ({"jenis": "jasa"}, {"jahit"}),
        ({"jenis": "barang"}, {"kopi", "jahe", "madu"}),
        # the discounted price counts: Kopi is 10.000, not 20.000
        ({"harga_maks": "10000"}, {"kopi", "madu"}),
        ({"harga_min": "10001"}, {"jahe", "jahit"}),
        ({"harga_min": "10000", "harga_maks": "12000"}, {"kopi", "jahe"}),
        ({"harga_min": "15000", "harga_maks": "25000"}, set()),
        ({"q": "madu"}, {"madu"}),
        ({"q": "jahe", "wilayah": "53.05.03"}, set()),
        ({"kategori": "herbal", "wilayah": "53.05.03", "jenis": "barang"}, {"madu"}),
    ],
)
def test_search_filters_narrow_the_results(client, two_kecamatan, params, expected):
    # When the buyer filters the search
    response = client.get("/cari/", params)
    # Then exactly the matching products are listed
    assert response.status_code == 200
    names = {k for k, p in two_kecamatan.items() if p.pk in card_ids(response)}
    assert names == expected
    assert f"{len(expected)} produk ditemukan" in page(response).text


@pytest.mark.parametrize(
    ("urut", "expected"),
    [
        ("termurah", ["madu", "kopi", "jahe", "jahit"]),
        ("termahal", ["jahit", "jahe", "kopi", "madu"]),
        ("terbaru", ["madu", "jahit", "jahe", "kopi"]),
    ],
)
def test_search_sorts(client, two_kecamatan, urut, expected):
    response = client.get("/cari/", {"urut": urut})
    by_pk = {p.pk: k for k, p in two_kecamatan.items()}
    assert [by_pk[pk] for pk in card_ids(response)] == expected


def test_search_page_shows_the_filter_form_and_the_category_chips(client, two_kecamatan):
    html = page(client.get("/cari/", {"kategori": "herbal"}))
    for field in ("q", "kategori", "jenis", "harga_min", "harga_maks", "urut", "wilayah"):
        assert html.find_all("input", name=field) or html.find_all("select", name=field), field
    assert html.find_all("option", value="herbal", selected="")


def _created_everything_at_once():
    Product.objects.update(created_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC))


@pytest.mark.parametrize("equal", [False, True], ids=["distinct", "equal-price-and-date"])
def test_pages_together_hold_every_product_exactly_once(client, equal):
    # Given 45 products (page size 20), with distinct or all-equal prices and dates
    seller = SellerFactory()
    products = [
        ProductFactory(
            seller=seller,
            name=f"Kopi {i}",
            price_idr=15_000 if equal else 10_000 + (i * 17 % 45) * 100,
        )
        for i in range(45)
    ]
    if equal:
        _created_everything_at_once()
    all_ids = sorted(p.pk for p in products)
    for params in (
        {},
        {"urut": "terbaru"},
        {"urut": "termurah"},
        {"urut": "termahal"},
        {"q": "kopi"},
        {"q": "kopi", "urut": "termurah"},
    ):
        # When the buyer reads pages 1, 2 and 3 of the same list
        pages = [card_ids(client.get("/cari/", {**params, "halaman": n})) for n in (1, 2, 3)]
        # Then together they contain every product exactly once (OpenSID's page N
        # repeated page 1)
        assert [len(p) for p in pages] == [20, 20, 5], params
        seen = [pk for p in pages for pk in p]
        assert sorted(seen) == all_ids, params
        assert len(set(seen)) == 45, params


def test_price_sort_across_pages_is_monotonic(client):
    seller = SellerFactory()
    for i in range(45):
        ProductFactory(
            seller=seller,
            price_idr=10_000 + (i * 17 % 45) * 100,
            discount_percent=10 if i % 3 == 0 else None,
        )
    prices = dict(Product.objects.values_list("pk", "sale_price_idr"))
    ids = [
        pk
        for n in (1, 2, 3)
        for pk in card_ids(client.get("/cari/", {"urut": "termurah", "halaman": n}))
    ]
    assert [prices[pk] for pk in ids] == sorted(prices[pk] for pk in ids)


def test_pager_links_keep_the_filters(client):
    seller = SellerFactory()
    for _ in range(25):
        ProductFactory(seller=seller)
    html = page(client.get("/cari/", {"urut": "termurah", "kategori": "makanan-minuman"}))
    next_links = html.find_all("a", rel="next")
    assert len(next_links) == 1
    href = next_links[0]["href"]
    assert "urut=termurah" in href
    assert "kategori=makanan-minuman" in href
    assert "halaman=2" in href
    assert "Halaman 1 dari 2" in html.text


# --- query counts ---------------------------------------------------------------

# One number per page, the same for 3 and for 30 products (photos, sellers and
# stores grow with them): a page that costs a query per row fails at 30.
HOME_QUERIES = 7
SEARCH_QUERIES = 6
PRODUCT_QUERIES = 6
PESAN_QUERIES = 3


@pytest.mark.parametrize("size", [3, 30])
def test_catalogue_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    market = build_market(size)
    product = market["product"]
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(SEARCH_QUERIES):
        assert client.get("/cari/", {"q": "kopi"}).status_code == 200
    with django_assert_max_num_queries(SEARCH_QUERIES):
        assert (
            client.get("/cari/", {"urut": "termurah", "kategori": "makanan-minuman"}).status_code
            == 200
        )
    with django_assert_max_num_queries(PRODUCT_QUERIES):
        assert client.get(product.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(PESAN_QUERIES):
        assert client.get(f"/pesan/{product.pk}/wa/").status_code == 302


@pytest.mark.parametrize("typed", ["Desa Lain", "desa lain", "  DESA   LAIN "])
def test_a_region_typed_by_name_filters_like_its_code(client, two_kecamatan, typed):
    # When the buyer types the village's name instead of a code
    response = client.get("/cari/", {"wilayah": typed})
    # Then only the products of that village are listed, with no error
    assert {k for k, p in two_kecamatan.items() if p.pk in card_ids(response)} == {"jahit", "madu"}
    assert not page(response).find_all("div", class_="err")


def test_a_kabupaten_typed_without_its_kind_is_found(client, two_kecamatan):
    response = client.get("/cari/", {"wilayah": "Kab. Alor"})
    assert len(card_ids(response)) == 4


def test_a_name_several_regions_share_asks_which_one(client, two_kecamatan):
    # Given a second "Sukamaju" beside the one in Dulolong's kecamatan
    one, other = village("53.05.02.2011", "Sukamaju"), village("53.05.03.2012", "Sukamaju")
    # When the buyer filters by "Sukamaju"
    response = client.get("/cari/", {"wilayah": "Sukamaju", "q": "madu"})
    html = page(response)
    # Then the page asks which one, each named with its kecamatan and kabupaten,
    # each link keeping the rest of the search
    assert "Wilayah mana yang Anda maksud?" in html.text
    links = [h for h in html.hrefs() if "wilayah=" in h]
    assert any(f"wilayah={one.code}" in h and "q=madu" in h for h in links)
    assert any(f"wilayah={other.code}" in h for h in links)
    assert f"Desa Sukamaju, Kec. {other.parent.name}, Kab. Alor" in html.text


def test_a_region_nobody_knows_is_said_plainly(client, two_kecamatan):
    html = page(client.get("/cari/", {"wilayah": "Atlantis"}))
    assert "Wilayah “Atlantis” tidak ditemukan." in html.text
