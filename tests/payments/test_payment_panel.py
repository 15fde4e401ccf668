"""The tracking page says where the buyer's money is, and lets the buyer (and
only the buyer) release it or ask for more time."""

import datetime

import pytest
from django.urls import reverse

from pasardesa.orders.models import Order, OrderStatus
from pasardesa.payments.models import Payment, PaymentStatus
from tests.demo_fixtures import BYTE_BUDGET, gzip_size, page
from tests.orders.factories import BUYER_PHONE, place, product
from tests.payments.buyer_factories import ESCROW, TRANSFER, order_paid_by, placed_in, track_url
from tests.payments.escrow_factories import hand_over, hold

pytestmark = pytest.mark.django_db

S = PaymentStatus


def sent_order() -> Order:
    """An escrow order paid, confirmed by the treasurer and handed over."""
    order = order_paid_by(ESCROW)
    hold(order)
    return hand_over(order)


def payment_of(order: Order) -> Payment:
    return Payment.objects.get(order=order)


def received(client, order, **data):
    url = reverse("payments:received", args=[order.tracking_token])
    return client.post(url, data, follow=True)


def extend(client, order, **data):
    url = reverse("payments:extend", args=[order.tracking_token])
    return client.post(url, data, follow=True)


class TestWhereTheMoneyIs:
    def test_an_unpaid_order_says_how_much_by_when_and_links_to_pay(self, client):
        order = order_paid_by(ESCROW)
        response = client.get(track_url(order))
        html = page(response)
        amount = f"Rp{order.payment.amount_idr:,}".replace(",", ".")
        assert f"Menunggu pembayaran {amount}, bayar sebelum" in html.text
        assert "WITA" in html.text
        assert reverse("payments:pay", args=[order.tracking_token]) in html.hrefs()
        assert "no-store" in response["Cache-Control"]
        assert gzip_size(response.content) <= BYTE_BUDGET

    def test_held_money_is_said_to_be_safe_with_the_holder(self, client):
        order = order_paid_by(ESCROW)
        hold(order)
        html = page(client.get(track_url(order)))
        assert "Dana Anda aman di rekening bersama BUMDes Uji Maju" in html.text
        assert "Pesanan sudah saya terima" not in html.text

    def test_handed_over_money_says_when_it_is_released_with_both_buttons(self, client):
        order = sent_order()
        placed_in(client, order)
        response = client.get(track_url(order))
        html = page(response)
        assert "Dana akan dilepas ke penjual" in html.text
        assert "kecuali Anda komplain" in html.text
        assert "Pesanan sudah saya terima" in html.text and "Perpanjang 3 hari" in html.text
        # the buyer's own browser is not asked for the number
        assert not html.find_all("input", name="buyer_phone")
        assert gzip_size(response.content) <= BYTE_BUDGET

    def test_an_order_paid_in_cash_has_no_payment_panel(self, client):
        order = place([(product(stock=5), 1)]).orders.get()
        html = page(client.get(track_url(order)))
        assert 'id="bayar"' not in client.get(track_url(order)).content.decode()
        assert "Pembayaran: Bayar di tempat (COD)" in html.text

    def test_a_direct_transfer_the_seller_confirmed_says_so(self, client):
        order = order_paid_by(TRANSFER)
        Payment.objects.filter(pk=order.payment.pk).update(status=S.PAID)
        assert "Penjual sudah menerima pembayaran" in page(client.get(track_url(order))).text


class TestReceived:
    def test_from_the_browser_that_placed_it_one_tap_releases_the_money(self, client):
        # Given a handed-over escrow order opened in the browser that placed it
        order = sent_order()
        placed_in(client, order)
        # When the buyer taps "Pesanan sudah saya terima"
        response = received(client, order)
        # Then the order is done and the money released to the seller
        assert response.status_code == 200
        assert "Dana dilepas ke penjual" in page(response).text
        assert payment_of(order).status == S.RELEASED
        assert Order.objects.get(pk=order.pk).status == OrderStatus.COMPLETED

    def test_from_a_forwarded_link_nothing_moves_without_the_buyers_number(self, client):
        # Given the same order opened on another phone (a forwarded link)
        order = sent_order()
        page_there = page(client.get(track_url(order)))
        assert page_there.find_all("input", name="buyer_phone")
        # When it taps the button without a number, then with a wrong one
        for data in ({}, {"buyer_phone": "0812-0000-0000"}, {"buyer_phone": "abc"}):
            response = received(client, order, **data)
            # Then nothing moves, and the page says what is needed
            assert "Tulis nomor WhatsApp yang sama dengan saat memesan" in page(response).text
            assert payment_of(order).status == S.SENT
        # And with the number the order was placed with, in any spelling, it does
        received(client, order, buyer_phone="+62 813-3800-1234")
        assert payment_of(order).status == S.RELEASED

    def test_too_many_wrong_numbers_lock_the_link_for_an_hour(self, client):
        order = sent_order()
        for _n in range(5):
            received(client, order, buyer_phone="0812-0000-0000")
        response = received(client, order, buyer_phone=BUYER_PHONE)
        assert "Terlalu banyak nomor yang salah" in page(response).text
        assert payment_of(order).status == S.SENT

    def test_an_unknown_token_or_a_get_is_refused(self, client):
        order = sent_order()
        assert client.post(reverse("payments:received", args=["y" * 32])).status_code == 404
        assert (
            client.get(reverse("payments:received", args=[order.tracking_token])).status_code == 405
        )

    def test_a_direct_payment_has_no_release_to_tap(self, client):
        order = order_paid_by(TRANSFER)
        placed_in(client, order)
        response = client.post(reverse("payments:received", args=[order.tracking_token]))
        assert response.status_code == 404


class TestExtend:
    def test_the_buyer_extends_once_by_the_stores_days(self, client):
        # Given a handed-over escrow order in the buyer's own browser
        order = sent_order()
        placed_in(client, order)
        before = payment_of(order).release_at
        # When they tap "Perpanjang 3 hari"
        response = extend(client, order)
        # Then the release moves 3 days later and the button is gone
        payment = payment_of(order)
        assert payment.extended
        assert payment.release_at - before == datetime.timedelta(days=3)
        assert "Batas waktu diperpanjang." in page(response).text
        assert "Perpanjang 3 hari" not in page(client.get(track_url(order))).text
        # And a second tap (an old page) is a plain message, nothing more
        again = extend(client, order)
        assert "hanya bisa sekali" in page(again).text
        assert payment_of(order).release_at == payment.release_at

    def test_from_another_device_it_needs_the_number_too(self, client):
        order = sent_order()
        extend(client, order, buyer_phone="0812-0000-0000")
        assert not payment_of(order).extended
        extend(client, order, buyer_phone=BUYER_PHONE)
        assert payment_of(order).extended
