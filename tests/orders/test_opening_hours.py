"""Opening hours never stop a buyer; "tutup sementara" does.

Outside the hours an order (or an offer) is taken and the seller's answer time
starts at their next opening; the seller's own "tutup sementara" and the
operator's switch for the whole store refuse cart and checkout with a message.
"""

import datetime

import pytest
from django.core.exceptions import ValidationError

from pasardesa.orders.cart import Cart
from pasardesa.orders.models import Order, OrderStatus
from pasardesa.orders.services import expire_orders
from pasardesa.orders.state import ActorRole
from pasardesa.regions.timezones import WITA
from pasardesa.sellers.services import set_opening_hours, set_seller_open
from pasardesa.stores.services import set_store_closed
from tests.demo_fixtures import freeze_now, page
from tests.factories import SellerFactory
from tests.orders.factories import cart_changed, place, product
from tests.orders.offer_factories import negotiable, offer_on, step
from tests.orders.test_cart import new_session

pytestmark = pytest.mark.django_db

MONDAY = datetime.date(2025, 6, 2)
assert MONDAY.weekday() == 0


def wita(day_offset: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in WITA (the factories' villages are in Alor), days after Monday."""
    day = MONDAY + datetime.timedelta(days=day_offset)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=WITA)


def weekly(seller, days=range(7), opens=8, closes=17) -> None:
    set_opening_hours(
        seller=seller, hours={d: (datetime.time(opens), datetime.time(closes)) for d in days}
    )


@pytest.fixture
def hours_8_to_17(kopi):
    """Kopi's seller opens every day 08.00-17.00 WITA and has 24 h to answer."""
    weekly(kopi.seller)
    assert kopi.seller.store.order_expiry_hours == 24
    return kopi


class TestOrdersOutsideHours:
    def test_an_order_at_22_is_taken_and_expires_24h_after_the_next_opening(
        self, monkeypatch, hours_8_to_17
    ):
        # Given it is Monday 22.00, five hours after the seller closed
        freeze_now(monkeypatch, wita(0, 22))
        # When the buyer places an order
        order = place([(hours_8_to_17, 1)]).orders.get()
        # Then it is taken, and the 24 hours start at Tuesday 08.00: Wednesday 08.00
        assert order.status == OrderStatus.NEW
        assert order.expires_at == wita(2, 8)

    def test_an_order_inside_the_hours_has_24h_from_now(self, monkeypatch, hours_8_to_17):
        freeze_now(monkeypatch, wita(0, 10, 30))
        order = place([(hours_8_to_17, 1)]).orders.get()
        assert order.expires_at == wita(1, 10, 30)

    def test_an_order_before_opening_counts_from_the_same_mornings_opening(
        self, monkeypatch, hours_8_to_17
    ):
        freeze_now(monkeypatch, wita(0, 6))
        order = place([(hours_8_to_17, 1)]).orders.get()
        assert order.expires_at == wita(1, 8)

    def test_an_order_on_saturday_night_waits_for_monday(self, monkeypatch, kopi):
        # Given the seller opens Monday to Friday only
        weekly(kopi.seller, days=range(5))
        freeze_now(monkeypatch, wita(5, 22))
        # When an order comes on Saturday 22.00
        order = place([(kopi, 1)]).orders.get()
        # Then the seller has until Tuesday 08.00 (Monday 08.00 + 24 h)
        assert order.expires_at == wita(8, 8)

    def test_the_expiry_job_leaves_it_until_its_time(self, monkeypatch, hours_8_to_17):
        # Given an order placed Monday 22.00 that nobody answers
        freeze_now(monkeypatch, wita(0, 22))
        order = place([(hours_8_to_17, 2)]).orders.get()
        # When the job runs on Tuesday 23.00 (25 h later), then at Wednesday 08.00
        expired_early = expire_orders(now=wita(1, 23))
        order.refresh_from_db()
        status_early = order.status
        expired_on_time = expire_orders(now=wita(2, 8))
        order.refresh_from_db()
        # Then it waits for the seller's full day, then expires
        assert (expired_early, status_early) == (0, OrderStatus.NEW)
        assert (expired_on_time, order.status) == (1, OrderStatus.EXPIRED)

    def test_without_hours_the_answer_time_starts_now(self, monkeypatch, kopi):
        freeze_now(monkeypatch, wita(0, 23))
        order = place([(kopi, 1)]).orders.get()
        assert order.expires_at == wita(1, 23)

    def test_outside_hours_the_cart_takes_the_product(self, monkeypatch, hours_8_to_17):
        freeze_now(monkeypatch, wita(0, 22))
        cart = Cart(new_session())
        assert cart.add(hours_8_to_17.pk, 2) == 2


class TestTemporarilyClosed:
    def test_the_sellers_switch_refuses_checkout_with_its_note(self, kopi):
        # Given the seller closed for a funeral, note for buyers
        set_seller_open(seller=kopi.seller, is_open=False, closed_note="Ada acara keluarga.")
        # When a buyer checks out a cart drawn before
        with cart_changed("unavailable") as caught:
            place([(kopi, 1)])
        # Then nothing is placed and the buyer reads why
        assert Order.objects.count() == 0
        change = caught.value.changes[0]
        assert change.kind == "closed"
        assert "Kopi Ibu Maria sedang tutup sementara" in change.message
        assert "Ada acara keluarga." in change.message

    def test_the_sellers_switch_refuses_the_cart(self, kopi):
        set_seller_open(seller=kopi.seller, is_open=False)
        cart = Cart(new_session())
        with pytest.raises(ValidationError, match="Kopi Ibu Maria sedang tutup sementara"):
            cart.add(kopi.pk, 1)
        assert len(cart) == 0

    def test_the_cart_add_page_says_so_in_words(self, client, kopi):
        set_seller_open(seller=kopi.seller, is_open=False)
        response = client.post(
            "/keranjang/tambah/", {"product": kopi.pk, "quantity": "1"}, follow=True
        )
        assert response.status_code == 200
        assert "Kopi Ibu Maria sedang tutup sementara" in page(response).text
        assert client.session.get("cart", {}) == {}

    def test_closed_until_a_day_opens_again_by_itself_the_day_after(self, monkeypatch, kopi):
        # Given on Monday the seller closes "until Tuesday"
        freeze_now(monkeypatch, wita(0, 9))
        set_seller_open(seller=kopi.seller, is_open=False, closed_until=MONDAY.replace(day=3))
        # When buyers check out on Tuesday 23.30, then on Wednesday 00.10
        freeze_now(monkeypatch, wita(1, 23, 30))
        with cart_changed("unavailable", match="sampai 3 Juni 2025"):
            place([(kopi, 1)])
        freeze_now(monkeypatch, wita(2, 0, 10))
        order = place([(kopi, 1)]).orders.get()
        # Then Tuesday is refused and Wednesday taken, without anybody switching
        assert order.status == OrderStatus.NEW

    def test_the_operators_switch_closes_every_seller_of_the_store(self, kopi, tenun):
        # Given a second seller in Kopi's store, and Tenun in another store
        neighbour = product(
            seller=SellerFactory(store=kopi.seller.store, business_name="Gula Aren Pak Lodo"),
            name="Gula Aren",
            stock=5,
        )
        # When the operator closes Kopi's store for the village feast
        set_store_closed(store=kopi.seller.store, closed=True, closed_note="Pesta desa.")
        # Then neither of its sellers can be put in a cart or checked out
        for item in (kopi, neighbour):
            with pytest.raises(ValidationError, match="tutup sementara"):
                Cart(new_session()).add(item.pk, 1)
            with cart_changed("unavailable", match="Pesan pengelola toko: Pesta desa."):
                place([(item, 1)])
        # while the other store's seller still sells
        assert place([(tenun, 1)]).orders.get().status == OrderStatus.NEW
        # and once it opens again, so do Kopi's
        set_store_closed(store=kopi.seller.store, closed=False)
        assert place([(kopi, 1)]).orders.get().status == OrderStatus.NEW


class TestOffersOutsideHours:
    def test_an_offer_at_22_gives_the_seller_until_24h_after_opening(self, monkeypatch, maria):
        # Given the seller opens 08-17 and a buyer bargains at 22.00
        weekly(maria)
        item = negotiable(maria)
        freeze_now(monkeypatch, wita(0, 22))
        offer = offer_on(item)
        # Then the seller answers by Wednesday 08.00
        assert offer.expires_at == wita(2, 8)
        # And when the seller counters on Tuesday 09.00, the buyer has 24 h from then
        freeze_now(monkeypatch, wita(1, 9))
        step(offer, "countered", ActorRole.SELLER, price_idr=22_000)
        assert offer.expires_at == wita(2, 9)
