"""Helpers for the tests of the buyer's and seller's payment pages: orders
paid first by each method, and a browser that placed them (or not)."""

import io

import zxingcpp
from django.urls import reverse
from PIL import Image

from pasardesa.catalog.models import Product
from pasardesa.orders.models import Fulfilment, Order, PaymentMethod
from pasardesa.orders.views.checkout import PLACED_KEY
from pasardesa.payments.qris import parse_payload
from pasardesa.sellers.models import Seller
from tests.orders.factories import place, product
from tests.payments.escrow_factories import escrow_product
from tests.payments.qris_samples import static_payload

BANK = {
    "bank_name": "BRI",
    "bank_account_number": "012301000123456",
    "bank_account_holder": "Maria",
}


def direct_product(*, price_idr: int = 125_000, qris: bool = True) -> Product:
    """A product whose seller takes transfers to BRI and, unless told, a static QRIS."""
    item = product(price_idr=price_idr, stock=10)
    fields = dict(BANK)
    if qris:
        fields |= {"qris_payload": static_payload(), "qris_merchant_name": "WARUNG BU SRI"}
    Seller.objects.filter(pk=item.seller_id).update(**fields)
    return Product.objects.select_related("seller__store").get(pk=item.pk)


def order_paid_by(method: str, item: Product | None = None, **escrow) -> Order:
    """An order placed (picked up) to be paid by ``method`` first."""
    if item is None:
        item = (
            escrow_product(price_idr=125_000, **escrow) if method == "escrow" else direct_product()
        )
    checkout = place([(item, 1)], choices={item.seller_id: (Fulfilment.PICKUP, method)})
    return checkout.orders.select_related("payment", "store", "seller", "checkout").get()


def placed_in(client, order: Order) -> None:
    """Make ``client`` the browser that placed ``order`` (as the checkout page does)."""
    session = client.session
    session[PLACED_KEY] = [str(order.checkout.idempotency_key)]
    session.save()


def pay_url(order: Order) -> str:
    return reverse("payments:pay", args=[order.tracking_token])


def track_url(order: Order) -> str:
    return reverse("orders:track", args=[order.tracking_token])


def read_qr(png: bytes) -> str:
    """The text of the one QR code in a PNG, read back the way a phone camera does."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    [barcode] = zxingcpp.read_barcodes(image, text_mode=zxingcpp.TextMode.Plain)
    return barcode.text


def tags(payload: str) -> dict:
    """``{tag: Field}`` of a checked EMVCo payload (CRC verified by ``parse_payload``)."""
    return {field.tag: field for field in parse_payload(payload)}


ESCROW = PaymentMethod.ESCROW
QRIS = PaymentMethod.QRIS
TRANSFER = PaymentMethod.TRANSFER
