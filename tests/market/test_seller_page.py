"""A seller's page (/penjual/<slug>/), as a buyer sees it."""

import datetime
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from pasardesa.catalog.models import Product
from pasardesa.sellers.models import Seller
from pasardesa.sellers.services import set_opening_hours, set_seller_photo
from pasardesa.stores.models import Store
from tests.demo_fixtures import (
    MONDAY_10_WITA,
    MONDAY_20_WITA,
    _language_reset,  # noqa: F401 (autouse fixture)
    build_market,
    card_ids,
    freeze_now,
    page,
    photo_upload,
    whatsapp_text,
)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def maria():
    store = StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")
    seller = SellerFactory(
        store=store,
        business_name="Kopi Ibu Maria",
        owner_name="Maria Lelang",
        slug="kopi-ibu-maria",
        description="Kopi robusta dari kebun sendiri.",
        whatsapp="+6281234567891",
        latitude=Decimal("-8.216000"),
        longitude=Decimal("124.533000"),
    )
    set_opening_hours(
        seller=seller,
        hours={
            0: (datetime.time(8), datetime.time(17)),
            5: (datetime.time(7, 30), datetime.time(12)),
        },
    )
    return seller


def test_seller_page_shows_the_business(client, monkeypatch, maria):
    # Given Kopi Ibu Maria, open Mondays 08.00-17.00 and Saturdays 07.30-12.00 WITA
    coffee = ProductFactory(seller=maria, name="Kopi Bubuk Alor", price_idr=25_000)
    freeze_now(monkeypatch, MONDAY_10_WITA)
    # When a buyer opens the seller's page on Monday at 10.00
    response = client.get("/penjual/kopi-ibu-maria/")
    html = page(response)
    # Then they see the business name, owner, village and store, the open tag,
    # the opening hours in local time, the products and a way to chat
    assert response.status_code == 200
    assert "<h1>Kopi Ibu Maria</h1>" in response.content.decode()
    assert "Pemilik: Maria Lelang" in html.text
    assert "Toko Desa Dulolong" in html.text
    assert "/desa/dulolong/" in html.hrefs()
    assert "Desa Dulolong" in html.text
    assert "Kopi robusta dari kebun sendiri." in html.text
    assert "Buka" in html.text
    assert "Tutup" not in html.text
    assert "Jam buka (WITA): Senin 08.00–17.00; Sabtu 07.30–12.00" in html.text
    assert coffee.pk in card_ids(response)
    assert "Rp25.000" in html.text
    assert html.find_all("script") == []


def test_seller_page_links_to_openstreetmap(client, maria):
    # When the page of a seller with coordinates is opened
    html = page(client.get("/penjual/kopi-ibu-maria/"))
    # Then "Lihat lokasi di peta" opens OpenStreetMap at the seller's place
    links = [h for h in html.hrefs() if "openstreetmap.org" in h]
    assert len(links) == 1
    url = urlsplit(links[0])
    assert url.scheme == "https"
    assert url.netloc == "www.openstreetmap.org"
    query = parse_qs(url.query)
    assert Decimal(query["mlat"][0]) == Decimal("-8.216")
    assert Decimal(query["mlon"][0]) == Decimal("124.533")
    assert "Lihat lokasi di peta" in html.text


def test_seller_without_coordinates_has_no_map_link(client, maria):
    Seller.objects.filter(pk=maria.pk).update(latitude=None, longitude=None)
    content = client.get("/penjual/kopi-ibu-maria/").content.decode()
    assert "openstreetmap" not in content


def test_open_seller_has_a_whatsapp_chat_link(client, monkeypatch, maria):
    freeze_now(monkeypatch, MONDAY_10_WITA)
    links = page(client.get("/penjual/kopi-ibu-maria/")).wa_links()
    assert len(links) == 1
    assert links[0].startswith("https://wa.me/6281234567891?text=")
    text = whatsapp_text(links[0])
    assert "Kopi Ibu Maria" in text
    assert "http://testserver/penjual/kopi-ibu-maria/" in text


def test_temporarily_closed_seller_shows_it_and_no_whatsapp(client, monkeypatch, maria):
    # Given the seller switched to "tutup sementara" until Wednesday, with a note
    freeze_now(monkeypatch, MONDAY_10_WITA)
    Seller.objects.filter(pk=maria.pk).update(
        is_open=False, closed_until=datetime.date(2025, 6, 4), closed_note="Ke pesta nikah."
    )
    # When the seller page is opened
    response = client.get("/penjual/kopi-ibu-maria/")
    # Then it says so, until when and why, and offers no WhatsApp link
    text = page(response).text
    assert "Tutup sementara" in text
    assert "sampai 4 Jun 2025" in text
    assert "Ke pesta nikah." in text
    assert "wa.me" not in response.content.decode()


@pytest.mark.parametrize(
    ("moment", "reopens"),
    [
        (MONDAY_20_WITA, "buka lagi Sabtu 07.30 WITA"),  # Mondays and Saturdays
        (MONDAY_10_WITA - datetime.timedelta(days=1), "buka lagi besok 08.00 WITA"),  # Sunday
    ],
    ids=["after-hours", "day-off"],
)
def test_outside_hours_the_page_says_when_it_opens_and_keeps_whatsapp(
    client, monkeypatch, maria, moment, reopens
):
    # Given the seller is outside their hours (Mon 08.00-17.00, Sat 07.30-12.00 WITA)
    freeze_now(monkeypatch, moment)
    # When the seller page is opened
    response = client.get("/penjual/kopi-ibu-maria/")
    # Then it says "Tutup" and when it opens, in the seller's zone, and the buyer may still write
    text = page(response).text
    assert "Tutup" in text
    assert reopens in text
    assert "Tutup sementara" not in text
    assert page(response).wa_links()


def test_opening_hours_are_read_in_the_sellers_time_zone(client, monkeypatch):
    # Given a seller in Jakarta (WIB) open Mondays 08.00-17.00
    store = StoreFactory(village=village("31.71.01.1001", "Gambir"))
    seller = SellerFactory(store=store)
    set_opening_hours(seller=seller, hours={0: (datetime.time(8), datetime.time(17))})
    # When it is Monday 08.30 in Alor (WITA), i.e. 07.30 in Jakarta
    freeze_now(monkeypatch, MONDAY_10_WITA - datetime.timedelta(hours=1, minutes=30))
    html = page(client.get(seller.get_absolute_url()))
    # Then the Jakarta seller is still closed, and the hours say WIB
    assert "Tutup" in html.text
    assert "Jam buka (WIB): Senin 08.00–17.00" in html.text


@pytest.mark.parametrize("number", ["", "12345", "bukan nomor"])
def test_seller_without_valid_number_has_no_whatsapp_link(client, maria, number):
    Seller.objects.filter(pk=maria.pk).update(whatsapp=number, is_open=True)
    Seller.objects.get(pk=maria.pk).opening_hours.all().delete()
    response = client.get("/penjual/kopi-ibu-maria/")
    assert response.status_code == 200
    assert "wa.me" not in response.content.decode()


def test_hidden_products_are_not_on_the_seller_page(client, maria):
    shown = ProductFactory(seller=maria)
    hidden = ProductFactory(seller=maria, status=Product.Status.HIDDEN)
    ids = card_ids(client.get("/penjual/kopi-ibu-maria/"))
    assert shown.pk in ids
    assert hidden.pk not in ids


@pytest.mark.parametrize("status", [Seller.Status.PENDING, Seller.Status.SUSPENDED])
def test_unverified_seller_page_is_not_found(client, maria, status):
    # Given the seller is waiting for verification or suspended
    Seller.objects.filter(pk=maria.pk).update(status=status)
    # When the seller's page is requested
    response = client.get("/penjual/kopi-ibu-maria/")
    # Then it is a 404, and the seller is not on the store page
    assert response.status_code == 404
    assert "Kopi Ibu Maria" not in page(client.get("/desa/dulolong/")).text


def test_seller_of_an_inactive_store_is_not_found(client, maria):
    Store.objects.filter(pk=maria.store_id).update(is_active=False)
    assert client.get("/penjual/kopi-ibu-maria/").status_code == 404


def test_seller_share_preview_tags(client, maria):
    # Given the seller has a profile photo (1200 × 900 from the phone)
    set_seller_photo(seller=maria, upload=photo_upload(size=(1200, 900)))
    # When the page is opened
    response = client.get("/penjual/kopi-ibu-maria/")
    html = page(response)
    # Then Open Graph and Twitter describe the seller with an absolute image URL
    assert html.meta("og:title") == "Kopi Ibu Maria"
    assert html.meta("og:description") == "Kopi robusta dari kebun sendiri."
    assert html.meta("og:url") == "http://testserver/penjual/kopi-ibu-maria/"
    assert html.meta("og:type") == "profile"
    assert html.meta("twitter:card") == "summary_large_image"
    image_url = html.meta("og:image")
    assert image_url.startswith("http://testserver/media/sellers/")
    served = client.get(image_url.removeprefix("http://testserver"))
    assert served.status_code == 200
    # And the announced image size is the real one (a wrong size makes share
    # previews crop or stretch the photo)
    with Image.open(maria.photo.path) as image:
        real = image.size
    announced = (html.meta("og:image:width"), html.meta("og:image:height"))
    if announced != (None, None):
        assert tuple(int(n) for n in announced) == real


def test_seller_without_photo_still_has_share_tags(client, maria):
    html = page(client.get("/penjual/kopi-ibu-maria/"))
    assert html.meta("og:title") == "Kopi Ibu Maria"
    assert html.meta("og:url") == "http://testserver/penjual/kopi-ibu-maria/"
    assert html.meta("og:image") is None
    assert html.meta("twitter:card") == "summary"


def test_seller_text_is_escaped(client):
    seller = SellerFactory(
        business_name="<script>alert(1)</script>",
        slug="xss",
        owner_name="<i>pemilik</i>",
        description='"><script>alert(2)</script>',
    )
    response = client.get(seller.get_absolute_url())
    content = response.content.decode()
    assert "<script" not in content
    assert "<i>pemilik" not in content
    html = page(response)
    assert html.meta("og:title") == "<script>alert(1)</script>"
    assert html.meta("og:description") == '"><script>alert(2)</script>'
    assert html.title.startswith("<script>alert(1)</script> · ")
    assert "<script>alert(1)</script>" in html.text


# One number, the same for 3 and for 30 products (1 and 10 sellers).
SELLER_QUERIES = 6


@pytest.mark.parametrize("size", [3, 30])
def test_seller_page_uses_a_fixed_number_of_queries(client, django_assert_max_num_queries, size):
    market = build_market(size)
    for seller in (market["seller"], market["sellers"][-1]):
        with django_assert_max_num_queries(SELLER_QUERIES):
            assert client.get(seller.get_absolute_url()).status_code == 200
