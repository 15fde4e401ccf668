"""Checking out an agreed price (tawar): once, at that price, for that quantity."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from pasardesa.catalog.models import Product
from pasardesa.core.models import IdempotencyKey
from pasardesa.orders.models import (
    ActorRole,
    Checkout,
    Offer,
    OfferStatus,
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
)
from pasardesa.orders.services import (
    place_checkout,
    transition_order,
)
from tests.orders.factories import buyer, cart_changed, cart_items, product, stock_of
from tests.orders.offer_factories import (
    BUYER_PRICE,
    SELLER_PRICE,
    age,
    checkout_offer,
    negotiable,
    offer_in,
    offer_on,
    step,
)

pytestmark = pytest.mark.django_db

S, R = OfferStatus, ActorRole
LAPSED_COFFEE = (
    "Harga tawaran untuk Kopi Alor sudah tidak berlaku; harga biasa Rp25.000 per bungkus."
)


@pytest.fixture
def coffee(maria):
    """Maria's coffee, Rp25.000 a bag, 10 in stock, open to offers."""
    return negotiable(maria, name="Kopi Alor", stock=10)


@pytest.fixture
def agreed(coffee):
    """3 bags of coffee agreed at Rp18.000 (the seller accepted the buyer's price)."""
    return offer_in(S.ACCEPTED, item=coffee, quantity=3)


def placed() -> tuple[int, ...]:
    """Every table a checkout writes to, and the stock of every product."""
    return (
        Checkout.objects.count(),
        Order.objects.count(),
        OrderLine.objects.count(),
        OrderEvent.objects.count(),
        IdempotencyKey.objects.filter(scope="orders.place_checkout:anon").count(),
        *Product.objects.order_by("pk").values_list("stock", flat=True),
    )


def place_lines(lines: list[tuple], prices: dict[int, int]) -> Checkout:
    """Place raw cart lines ``(product id, quantity[, offer token])``."""
    sellers = Product.objects.filter(pk__in=[line[0] for line in lines]).values_list(
        "seller_id", flat=True
    )
    return place_checkout(
        items=cart_items(lines),
        choices={seller: (Order.Fulfilment.PICKUP, Order.Payment.COD) for seller in sellers},
        expected_prices=prices,
        idempotency_key=uuid.uuid4(),
        buyer=buyer(),
    )


def status_of(offer: Offer) -> str:
    return Offer.objects.values_list("status", flat=True).get(pk=offer.pk)


class TestTheAgreedPrice:
    def test_the_order_is_at_the_agreed_price_and_the_offer_is_used(
        self, coffee, agreed, buyer_user
    ):
        # Given 3 bags agreed at 18.000 (the sale price is 25.000)
        # When the buyer checks it out
        order = checkout_offer(agreed, user=buyer_user).orders.get()
        # Then the line is at the agreed price, for the agreed quantity, and names the offer
        line = order.lines.get()
        assert (line.product_name, line.unit_price_idr, line.quantity, line.line_total_idr) == (
            "Kopi Alor",
            18_000,
            3,
            54_000,
        )
        assert line.offer == agreed
        assert order.subtotal_idr == 54_000
        assert order.status == OrderStatus.NEW
        # And the offer is used: ordered, with an event naming the order
        agreed.refresh_from_db()
        assert agreed.status == S.ORDERED
        assert agreed.agreed_price_idr == 18_000
        event = agreed.events.last()
        assert (event.from_status, event.to_status, event.actor, event.actor_role) == (
            S.ACCEPTED,
            S.ORDERED,
            buyer_user,
            R.BUYER,
        )
        assert order.number in event.note
        # And the stock is taken like any order's
        assert stock_of(coffee) == 7
        assert line.stock_reserved

    def test_the_sellers_counter_is_checked_out_at_its_price(self, coffee):
        offer = offer_in(S.COUNTERED, item=coffee)
        step(offer, S.ACCEPTED, R.BUYER)
        line = checkout_offer(offer).orders.get().lines.get()
        assert (line.unit_price_idr, line.line_total_idr) == (SELLER_PRICE, 2 * SELLER_PRICE)

    def test_the_agreed_price_holds_when_the_seller_changes_the_price(self, coffee, agreed):
        # Given the seller raised the price after agreeing
        Product.objects.filter(pk=coffee.pk).update(price_idr=30_000)
        # When the buyer checks out the agreed price, then it is the one charged
        line = checkout_offer(agreed).orders.get().lines.get()
        assert (line.unit_price_idr, line.line_total_idr) == (BUYER_PRICE, 3 * BUYER_PRICE)

    def test_the_same_checkout_sent_twice_is_one_order(self, coffee, agreed):
        key = uuid.uuid4()
        first = checkout_offer(agreed, key=key)
        again = checkout_offer(agreed, key=key)
        assert first.pk == again.pk
        assert OrderLine.objects.count() == 1
        assert stock_of(coffee) == 7


class TestOnlyOnce:
    def test_a_second_checkout_of_the_same_offer_is_refused_and_takes_no_stock(
        self, coffee, agreed
    ):
        # Given the agreed price was checked out once (stock 10 → 7)
        checkout_offer(agreed)
        before = placed()
        # When the buyer checks it out again (another form, another key)
        with cart_changed("offer") as caught:
            checkout_offer(agreed)
        # Then they are told it no longer holds, with the normal price, and nothing was placed
        assert caught.value.messages == [LAPSED_COFFEE]
        [change] = caught.value.changes
        assert (change.product_id, change.kind, change.price_idr) == (coffee.pk, "offer", 25_000)
        assert placed() == before
        assert stock_of(coffee) == 7

    def test_a_declined_order_gives_the_stock_back_but_not_the_agreed_price(self, coffee, agreed):
        # Given the agreed price was ordered (stock 10 → 7)
        order = checkout_offer(agreed).orders.get()
        # When the seller declines the order
        transition_order(
            order=order,
            to_status=OrderStatus.DECLINED,
            actor=None,
            actor_role=R.SELLER,
            note="Kopi basah kena hujan.",
        )
        # Then the stock is back, but the offer stays used
        assert stock_of(coffee) == 10
        assert status_of(agreed) == S.ORDERED
        assert OrderLine.objects.get().offer == agreed
        # And it cannot be checked out again
        with cart_changed("offer"):
            checkout_offer(agreed)
        assert stock_of(coffee) == 10


class TestAnOfferThatDoesNotHold:
    @pytest.mark.parametrize(
        "status", [S.PENDING, S.COUNTERED, S.DECLINED, S.CANCELLED, S.EXPIRED, "lapsed"]
    )
    def test_its_token_is_refused_naming_the_normal_price(self, coffee, status):
        # Given an offer that is not (or no longer) an agreed price in time
        if status == "lapsed":
            offer = age(offer_in(S.ACCEPTED, item=coffee))  # the job has not run yet
        else:
            offer = offer_in(status, item=coffee)
        before = placed()
        # When its token is checked out (the page showing the buyer's price)
        with cart_changed("offer") as caught:
            checkout_offer(offer, price=BUYER_PRICE)
        # Then it is refused with the normal price, and nothing was placed
        assert caught.value.messages == [LAPSED_COFFEE]
        assert placed() == before
        assert status_of(offer) == (S.ACCEPTED if status == "lapsed" else status)

    @pytest.mark.parametrize("quantity", [2, 4, 1])
    def test_a_quantity_other_than_agreed_is_refused(self, coffee, agreed, quantity):
        before = placed()
        with cart_changed("offer") as caught:
            checkout_offer(agreed, quantity=quantity)
        assert caught.value.changes[0].kind == "offer"
        assert placed() == before
        assert status_of(agreed) == S.ACCEPTED

    def test_the_token_of_another_products_offer_is_refused(self, maria, coffee, agreed):
        # Given another negotiable product of the same seller
        sugar = negotiable(maria, name="Gula Aren", price_idr=30_000, unit="kg")
        before = placed()
        # When the coffee's agreed price is sent on a line for the sugar
        with cart_changed("offer") as caught:
            checkout_offer(agreed, item=sugar)
        # Then the sugar's normal price is named, and the coffee's offer is untouched
        assert caught.value.messages == [
            "Harga tawaran untuk Gula Aren sudah tidak berlaku; harga biasa Rp30.000 per kg."
        ]
        assert placed() == before
        assert status_of(agreed) == S.ACCEPTED

    def test_two_agreed_prices_with_their_tokens_swapped_are_refused(self, maria, coffee, agreed):
        # Given a second agreed price, on the sugar, for the same quantity
        sugar = negotiable(maria, name="Gula Aren", price_idr=30_000, unit="kg")
        other = offer_in(S.ACCEPTED, item=sugar, quantity=3)
        before = placed()
        # When each line carries the other's token
        with cart_changed("offer") as caught:
            place_lines(
                [(coffee.pk, 3, other.token), (sugar.pk, 3, agreed.token)],
                {coffee.pk: BUYER_PRICE, sugar.pk: BUYER_PRICE},
            )
        # Then both are refused, and both offers are still there to check out
        assert {change.product_id for change in caught.value.changes} == {coffee.pk, sugar.pk}
        assert placed() == before
        assert {status_of(agreed), status_of(other)} == {S.ACCEPTED}

    @pytest.mark.parametrize("token", ["bukan-token", "x" * 64])
    def test_a_made_up_token_is_refused(self, coffee, agreed, token):
        with cart_changed("offer"):
            checkout_offer(agreed, token=token)
        assert status_of(agreed) == S.ACCEPTED
        assert stock_of(coffee) == 10

    def test_the_normal_price_sent_for_an_agreed_line_is_a_changed_price(self, coffee, agreed):
        # When the page sent the sale price for the agreed line (stale or tampered)
        before = placed()
        with cart_changed("price") as caught:
            checkout_offer(agreed, price=25_000)
        # Then the buyer is told the price is the agreed one, and nothing was placed
        assert caught.value.messages == ["Harga Kopi Alor sekarang Rp18.000 per bungkus."]
        assert caught.value.changes[0].price_idr == BUYER_PRICE
        assert placed() == before
        assert status_of(agreed) == S.ACCEPTED

    def test_stock_sold_since_the_agreement_is_stock_short(self, coffee, agreed):
        Product.objects.filter(pk=coffee.pk).update(stock=2)
        with cart_changed("stock") as caught:
            checkout_offer(agreed)
        assert caught.value.messages == ["Stok Kopi Alor tinggal 2 bungkus, Anda memesan 3."]
        assert status_of(agreed) == S.ACCEPTED
        assert stock_of(coffee) == 2

    @pytest.mark.parametrize("offer_first", [True, False], ids=["offer-first", "normal-first"])
    def test_the_same_product_twice_with_an_offer_is_refused(self, coffee, agreed, offer_first):
        # Given a cart holding the coffee at the agreed price and at the normal price
        lines = [(coffee.pk, 3, agreed.token), (coffee.pk, 1)]
        before = placed()
        # When it is placed, in either order
        with pytest.raises(ValidationError) as caught:
            place_lines(lines if offer_first else lines[::-1], {coffee.pk: BUYER_PRICE})
        # Then it is refused as a whole, and the offer is still there to check out
        assert caught.value.messages == [
            "Produk dengan harga tawaran hanya bisa dipesan sekali, sejumlah yang disepakati."
        ]
        assert placed() == before
        assert status_of(agreed) == S.ACCEPTED

    def test_two_offers_for_the_same_product_in_one_cart_are_refused(self, coffee, agreed):
        other = offer_in(S.ACCEPTED, item=coffee, quantity=1)
        with pytest.raises(ValidationError):
            place_lines(
                [(coffee.pk, 3, agreed.token), (coffee.pk, 1, other.token)],
                {coffee.pk: BUYER_PRICE},
            )
        assert {status_of(agreed), status_of(other)} == {S.ACCEPTED}
        assert stock_of(coffee) == 10


class TestMixedCarts:
    def test_an_agreed_line_and_normal_lines_of_two_sellers(self, maria, coffee, agreed, tenun):
        # Given the agreed coffee, a bag of sugar of the same seller, and a woven cloth
        sugar = product(seller=maria, name="Gula Aren", price_idr=30_000, unit="kg", stock=5)
        # When the buyer checks them out together
        checkout = checkout_offer(agreed, extra=((sugar, 1), (tenun, 1)))
        # Then one order per seller
        orders = {order.seller_id: order for order in checkout.orders.all()}
        assert set(orders) == {maria.pk, tenun.seller_id}
        # And Maria's order has the coffee at the agreed price and the sugar at its own
        lines = {line.product_id: line for line in orders[maria.pk].lines.all()}
        assert (lines[coffee.pk].unit_price_idr, lines[coffee.pk].offer) == (BUYER_PRICE, agreed)
        assert (lines[sugar.pk].unit_price_idr, lines[sugar.pk].offer) == (30_000, None)
        assert orders[maria.pk].subtotal_idr == 3 * BUYER_PRICE + 30_000
        # And the weaver's order is at the normal price
        cloth = orders[tenun.seller_id].lines.get()
        assert (cloth.unit_price_idr, cloth.offer, orders[tenun.seller_id].subtotal_idr) == (
            350_000,
            None,
            350_000,
        )
        # And every stock was taken, and the offer used
        assert (stock_of(coffee), stock_of(sugar), stock_of(tenun)) == (7, 4, 2)
        assert status_of(agreed) == S.ORDERED

    def test_a_lapsed_offer_in_a_mixed_cart_places_nothing(self, maria, coffee, tenun):
        offer = offer_on(coffee, quantity=2)
        step(offer, S.CANCELLED, R.BUYER)
        before = placed()
        with cart_changed("offer") as caught:
            checkout_offer(offer, price=BUYER_PRICE, extra=((tenun, 1),))
        assert [change.product_id for change in caught.value.changes] == [coffee.pk]
        assert placed() == before
