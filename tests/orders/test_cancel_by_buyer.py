"""Cancelling from the buyer's tracking link, given/when/then.

The link alone is not the buyer. The browser that placed the order, or the
account that placed it, cancels with one tap; any other browser must give the
WhatsApp number the order was placed with and a reason, and the history says
the cancel came from another device.
"""

import pytest
from django.test import Client
from django.urls import reverse

from pasardesa.orders.models import Order, OrderEvent, OrderStatus
from tests.demo_fixtures import page
from tests.orders.factories import BUYER_PHONE, checkout_form, place, stock_of

pytestmark = pytest.mark.django_db


def place_here(client, item, quantity=2) -> Order:
    client.post(reverse("orders:cart_add"), {"product": item.pk, "jumlah": quantity})
    assert client.post(reverse("orders:checkout"), checkout_form(client)).status_code == 302
    return Order.objects.latest("pk")


def track_url(order) -> str:
    return reverse("orders:track", args=[order.tracking_token])


def cancel_url(order) -> str:
    return reverse("orders:cancel", args=[order.tracking_token])


def test_the_browser_that_placed_the_order_cancels_with_one_tap(client, kopi):
    # Given an order of 2 coffees (stock 10 → 8) placed in this browser
    order = place_here(client, kopi)
    assert stock_of(kopi) == 8

    # When the buyer opens the link: one button, no number asked
    html = page(client.get(track_url(order)))
    assert len(html.find_all("form", action=cancel_url(order))) == 1
    assert not html.find_all("input", name="buyer_phone")
    response = client.post(cancel_url(order))

    # Then the order is cancelled by the buyer, without a note, and the stock is back
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    event = order.events.last()
    assert (event.actor_role, event.note) == (OrderEvent.Role.BUYER, "")
    assert stock_of(kopi) == 10


def test_the_account_that_placed_it_cancels_with_one_tap_from_another_phone(kopi, buyer_user):
    # Given an order placed while logged in
    order = place([(kopi, 2)], user=buyer_user).orders.get()

    # When the same account opens the link in another browser and taps cancel
    other_phone = Client()
    other_phone.force_login(buyer_user)
    assert not page(other_phone.get(track_url(order))).find_all("input", name="buyer_phone")
    other_phone.post(cancel_url(order))

    # Then it is cancelled in the buyer's name
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert order.events.last().actor == buyer_user


def test_another_browser_cannot_cancel_with_the_link_alone(client, kopi):
    # Given an order placed in one browser, and its link opened in another
    order = place_here(client, kopi)
    stranger = Client()

    # When the stranger opens it, then the page asks for the buyer's number and a reason
    html = page(stranger.get(track_url(order)))
    assert html.find_all("input", name="buyer_phone")
    assert html.find_all("textarea", name="note")
    assert "nomor WhatsApp yang dipakai saat memesan" in html.text

    # When they tap cancel with nothing filled in
    response = stranger.post(cancel_url(order))

    # Then both are asked for, in Indonesian, and nothing changed
    assert response.status_code == 200
    text = page(response).text
    assert "bukan nomor WhatsApp yang dipakai saat memesan" in text
    assert "Tulis alasannya" in text
    order.refresh_from_db()
    assert order.status == OrderStatus.NEW
    assert stock_of(kopi) == 8


def test_a_wrong_number_is_refused_and_the_reason_typed_stays(client, kopi):
    # Given an order of the buyer 0813-3800-1234, opened in another browser
    order = place_here(client, kopi)
    stranger = Client()

    # When someone gives another number and a reason
    response = stranger.post(
        cancel_url(order), {"buyer_phone": "0812-9999-0000", "note": "Tidak jadi <b>beli</b>"}
    )

    # Then it is refused, the order stays new, the reason comes back escaped
    html = page(response)
    assert "bukan nomor WhatsApp yang dipakai saat memesan" in html.text
    assert html.find_all("input", name="buyer_phone", value="0812-9999-0000")
    assert "Tidak jadi &lt;b&gt;beli&lt;/b&gt;" in response.content.decode()
    order.refresh_from_db()
    assert order.status == OrderStatus.NEW
    assert order.events.count() == 1


def test_the_buyers_number_in_any_spelling_and_a_reason_cancel_and_are_recorded(client, kopi):
    # Given an order placed with 0813-3800-1234, opened in another browser
    order = place_here(client, kopi)
    assert BUYER_PHONE == "0813-3800-1234"
    stranger = Client()

    # When the buyer types their number the international way, with a reason
    response = stranger.post(
        cancel_url(order), {"buyer_phone": "+62 813 3800 1234", "note": "Salah pilih ukuran"}
    )

    # Then the order is cancelled, the stock back, and the history says how
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert stock_of(kopi) == 10
    event = order.events.last()
    assert event.actor_role == OrderEvent.Role.BUYER
    assert event.actor is None
    assert "perangkat lain" in event.note and "Salah pilih ukuran" in event.note
    assert "Salah pilih ukuran" in page(stranger.get(track_url(order))).text


def test_after_five_wrong_numbers_the_link_cannot_cancel_from_elsewhere(client, kopi):
    # Given an order, and someone trying numbers from another browser
    order = place_here(client, kopi)
    stranger = Client()
    for n in range(5):
        stranger.post(cancel_url(order), {"buyer_phone": f"0812-9999-000{n}", "note": "x"})

    # When even the right number comes next
    response = stranger.post(cancel_url(order), {"buyer_phone": BUYER_PHONE, "note": "x"})

    # Then it is refused with 429 and a plain message; the buyer's own browser still can
    assert response.status_code == 429
    assert "Terlalu banyak nomor yang salah" in page(response).text
    order.refresh_from_db()
    assert order.status == OrderStatus.NEW
    client.post(cancel_url(order))
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
