"""Hourly checkout limits per buyer number and per client address, given/when/then:
a placed order holds stock, so one person must not place order after order.
Over a limit the checkout page comes back with 429 and a plain message, the
cart and everything typed kept.
"""

import pytest
from django.urls import reverse

from pasardesa.orders.cart import Cart
from pasardesa.orders.models import Checkout
from tests.demo_fixtures import page
from tests.orders.factories import checkout_form, product

pytestmark = pytest.mark.django_db

TOO_MANY = "Terlalu banyak pesanan dari nomor atau jaringan ini dalam satu jam."


def check_out(client, item, *, ip: str, phone: str = "0813-3800-1234", form=None):
    """Put one of ``item`` in the cart and check it out from address ``ip``."""
    client.post(reverse("orders:cart_add"), {"product": item.pk, "quantity": 1})
    data = (form or checkout_form(client)) | {"buyer_phone": phone}
    return client.post(reverse("orders:checkout"), data, REMOTE_ADDR=ip)


def test_the_limits_are_5_per_number_and_10_per_address_an_hour(settings):
    assert settings.CHECKOUTS_PER_PHONE_PER_HOUR == 5
    assert settings.CHECKOUTS_PER_IP_PER_HOUR == 10


def test_a_sixth_checkout_of_one_number_in_an_hour_is_429_and_loses_nothing(client, kopi):
    # Given one number placed 5 checkouts in an hour, from 5 addresses
    for n in range(5):
        assert check_out(client, kopi, ip=f"10.0.0.{n}").status_code == 302

    # When it checks out a sixth time, from yet another address, written another way
    response = check_out(client, kopi, ip="10.0.0.99", phone="+62 813-3800-1234")

    # Then the checkout page answers 429 with a plain message, the cart and details kept
    assert response.status_code == 429
    html = page(response)
    assert TOO_MANY in html.text
    assert html.find_all("input", name="buyer_name", value="Yohanis Maro")
    assert Cart(client.session).quantities() == {kopi.pk: 1}
    assert Checkout.objects.count() == 5

    # And another buyer's number is not held back
    assert check_out(client, kopi, ip="10.0.0.99", phone="0812-1111-2222").status_code == 302


def test_an_eleventh_checkout_from_one_address_is_429(client, maria):
    # Given 10 checkouts from one address, each with another number
    item = product(seller=maria, name="Gula Aren", stock=None)
    for n in range(10):
        assert check_out(client, item, ip="10.1.1.1", phone=f"0812-1111-{n:04d}").status_code == 302

    # When an eleventh comes from it, then it is refused; another address is not
    assert check_out(client, item, ip="10.1.1.1", phone="0812-2222-0000").status_code == 429
    assert check_out(client, item, ip="10.1.1.2", phone="0812-2222-0000").status_code == 302


def test_a_retry_of_a_placed_checkout_is_answered_even_at_the_limit(client, kopi, settings):
    # Given a number allowed 1 checkout an hour, which placed it
    settings.CHECKOUTS_PER_PHONE_PER_HOUR = 1
    client.post(reverse("orders:cart_add"), {"product": kopi.pk, "quantity": 1})
    form = checkout_form(client)
    first = client.post(reverse("orders:checkout"), form, REMOTE_ADDR="10.2.2.2")
    assert first.status_code == 302

    # When the phone sends the same form again (a retry on a flaky connection)
    again = client.post(reverse("orders:checkout"), form, REMOTE_ADDR="10.2.2.2")

    # Then it gets its confirmation, and one checkout exists
    assert again.status_code == 302
    assert again["Location"] == first["Location"]
    assert Checkout.objects.count() == 1
