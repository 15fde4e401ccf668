"""The WhatsApp order message for a product."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from pasardesa.catalog.models import Product
from pasardesa.core.money import format_rupiah
from pasardesa.core.whatsapp import whatsapp_link

MAX_WHATSAPP_QUANTITY = 9999


def order_message(product: Product, quantity: int, product_url: str) -> str:
    """The message the seller reads: in the site's language (Indonesian), whatever
    language the buyer browses in, because it is written to the seller."""
    with translation.override(settings.LANGUAGE_CODE):
        return _message(product, quantity, product_url)


def _message(product: Product, quantity: int, product_url: str) -> str:
    return _(
        "Halo %(seller)s, saya mau pesan:\n"
        "%(product)s\n"
        "Harga: %(price)s / %(unit)s\n"
        "Jumlah: %(quantity)s %(unit)s\n"
        "%(url)s"
    ) % {
        "seller": product.seller.business_name,
        "product": product.name,
        "price": format_rupiah(product.sale_price_idr),
        "unit": product.unit,
        "quantity": quantity,
        "url": product_url,
    }


def order_link(product: Product, quantity: int, product_url: str) -> str | None:
    """wa.me link to the seller, or None when the seller has no valid number."""
    return whatsapp_link(product.seller.whatsapp, order_message(product, quantity, product_url))
