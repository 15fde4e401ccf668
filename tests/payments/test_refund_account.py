"""A buyer owed money back says where it goes, from the tracking page; once the
treasurer paid it back the page says to where, and the account is fixed."""

import pytest
from django.urls import reverse

from pasardesa.orders.models import OrderStatus
from pasardesa.orders.services import transition_order
from pasardesa.payments.models import Payment
from pasardesa.payments.services import pay_refund
from tests.demo_fixtures import BYTE_BUDGET, gzip_size, page
from tests.orders.factories import BUYER_PHONE
from tests.payments.buyer_factories import ESCROW, order_paid_by, placed_in, track_url
from tests.payments.escrow_factories import hold, treasurer

pytestmark = pytest.mark.django_db

ACCOUNT = "BRI 0123456789 a.n. Yohanis Maro"


def refunded_order():
    """An escrow order whose money was held, then declined by the seller."""
    order = order_paid_by(ESCROW)
    hold(order)
    transition_order(order=order, to_status=OrderStatus.DECLINED, actor=None, actor_role="penjual")
    return order


def give_account(client, order, **data):
    url = reverse("payments:refund_account", args=[order.tracking_token])
    return client.post(url, data, follow=True)


def test_the_buyer_is_told_what_is_owed_and_gives_the_account_from_their_own_browser(client):
    # Given an order refunded in full, opened in the browser that placed it
    order = refunded_order()
    placed_in(client, order)
    amount = f"Rp{order.payment.amount_idr:,}".replace(",", ".")
    response = client.get(track_url(order))
    assert f"Dana {amount} dikembalikan kepada Anda." in page(response).text
    assert gzip_size(response.content) <= BYTE_BUDGET
    # When they give their account
    response = give_account(client, order, refund_to=f"  {ACCOUNT} ")
    # Then it is kept, in their words, and the page says so
    assert Payment.objects.get(order=order).refund_to == ACCOUNT
    assert "Rekening disimpan" in page(response).text


def test_another_device_must_give_the_buyers_number(client):
    order = refunded_order()
    give_account(client, order, refund_to=ACCOUNT, buyer_phone="0812-0000-0000")
    assert Payment.objects.get(order=order).refund_to == ""
    give_account(client, order, refund_to=ACCOUNT, buyer_phone=BUYER_PHONE)
    assert Payment.objects.get(order=order).refund_to == ACCOUNT


@pytest.mark.parametrize(
    ("typed", "message"),
    [("", "Tulis bank atau e-wallet"), ("BRI atas nama saya", "Nomor rekening"), ("x" * 201, "")],
)
def test_a_bad_account_is_refused_in_words_and_nothing_is_kept(client, typed, message):
    order = refunded_order()
    placed_in(client, order)
    response = give_account(client, order, refund_to=typed)
    assert Payment.objects.get(order=order).refund_to == ""
    assert message in page(response).text


def test_an_order_with_nothing_owed_back_takes_no_account(client):
    order = order_paid_by(ESCROW)
    hold(order)
    placed_in(client, order)
    response = give_account(client, order, refund_to=ACCOUNT)
    assert Payment.objects.get(order=order).refund_to == ""
    assert "tidak punya dana yang dikembalikan" in page(response).text


def test_once_paid_back_the_page_says_where_and_the_account_is_fixed(client):
    # Given a refund the treasurer paid to the account the buyer gave
    order = refunded_order()
    placed_in(client, order)
    give_account(client, order, refund_to=ACCOUNT)
    payment = Payment.objects.get(order=order)
    pay_refund(
        payment=payment,
        reference="BRI-778899",
        actor=treasurer(order.store, "0812-3800-0901"),
        key="k1",
    )
    # Then the tracking page says it is back, where and with which reference
    html = page(client.get(track_url(order)))
    assert "sudah dikembalikan ke BRI 0123456789 a.n. Yohanis Maro (referensi BRI-778899)" in (
        html.text
    )
    # And the account can no longer be changed
    response = give_account(client, order, refund_to="DANA 081234567890 a.n. Orang Lain")
    assert Payment.objects.get(order=order).refund_to == ACCOUNT
    assert "tidak bisa diganti" in page(response).text
