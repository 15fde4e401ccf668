"""A logged-in buyer's order history: only their own orders, newest first,
each linked to its private tracking page, in a fixed number of queries."""

import gzip

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pasardesa.core.money import format_rupiah
from pasardesa.orders.models import ActorRole, OrderStatus
from pasardesa.orders.services import transition_order
from pasardesa.orders.views.history import ORDERS_PER_PAGE
from tests.factories import make_user
from tests.orders.factories import place, product

pytestmark = pytest.mark.django_db

BUDGET = 14_000  # gzip-compressed HTML, CSS inlined: one TCP round trip
HISTORY = reverse("orders:history")


@pytest.fixture
def logged_in(client, buyer_user):
    client.force_login(buyer_user)
    return client


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(HISTORY)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert "next=" in response["Location"]


def test_shows_only_the_buyers_own_orders_newest_first(logged_in, buyer_user, kopi, tenun):
    # Given the buyer placed two checkouts while logged in (one with two sellers)
    first = place([(kopi, 1)], user=buyer_user).orders.get()
    second = place([(kopi, 2), (tenun, 1)], user=buyer_user).orders.order_by("pk")
    transition_order(
        order=first, to_status=OrderStatus.ACCEPTED, actor=None, actor_role=ActorRole.SELLER
    )
    # and somebody else (logged in or not) ordered too
    other = make_user("0813-3800-9999", "Orang Lain")
    theirs = place([(tenun, 1)], user=other).orders.get()
    anonymous = place([(kopi, 1)]).orders.get()

    # When the buyer opens the history
    response = logged_in.get(HISTORY)

    # Then it lists exactly the buyer's three orders, newest first
    assert response.status_code == 200
    html = response.content.decode()
    mine = [*reversed(list(second)), first]
    for order in mine:
        assert order.number in html
        assert reverse("orders:track", args=[order.tracking_token]) in html
        assert format_rupiah(order.subtotal_idr) in html
        assert order.seller.business_name in html
    positions = [html.index(order.number) for order in mine]
    assert positions == sorted(positions)
    assert positions[-1] > html.index(mine[1].number)
    for order in (theirs, anonymous):
        assert order.number not in html
        assert order.tracking_token not in html
    assert "Diterima penjual" in html
    assert "Menunggu jawaban penjual" in html
    assert response["Cache-Control"].startswith("max-age=0")
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    assert len(gzip.compress(response.content)) <= BUDGET


def test_no_orders_yet_says_so(logged_in):
    response = logged_in.get(HISTORY)

    assert response.status_code == 200
    assert "Belum ada pesanan" in response.content.decode()


def test_a_long_history_is_paginated_in_a_fixed_number_of_queries(
    client, logged_in, buyer_user, kopi
):
    # Given one order: count the queries of the page
    kopi.stock = 100
    kopi.save(update_fields=["stock"])
    place([(kopi, 1)], user=buyer_user)
    with CaptureQueriesContext(connection) as one:
        assert logged_in.get(HISTORY).status_code == 200

    # When the buyer has more than a page of orders, from several sellers
    sellers_products = [product(name=f"Produk {n}", stock=10) for n in range(3)]
    for n in range(ORDERS_PER_PAGE + 4):
        place([(sellers_products[n % 3], 1)] if n % 2 else [(kopi, 1)], user=buyer_user)
    with CaptureQueriesContext(connection) as many:
        first_page = logged_in.get(HISTORY)
    last_page = logged_in.get(HISTORY, {"halaman": "2"})

    # Then the first page shows a page of orders with no more queries than before
    assert len(many) == len(one)
    assert first_page.content.decode().count('class="box"') == ORDERS_PER_PAGE
    assert 'rel="next"' in first_page.content.decode()
    total = 1 + ORDERS_PER_PAGE + 4
    assert last_page.content.decode().count('class="box"') == total - ORDERS_PER_PAGE
    assert len(gzip.compress(first_page.content)) <= BUDGET
    # and a nonsense page number is the nearest real page, never an error
    assert logged_in.get(HISTORY, {"halaman": "abc"}).status_code == 200


def test_the_dashboard_links_to_the_history(logged_in):
    response = logged_in.get(reverse("kelola:home"))

    assert HISTORY in response.content.decode()
