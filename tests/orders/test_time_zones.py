"""Order and offer times in the store's zone, labelled; a list that spans
stores (the buyer's history) shows each row in its own store's zone."""

import datetime

import pytest

from pasardesa.orders.models import Order, OrderEvent
from tests.demo_fixtures import freeze_now, page
from tests.factories import SellerFactory, StoreFactory, village
from tests.orders.factories import place, product
from tests.orders.offer_factories import negotiable, offer_on

pytestmark = pytest.mark.django_db

# 16.40 UTC on 3 June: 23.40 WIB, 00.40 WITA and 01.40 WIT on 4 June.
MOMENT = datetime.datetime(2025, 6, 3, 16, 40, tzinfo=datetime.UTC)


def seller_in(code: str):
    return SellerFactory(store=StoreFactory(village=village(code, "Desa " + code[:2])))


@pytest.mark.parametrize(
    ("code", "placed", "answer_by"),
    [
        ("53.05.02.2006", "4 Jun 2025 00.40 WITA", "5 Jun 2025 00.40 WITA"),
        ("91.01.01.2001", "4 Jun 2025 01.40 WIT", "5 Jun 2025 01.40 WIT"),
    ],
)
def test_the_buyer_and_the_seller_read_the_order_in_the_stores_zone(
    client, monkeypatch, code, placed, answer_by
):
    # Given an order placed at MOMENT with a seller in Alor (WITA) or Papua (WIT)
    freeze_now(monkeypatch, MOMENT)
    order = place([(product(seller=seller_in(code)), 1)]).orders.get()
    # When the buyer opens the private tracking link
    text = page(client.get(f"/pesanan/{order.tracking_token}/")).text
    # Then the history and the seller's answer time are on the store's clock, labelled
    assert placed in text
    assert f"Penjual menjawab paling lambat {answer_by}." in text
    assert "23.40" not in text


def test_the_history_shows_each_order_in_its_own_stores_zone(client, monkeypatch, buyer_user):
    # Given the same buyer ordered at MOMENT from a WIB, a WITA and a WIT seller
    freeze_now(monkeypatch, MOMENT)
    for code in ("33.03.04.2010", "53.05.02.2006", "91.01.01.2001"):
        place([(product(seller=seller_in(code)), 1)], user=buyer_user)
    client.force_login(buyer_user)
    # When the buyer opens "Pesanan saya"
    text = page(client.get("/kelola/pesanan-saya/")).text
    # Then each row reads its own store's clock
    for shown in ("3 Jun 2025 23.40 WIB", "4 Jun 2025 00.40 WITA", "4 Jun 2025 01.40 WIT"):
        assert shown in text
    assert Order.objects.count() == 3


def test_the_seller_reads_events_in_the_stores_zone(client, monkeypatch, maria, maria_user):
    freeze_now(monkeypatch, MOMENT)
    order = place([(product(seller=maria), 1)]).orders.get()
    OrderEvent.objects.filter(order=order).update(created_at=MOMENT)
    client.force_login(maria_user)
    text = page(client.get(f"/kelola/penjual/{maria.pk}/pesanan/{order.number}/")).text
    assert text.count("4 Jun 2025 00.40 WITA") >= 2  # placed, and its first event
    assert "Jawab sebelum 5 Jun 2025 00.40 WITA" in text


def test_an_offer_shows_its_deadline_in_the_stores_zone(client, monkeypatch, maria):
    freeze_now(monkeypatch, MOMENT)
    offer = offer_on(negotiable(maria))
    text = page(client.get(f"/tawaran/{offer.token}/")).text
    assert "berlaku sampai 5 Jun 2025 00.40 WITA" in text
    assert "4 Jun 2025 00.40 WITA" in text  # the history


@pytest.mark.parametrize(
    ("code", "day"),
    [("53.05.02.2006", "250604"), ("91.01.01.2001", "250604"), ("32.01.01.2001", "250603")],
)
def test_order_and_offer_numbers_carry_the_stores_own_date(monkeypatch, code, day):
    # Given the moment it is already 4 June in Alor and Papua, still 3 June in Java
    freeze_now(monkeypatch, MOMENT)
    seller = seller_in(code)
    # When an order and an offer are made there
    order = place([(product(seller=seller), 1)]).orders.get()
    offer = offer_on(negotiable(seller=seller))
    # Then their numbers carry the date the seller reads on their own clock
    assert order.number.startswith(f"PD-{day}-")
    assert offer.number.startswith(f"TW-{day}-")
