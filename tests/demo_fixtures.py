"""Shared helpers and fixtures for the buyer-page tests.

- ``photo_upload`` / ``with_photo``: a Pillow-made photo attached through the
  real service (re-encoded to WebP like a seller's upload).
- ``Html``: a tiny stdlib parser so tests look at tags and attributes, not at
  fragile substrings (attribute values come back unescaped).
- ``demo_data``: the regions and the demo market, loaded once per test module
  inside a transaction that is rolled back afterwards.
"""

import datetime
import gzip
import io
import re
import struct
import zlib
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from PIL import Image

from pasardesa.catalog.models import ProductPhoto
from pasardesa.catalog.services import add_product_photo, set_featured_product
from pasardesa.regions.timezones import WITA

BYTE_BUDGET = 14_000  # gzip-compressed HTML, CSS inlined: one TCP round trip

# Monday 10:00 and 20:00 in WITA (Kabupaten Alor, where the factories' villages are).
MONDAY_10_WITA = datetime.datetime(2025, 6, 2, 10, 0, tzinfo=WITA)
MONDAY_20_WITA = datetime.datetime(2025, 6, 2, 20, 0, tzinfo=WITA)


def photo_upload(name: str = "foto.jpg", size=(80, 60), color=(180, 110, 40)):
    """A small JPEG as a phone would upload it."""
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", quality=85)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def png_declaring(width: int, height: int) -> bytes:
    """A tiny, well-formed PNG header that claims ``width`` x ``height`` grey pixels."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = zlib.crc32(kind + payload) & 0xFFFFFFFF
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    # One row of zeros; a decoder that went on would find the rest missing.
    pixels = zlib.compress(b"\x00" * (width + 1), 9)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def with_photo(product, **kwargs) -> ProductPhoto:
    return add_product_photo(product=product, upload=photo_upload(**kwargs))


def copy_photo(photo: ProductPhoto, product) -> ProductPhoto:
    """Attach the files of ``photo`` to ``product`` too (no re-encoding: fast)."""
    return ProductPhoto.objects.create(
        product=product,
        position=0,
        thumb=photo.thumb.name,
        thumb_width=photo.thumb_width,
        thumb_height=photo.thumb_height,
        image=photo.image.name,
        image_width=photo.image_width,
        image_height=photo.image_height,
        alt=product.name,
    )


def freeze_now(monkeypatch, moment: datetime.datetime) -> None:
    """Make ``timezone.now()`` (opening hours) return ``moment``."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


class Html(HTMLParser):
    """The tags, attributes and visible text of a page."""

    def __init__(self, content):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self._text: list[str] = []
        self._skip = 0
        self.title = ""
        self._in_title = False
        self.feed(content.decode() if isinstance(content, bytes) else content)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {k: (v if v is not None else "") for k, v in attrs}))
        if tag in ("style", "script"):
            self._skip += 1
        if tag == "title":
            self._in_title = True

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, {k: (v if v is not None else "") for k, v in attrs}))

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self._text.append(data)

    @property
    def text(self) -> str:
        """Visible text with whitespace folded (what a buyer reads)."""
        return re.sub(r"\s+", " ", " ".join(self._text)).strip()

    def find_all(self, tag: str, **attrs) -> list[dict[str, str]]:
        """Attributes of every ``tag`` whose attributes include ``attrs``."""
        return [
            a
            for t, a in self.tags
            if t == tag and all(a.get(k.rstrip("_")) == v for k, v in attrs.items())
        ]

    def meta(self, key: str) -> str | None:
        """``content`` of ``<meta property=key>`` or ``<meta name=key>``."""
        for t, a in self.tags:
            if t == "meta" and key in (a.get("property"), a.get("name")):
                return a.get("content")
        return None

    def hrefs(self) -> list[str]:
        return [a["href"] for t, a in self.tags if t == "a" and "href" in a]

    def wa_links(self) -> list[str]:
        urls = self.hrefs() + [a.get("action", "") for t, a in self.tags if t == "form"]
        return [u for u in urls if "wa.me" in u or "api.whatsapp.com" in u]


def page(response) -> Html:
    return Html(response.content)


def card_ids(response) -> list[int]:
    """Products in a page's product grid, in order (not featured or related links)."""
    html = response.content.decode()
    return [int(pk) for pk in re.findall(r'<li class="card"><a href="/(?:en/)?produk/(\d+)/', html)]


def whatsapp_text(url: str) -> str:
    """The decoded message of a ``https://wa.me/<digits>?text=…`` link."""
    return parse_qs(urlsplit(url).query)["text"][0]


def gzip_size(content: bytes) -> int:
    return len(gzip.compress(content))


@pytest.fixture(autouse=True)
def _language_reset():
    """A request to /en/ leaves English active in the test's thread, so a later
    ``reverse()`` would give /en/ URLs: start and end every test in Indonesian.

    Autouse where imported (``from tests.demo_fixtures import _language_reset``).
    """
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker, tmp_path_factory):
    """Official regions and the demo market, once per module, rolled back after.

    The tests of the module still get their own savepoint each (``db``).
    """
    from django.db import connection, transaction
    from django.test import override_settings

    from pasardesa.demo.loader import load_demo
    from pasardesa.regions.services import import_regions

    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media), transaction.atomic():
        import_regions()
        load_demo()
        # PostgreSQL defers foreign-key checks to the end of the transaction, and
        # each test's savepoint rollback would bring the ~100,000 pending checks
        # back (about 2 s per test). Running them once here, outside any
        # savepoint, settles them for the whole module.
        connection.check_constraints()
        yield
        transaction.set_rollback(True)


def build_market(n_products: int, *, photos: bool = True) -> dict:
    """A market of ``n_products`` products, three per seller.

    Half the sellers sell in one store (Dulolong); each other seller has a store
    of their own. Every store features a product, every product has a photo,
    every seller has opening hours and a location: so a page that costs one
    query per row shows up as more queries with more data.
    """
    from decimal import Decimal

    from pasardesa.sellers.services import set_opening_hours
    from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

    n_sellers = max(1, n_products // 3)
    main_store = StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")
    stores = [main_store]
    sellers = []
    for i in range(n_sellers):
        store = main_store if i < (n_sellers + 1) // 2 else StoreFactory()
        if store not in stores:
            stores.append(store)
        seller = SellerFactory(
            store=store, latitude=Decimal("-8.216000"), longitude=Decimal("124.533000")
        )
        set_opening_hours(
            seller=seller, hours={d: (datetime.time(0, 0), datetime.time(23, 59)) for d in range(7)}
        )
        sellers.append(seller)
    products = []
    first_photo = None
    for i in range(n_products):
        product = ProductFactory(
            seller=sellers[i % n_sellers],
            price_idr=10_000 + 500 * i,
            discount_percent=10 if i % 4 == 0 else None,
        )
        if photos:
            if first_photo is None:
                first_photo = with_photo(product)
            else:
                copy_photo(first_photo, product)
        products.append(product)
    for store in stores:
        featured = next(p for p in products if p.seller.store_id == store.pk)
        set_featured_product(store=store, product=featured)
    return {
        "store": main_store,
        "stores": stores,
        "seller": sellers[0],
        "sellers": sellers,
        "product": products[0],
        "products": products,
    }
