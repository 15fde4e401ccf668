"""The order's WhatsApp messages: everything the other side needs, in Indonesian."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import translation

from pasardesa.orders.models import Order
from pasardesa.orders.selectors import order_by_tracking_token
from pasardesa.orders.whatsapp import buyer_link, seller_link, seller_message
from tests.orders.factories import place, product

pytestmark = pytest.mark.django_db

URL = "https://pasardesa.example/kelola/penjual/1/pesanan/PD-1/"


@pytest.fixture
def order(kopi, maria):
    sugar = product(seller=maria, name="Gula Aren", price_idr=12_500, unit="kg", stock=None)
    checkout = place(
        [(kopi, 2), (sugar, 1)],
        choices={maria.pk: (Order.Fulfilment.SELLER_DELIVERY, Order.Payment.COD)},
        note="Antar sore hari.",
    )
    return order_by_tracking_token(checkout.orders.get().tracking_token)


def test_the_message_to_the_seller_carries_the_whole_order(order):
    text = seller_message(order, URL)
    assert text.splitlines() == [
        "Halo Kopi Ibu Maria, saya pesan lewat Pasar Desa.",
        f"No. pesanan: {order.number}",
        "- 2 × Kopi Alor @ Rp25.000/bungkus = Rp50.000",
        "- 1 × Gula Aren @ Rp12.500/kg = Rp12.500",
        "Total: Rp62.500",
        "Pengambilan: Diantar penjual",
        "Pembayaran: Bayar di tempat (COD)",
        "Nama: Yohanis Maro (0813-3800-1234)",
        "Alamat: Jalan Pantai, rumah cat biru dekat masjid, Dusun II, RT 002/RW 001, "
        "Desa Dulolong, Kec. Alor Barat Laut, Kab. Alor",
        "Catatan: Antar sore hari.",
        f"Jawab di sini: {URL}",
    ]


def test_the_message_is_indonesian_even_for_an_english_buyer(order):
    with translation.override("en"):
        text = seller_message(order, URL)
    assert "Pembayaran: Bayar di tempat (COD)" in text


def test_pickup_leaves_the_address_out(kopi):
    checkout = place([(kopi, 1)])
    order = order_by_tracking_token(checkout.orders.get().tracking_token)
    text = seller_message(order, URL)
    assert "Pengambilan: Ambil sendiri" in text
    assert "Alamat" not in text


def test_the_links_open_a_chat_with_the_other_side(order):
    to_seller = urlsplit(seller_link(order, URL))
    assert to_seller.netloc + to_seller.path == "wa.me/6281234567891"
    assert parse_qs(to_seller.query)["text"][0] == seller_message(order, URL)
    to_buyer = urlsplit(buyer_link(order))
    assert to_buyer.path == "/6281338001234"
    assert order.number in parse_qs(to_buyer.query)["text"][0]


def test_no_link_without_a_valid_number(order):
    order.seller.whatsapp = ""
    assert seller_link(order, URL) is None
