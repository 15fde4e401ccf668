"""What a seller allows per order (``Product.max_per_order``, 20 by default),
given/when/then: so one anonymous checkout cannot hold a whole shelf until the
order expires. Checked by the cart, by ``place_checkout`` (a ``"limit"``
change) and by the database; an agreed offer's quantity is not capped.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from pasardesa.catalog.models import DEFAULT_MAX_PER_ORDER, Product
from pasardesa.orders.cart import Cart
from pasardesa.orders.models import Checkout
from tests.demo_fixtures import page
from tests.orders.factories import cart_changed, checkout_form, place, product, stock_of
from tests.orders.offer_factories import checkout_offer, negotiable, offer_on, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def rice(maria):
    """A sack of rice with 100 in stock and the default cap of 20 per order."""
    return product(seller=maria, name="Beras Merah", unit="kg", price_idr=15_000, stock=100)


def test_a_new_product_allows_20_per_order(rice):
    assert DEFAULT_MAX_PER_ORDER == 20
    assert rice.max_per_order == 20
    assert rice.order_limit == 20


def test_the_cart_refuses_more_than_the_cap_and_keeps_what_it_had(client, rice):
    # Given a cart with 15 kg of rice
    cart = Cart(client.session)
    cart.add(rice.pk, 15)

    # When the buyer adds 6 more (21 in all), or sets 21
    for change in (lambda: cart.add(rice.pk, 6), lambda: cart.set(rice.pk, 21)):
        with pytest.raises(ValidationError) as caught:
            change()
        # Then it is refused with the cap in words, and the cart still holds 15
        assert caught.value.messages == ["Beras Merah paling banyak 20 kg dalam satu pesanan."]
    assert cart.quantities() == {rice.pk: 15}

    # And exactly the cap is fine
    assert cart.add(rice.pk, 5) == 20


def test_the_cart_page_says_it_when_a_form_posts_too_many(client, rice):
    # When "Masukkan keranjang" posts 50 kg
    response = client.post(
        reverse("orders:cart_add"), {"product": rice.pk, "jumlah": 50}, follow=True
    )

    # Then the buyer reads the cap, nothing went in, nothing broke
    assert response.status_code == 200
    assert "paling banyak 20 kg dalam satu pesanan" in page(response).text
    assert Cart(client.session).quantities() == {}


def test_checkout_refuses_a_line_over_the_cap_and_takes_no_stock(rice):
    # When a checkout asks for 21 kg (a tampered cart, or a cap lowered since)
    with cart_changed("limit") as caught:
        place([(rice, 21)])

    # Then nothing is placed, the stock is whole, and the change names the cap
    (change,) = caught.value.changes
    assert (change.kind, change.requested, change.available) == ("limit", 21, 20)
    assert "paling banyak 20 kg dalam satu pesanan, Anda memesan 21" in change.message
    assert Checkout.objects.count() == 0
    assert stock_of(rice) == 100


def test_the_sellers_own_cap_holds_and_no_cap_means_no_limit(maria, rice):
    # Given the seller allows 5 per order
    Product.objects.filter(pk=rice.pk).update(max_per_order=5)

    # Then 6 is refused and 5 is placed
    with cart_changed("limit"):
        place([(rice, 6)])
    place([(rice, 5)])
    assert stock_of(rice) == 95

    # When she lifts the cap, then 50 are placed at once
    Product.objects.filter(pk=rice.pk).update(max_per_order=None)
    place([(rice, 50)])
    assert stock_of(rice) == 45


def test_a_cap_lowered_after_the_cart_is_shown_on_the_cart_and_the_checkout(client, rice):
    # Given 20 kg in the cart, then the seller lowers her cap to 10
    client.post(reverse("orders:cart_add"), {"product": rice.pk, "jumlah": 20})
    form = checkout_form(client)
    Product.objects.filter(pk=rice.pk).update(max_per_order=10)

    # When the buyer opens the cart, then the line says the cap
    cart_page = page(client.get(reverse("orders:cart")))
    assert "Paling banyak 10 kg dalam satu pesanan." in cart_page.text

    # When they confirm the checkout anyway
    response = client.post(reverse("orders:checkout"), form)

    # Then the page comes back with the change and their details, nothing placed
    assert response.status_code == 200
    html = page(response)
    assert "paling banyak 10 kg dalam satu pesanan, Anda memesan 20" in html.text
    assert html.find_all("input", name="buyer_name", value="Yohanis Maro")
    assert Checkout.objects.count() == 0
    assert stock_of(rice) == 100


def test_an_agreed_offer_above_the_cap_is_the_sellers_yes_and_is_ordered(maria, client):
    # Given the seller accepted an offer for 25 bags of a product capped at 20
    coffee = negotiable(seller=maria, stock=40)
    offer = offer_on(coffee, quantity=25)
    step(offer, "accepted", "penjual")
    offer.refresh_from_db()

    # When the buyer puts it in the cart and checks it out
    Cart(client.session).add_offer(offer)
    checkout_offer(offer)

    # Then the 25 are ordered
    assert stock_of(coffee) == 15


def test_the_database_refuses_a_cap_of_zero_or_above_9999(rice):
    for bad in (0, 10_000):
        with pytest.raises(IntegrityError), transaction.atomic():
            Product.objects.filter(pk=rice.pk).update(max_per_order=bad)


def test_the_product_page_quantity_stops_at_the_stock_or_the_cap(client, maria):
    # Given one product with less stock than the cap, one with more
    short = product(seller=maria, name="Madu Hutan", stock=7)
    plenty = product(seller=maria, name="Garam Laut", stock=500)

    # When their pages are opened, then the quantity fields stop at 7 and at 20
    for item, limit in ((short, "7"), (plenty, "20")):
        html = page(client.get(item.get_absolute_url()))
        quantity = html.find_all("input", name="jumlah")
        assert [field["max"] for field in quantity] == [limit]
