"""Page weight of the buyer pages with the demo market: bytes a phone downloads.

Run: ``.venv/bin/python bench/page_weight.py`` (or ``make bench``).

Builds a throwaway SQLite database under ``var/bench/`` (migrate, the official
regions, the demo market), requests each buyer page in-process and prints, per
page: the HTML bytes (CSS is inlined), the same compressed with gzip and with
brotli, the 14,000-byte budget (first TCP round trip, DESIGN.md "Pages for slow
phones"), and the images: how many and how many bytes on the first screen, and
in the whole page.

"First screen" counts the images a phone fetches straight away: every image
without ``loading="lazy"`` plus the first ``FIRST_SCREEN_LAZY`` lazy ones
(about two rows of product cards on a 360 × 640 screen). Browsers fetch lazy
images somewhat before they scroll into view, more so on slow connections, so
the "whole page" columns are the upper bound.

It prints figures only; it never asserts (timings vary from machine to machine).
"""

import gzip
import logging
import os
import shutil
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_DIR = BASE_DIR / "var" / "bench"
DATABASE = BENCH_DIR / "page_weight.sqlite3"
MEDIA = BENCH_DIR / "media"

BUDGET = 14_000
FIRST_SCREEN_LAZY = 4
DULOLONG = "53.05.02.2006"


def _prepare_environment() -> None:
    """Point Django at the throwaway database and media folder, before setup()."""
    if DATABASE.parent.exists():
        shutil.rmtree(BENCH_DIR)
    MEDIA.mkdir(parents=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "pasardesa.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    os.environ["MEDIA_ROOT"] = str(MEDIA)
    os.environ["PASARDESA_SERVE_MEDIA"] = "1"
    os.environ.setdefault("PASARDESA_DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(BASE_DIR))


class _Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.images: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append({k: v or "" for k, v in attrs})


def _image_bytes(src: str) -> int:
    """Size of a served image (only same-site /media/ files are allowed anyway)."""
    from django.conf import settings

    if not src.startswith(settings.MEDIA_URL):
        return 0
    path = Path(settings.MEDIA_ROOT) / src.removeprefix(settings.MEDIA_URL)
    return path.stat().st_size if path.is_file() else 0


def _demo_escrow(store) -> None:
    """The store's rekening bersama, when the demo has none yet: a BUMDes bank
    account and a static QRIS built field by field (valid CRC)."""
    from pasardesa.payments.qris import Field, build_payload
    from pasardesa.stores.models import StoreEscrow

    if StoreEscrow.objects.filter(store=store).exists():
        return

    def template(tag, **subs):
        return Field(tag, subfields=tuple(Field(k[1:], v) for k, v in sorted(subs.items())))

    qris = build_payload(
        [
            Field("00", "01"),
            Field("01", "11"),
            template("26", s00="ID.CO.BANKNTT.WWW", s01="936001230000012345", s03="UMI"),
            template("51", s00="ID.CO.QRIS.WWW", s02="ID1026123456789", s03="UMI"),
            Field("52", "5411"),
            Field("53", "360"),
            Field("58", "ID"),
            Field("59", "BUMDES DULOLONG MAJU"),
            Field("60", "KALABAHI"),
            Field("61", "85811"),
        ]
    )
    StoreEscrow.objects.create(
        store=store,
        holder_name="BUMDes Dulolong Maju",
        bank_name="BRI",
        bank_account_number="012301000123456",
        bank_account_holder="BUMDes Dulolong Maju",
        fee_basis_points=150,
        qris_payload=qris,
        qris_merchant_name="BUMDES DULOLONG MAJU",
    )


def _escrow_orders(store, product) -> tuple[str, str]:
    """Two orders paid through the rekening bersama, placed and stepped by the
    real services: one awaiting payment (its payment page has the QR) and one
    handed over (its tracking page has the most to say and both buttons).
    Returns their tracking tokens."""
    import uuid

    from pasardesa.orders.models import Fulfilment, OrderStatus, PaymentMethod
    from pasardesa.orders.services import BuyerDetails, CartItem, place_checkout, transition_order
    from pasardesa.payments.models import PaymentRole
    from pasardesa.payments.services import confirm_payment

    _demo_escrow(store)
    buyer = BuyerDetails(
        name="Yohanis Maro", phone="0813-3800-1234", address="", village_code=DULOLONG
    )
    tokens = []
    for _n in range(2):
        checkout = place_checkout(
            items=[CartItem(product.pk, 1)],
            buyer=buyer,
            choices={product.seller_id: (Fulfilment.PICKUP, PaymentMethod.ESCROW)},
            expected_prices={product.pk: product.sale_price_idr},
            idempotency_key=uuid.uuid4(),
        )
        order = checkout.orders.select_related("payment").get()
        tokens.append(order.tracking_token)
    confirm_payment(payment=order.payment, actor=None, actor_role=PaymentRole.TREASURER)
    for status in (OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.DELIVERED):
        transition_order(order=order, to_status=status, actor=None, actor_role="penjual")
    return tokens[0], tokens[1]


def _pages() -> list[tuple[str, str]]:
    from pasardesa.catalog.models import Product
    from pasardesa.catalog.selectors import featured_product
    from pasardesa.orders.models import Offer
    from pasardesa.sellers.models import Seller
    from pasardesa.stores.models import Store

    store = Store.objects.filter(village_id=DULOLONG, is_active=True).first()
    if store is None:
        store = Store.objects.filter(is_active=True).order_by("pk").first()
    seller = (
        Seller.objects.filter(store=store, status=Seller.Status.VERIFIED).order_by("pk").first()
    )
    product = featured_product(store)
    if product is None:
        product = (
            Product.objects.filter(seller__store=store, status=Product.Status.ACTIVE)
            .order_by("pk")
            .first()
        )
    # The demo's haggle with the most steps: a countered offer.
    offer = Offer.objects.filter(status=Offer.Status.COUNTERED).order_by("pk").first()
    unpaid, handed_over = _escrow_orders(store, product)
    return [
        ("home", "/"),
        ("home (English)", "/en/"),
        ("kabupaten 53.05", "/wilayah/53.05/"),
        ("kecamatan 53.05.02", "/wilayah/53.05.02/"),
        (f"store {store.slug}", store.get_absolute_url()),
        (f"seller {seller.slug}", seller.get_absolute_url()),
        (f"product {product.pk}", product.get_absolute_url()),
        ("search kopi", "/cari/?q=kopi"),
        (f"offer form {offer.product_id}", f"/tawar/{offer.product_id}/"),
        (f"offer {offer.number}", f"/tawaran/{offer.token}/"),
        ("all, cheapest first", "/cari/?urut=termurah"),
        ("payment page (QRIS)", f"/bayar/{unpaid}/"),
        ("tracking, escrow sent", f"/pesanan/{handed_over}/"),
        ("404", "/wilayah/99/"),
    ]


def main() -> None:
    _prepare_environment()
    import brotli
    import django

    django.setup()
    # The 404 row would log "Not Found" in the middle of the table.
    logging.getLogger("django.request").setLevel(logging.ERROR)

    from django.core.management import call_command
    from django.test import Client

    from pasardesa.demo.loader import load_demo
    from pasardesa.regions.services import import_regions

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    import_regions()
    load_demo()
    print(
        f"Database {DATABASE.relative_to(BASE_DIR)} ready in {time.perf_counter() - started:.1f} s"
    )
    print()

    client = Client()
    header = (
        f"{'page':<28} {'status':>6} {'raw B':>8} {'gzip B':>8} {'brotli B':>8} "
        f"{'budget':>7} {'':<4} {'1st-screen img':>14} {'1st-screen B':>12} "
        f"{'all img':>7} {'all img B':>9}"
    )
    print(header)
    print("-" * len(header))
    for name, url in _pages():
        response = client.get(url)
        content = response.content
        gz = len(gzip.compress(content))
        br = len(brotli.compress(content))
        parser = _Images()
        parser.feed(content.decode())
        images = parser.images
        eager = [i for i in images if i.get("loading") != "lazy"]
        lazy = [i for i in images if i.get("loading") == "lazy"]
        first = eager + lazy[:FIRST_SCREEN_LAZY]
        first_bytes = sum(_image_bytes(i.get("src", "")) for i in first)
        all_bytes = sum(_image_bytes(i.get("src", "")) for i in images)
        verdict = "ok" if gz <= BUDGET else "OVER"
        print(
            f"{name[:28]:<28} {response.status_code:>6} {len(content):>8,} {gz:>8,} {br:>8,} "
            f"{BUDGET:>7,} {verdict:<4} {len(first):>14} {first_bytes:>12,} "
            f"{len(images):>7} {all_bytes:>9,}"
        )
    print()
    print(
        f"gzip -9 and brotli q11 of the HTML (CSS inlined); budget = {BUDGET:,} bytes gzip. "
        f"First screen = images without loading=lazy + the first {FIRST_SCREEN_LAZY} lazy ones."
    )


if __name__ == "__main__":
    main()
