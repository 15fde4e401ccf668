"""Pages for slow phones: every buyer page fits in the first TCP round trip.

With the demo market loaded (real regions, real-looking photos), each page is
checked for the budget of DESIGN.md "Pages for slow phones":

- the HTML, CSS inlined, is at most 14,000 bytes gzip-compressed;
- nothing render-blocking beyond the HTML: no stylesheet link, no script file,
  no @import, no web font, no CSS or JS from another site;
- images are the only extra requests: same-site, with width and height, and
  ``loading="lazy"`` except the first one (the photo a buyer sees first);
- the main content is in the HTML itself (server-rendered, works without JS).

``bench/page_weight.py`` prints the same figures (and brotli, image bytes).
"""

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.db.models import Q
from django.urls import reverse

from pasardesa.catalog.models import Product
from pasardesa.catalog.selectors import featured_product
from pasardesa.orders.models import ActorRole, Offer, OfferStatus
from pasardesa.orders.services import make_offer, transition_offer
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import Store
from tests.demo_fixtures import (
    BYTE_BUDGET,
    _language_reset,  # noqa: F401 (autouse fixture)
    card_ids,
    demo_data,  # noqa: F401 (module fixture)
    gzip_size,
    page,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_data")]

DULOLONG = "53.05.02.2006"
FONT_FILE = re.compile(r"\.(woff2?|ttf|otf|eot)\b", re.IGNORECASE)
ALLOWED_LINK_RELS = {"canonical", "alternate", "icon"}


def dulolong_store() -> Store:
    return Store.objects.get(village_id=DULOLONG, is_active=True)


def a_seller() -> Seller:
    """A verified seller of Dulolong who has products on sale."""
    return (
        Seller.objects.filter(
            store=dulolong_store(), status=Seller.Status.VERIFIED, products__status="active"
        )
        .order_by("pk")
        .first()
    )


def a_product() -> Product:
    """Dulolong's featured product if any, else its first product with photos."""
    store = dulolong_store()
    if featured := featured_product(store):
        return featured
    return (
        Product.objects.filter(seller__store=store, status="active", photos__isnull=False)
        .order_by("pk")
        .first()
    )


def a_bargain() -> Product:
    """A negotiable product of Dulolong on sale, with stock for an offer of 2."""
    return (
        Product.objects.filter(
            seller__store=dulolong_store(),
            seller__status=Seller.Status.VERIFIED,
            status="active",
            is_negotiable=True,
        )
        .filter(Q(stock__isnull=True) | Q(stock__gte=2))
        .order_by("pk")
        .first()
    )


def a_countered_offer() -> Offer:
    """An offer on ``a_bargain()`` haggled over twice (four events, with notes),
    now countered by the seller; made through the services, once per test."""
    product = a_bargain()
    price = product.sale_price_idr
    offer = make_offer(
        product_id=product.pk,
        quantity=2,
        price_idr=price * 6 // 10,
        buyer_name="Yohanis Maro",
        buyer_phone="0813-3800-1234",
        note="Boleh kurang sedikit? Saya ambil untuk keluarga.",
        idempotency_key=uuid.uuid5(uuid.NAMESPACE_URL, "pasardesa-page-weight-offer"),
    )
    if offer.rounds == 1:
        for to_status, role, share, note in [
            (OfferStatus.COUNTERED, ActorRole.SELLER, 9, "Harga bahan naik, ini harga terbaik."),
            (OfferStatus.PENDING, ActorRole.BUYER, 7, "Bagaimana kalau segini?"),
            (OfferStatus.COUNTERED, ActorRole.SELLER, 8, "Ini sudah paling murah, Kak."),
        ]:
            transition_offer(
                offer=offer,
                to_status=to_status,
                actor=None,
                actor_role=role,
                price_idr=price * share // 10,
                note=note,
            )
    return offer


def pages() -> dict[str, tuple[str, int, list[str]]]:
    """name → (url, expected status, texts the HTML must contain)."""
    store, seller, product = dulolong_store(), a_seller(), a_product()
    bargain, offer = a_bargain(), a_countered_offer()
    return {
        "home": ("/", 200, ["Belanja langsung dari desa", store.name]),
        "kabupaten 53.05": ("/wilayah/53.05/", 200, ["Kabupaten Alor", store.name]),
        "kecamatan 53.05.02": ("/wilayah/53.05.02/", 200, ["Alor Barat Laut", store.name]),
        "store Dulolong": (store.get_absolute_url(), 200, [store.name, seller.business_name]),
        "seller": (seller.get_absolute_url(), 200, [seller.business_name, store.name]),
        "product": (product.get_absolute_url(), 200, [product.name, "Rp"]),
        "search kopi": ("/cari/?q=kopi", 200, ["Hasil untuk", "produk ditemukan"]),
        "offer form": (
            reverse("orders:offer_new", args=[bargain.pk]),
            200,
            ["Tawar harga", bargain.name, "Kirim tawaran"],
        ),
        "offer page": (
            reverse("orders:offer", args=[offer.token]),
            200,
            [offer.number, "Penjual menawar balik", "Terima harga penjual", "Riwayat"],
        ),
        "404": ("/wilayah/99/", 404, ["Halaman tidak ditemukan"]),
    }


PAGE_NAMES = [
    "home",
    "kabupaten 53.05",
    "kecamatan 53.05.02",
    "store Dulolong",
    "seller",
    "product",
    "search kopi",
    "offer form",
    "offer page",
    "404",
]


@pytest.fixture
def fetch(client):
    def fetch(name):
        url, status, texts = pages()[name]
        response = client.get(url)
        assert response.status_code == status, (name, url)
        return response, texts

    return fetch


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_fits_the_first_round_trip(fetch, name):
    response, _ = fetch(name)
    size = gzip_size(response.content)
    assert size <= BYTE_BUDGET, f"{name}: {size} bytes gzip > {BYTE_BUDGET}"


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_needs_no_other_request_to_render(fetch, name):
    response, _ = fetch(name)
    content = response.content.decode()
    html = page(response)
    # CSS is inlined: no stylesheet, preload or font link, no @import
    for link in html.find_all("link"):
        rels = set(link.get("rel", "").lower().split())
        assert rels <= ALLOWED_LINK_RELS, (name, link)
        if "icon" in rels:
            assert link["href"].startswith("data:"), (name, link)
    assert "@import" not in content, name
    assert "@font-face" not in content, name
    assert not FONT_FILE.search(content), name
    # No script files; no CSS url() to another file or site
    assert not [s for s in html.find_all("script") if s.get("src")], name
    for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", content):
        assert url.startswith("data:"), (name, url)
    # No resource at all from another site (links to WhatsApp/OSM are fine)
    for tag, attrs in html.tags:
        if tag in ("img", "script", "link", "iframe", "source", "video", "audio", "embed"):
            for attribute in ("src", "srcset"):
                if value := attrs.get(attribute):
                    assert not urlsplit(value).netloc, (name, tag, value)
    # No <style> is loaded by a tag other than the single inlined block
    assert content.count("<style>") == 1, name


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_images_are_lazy_and_sized(fetch, name):
    response, _ = fetch(name)
    images = page(response).find_all("img")
    for position, image in enumerate(images):
        # Width and height reserve the space: the page does not jump around
        assert image.get("width", "").isdigit(), (name, image)
        assert image.get("height", "").isdigit(), (name, image)
        assert image.get("src", "").startswith("/media/"), (name, image)
        assert image.get("alt") is not None, (name, image)
        # Only the first picture may load at once; the rest wait until scrolled to
        if position > 0:
            assert image.get("loading") == "lazy", (name, image)


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_main_content_is_in_the_html(fetch, name):
    response, texts = fetch(name)
    html = page(response)
    for text in texts:
        assert text in html.text, (name, text)
    assert html.find_all("h1"), name


def test_search_for_kopi_lists_coffee(client):
    # The demo market sells coffee: the search page is not an empty shell
    response = client.get("/cari/", {"q": "kopi"})
    ids = card_ids(response)
    assert ids, "searching the demo market for kopi finds nothing"
    names = Product.objects.filter(pk__in=ids).values_list("name", "description")
    assert all("kopi" in f"{n} {d}".lower() for n, d in names)


def test_product_page_first_photo_is_not_lazy_and_the_rest_are(client):
    product = a_product()
    html = page(client.get(product.get_absolute_url()))
    gallery = [i for i in html.find_all("img") if "/media/products/" in i.get("src", "")]
    assert gallery, "the demo product should have a photo"
    assert gallery[0].get("loading") != "lazy"
    assert all(i.get("loading") == "lazy" for i in gallery[1:])
