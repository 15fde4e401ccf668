"""Reads for the order pages: bounded queries, and nobody sees another's orders."""

import pytest

from pasardesa.orders.models import ActorRole, OrderStatus
from pasardesa.orders.selectors import (
    buyer_orders,
    checkout_with_orders,
    order_by_tracking_token,
    seller_inbox,
    seller_order,
    seller_order_counts,
)
from pasardesa.orders.services import transition_order
from tests.orders.factories import place, product

pytestmark = pytest.mark.django_db


def test_the_tracking_link_finds_its_order_with_everything_in_fixed_queries(
    kopi, tenun, django_assert_num_queries
):
    order = place([(kopi, 2), (tenun, 1)]).orders.get(seller=kopi.seller)
    transition_order(
        order=order, to_status=OrderStatus.ACCEPTED, actor=None, actor_role=ActorRole.SELLER
    )
    with django_assert_num_queries(3):  # order+checkout+seller, lines, events+actor
        found = order_by_tracking_token(order.tracking_token)
        assert found.checkout.village.name == "Dulolong"
        assert found.seller.store.village.name
        assert [line.product_name for line in found.lines.all()] == ["Kopi Alor"]
        assert [e.to_status for e in found.events.all()] == [
            OrderStatus.NEW,
            OrderStatus.ACCEPTED,
        ]


@pytest.mark.parametrize("token", ["", "x", "a" * 200, None, 42])
def test_a_wrong_token_finds_nothing(kopi, token, django_assert_num_queries):
    place([(kopi, 1)])
    with django_assert_num_queries(0):
        assert order_by_tracking_token(token) is None


def test_a_token_of_the_right_shape_but_unknown_finds_nothing(kopi):
    order = place([(kopi, 1)]).orders.get()
    assert order_by_tracking_token(order.tracking_token[::-1]) is None
    assert order_by_tracking_token(order.number) is None


def test_the_inbox_counts_each_status_and_lists_in_bounded_queries(
    kopi, tenun, maria, django_assert_num_queries
):
    # Given Maria has 4 orders: 2 new, 1 accepted, 1 declined; and another seller has 1
    sugar = product(seller=maria, name="Gula Aren")
    orders = [place([(kopi, 1), (sugar, 1)]).orders.get(seller=maria) for _ in range(4)]
    place([(tenun, 1)])
    transition_order(
        order=orders[0], to_status=OrderStatus.ACCEPTED, actor=None, actor_role=ActorRole.SELLER
    )
    transition_order(
        order=orders[1],
        to_status=OrderStatus.DECLINED,
        actor=None,
        actor_role=ActorRole.SELLER,
        note="Sedang panen.",
    )
    # When her inbox is read
    with django_assert_num_queries(3):  # counts, orders+checkout+seller, lines
        inbox = seller_inbox(seller=maria)
        rows = [(o.number, o.checkout.buyer_name, len(o.lines.all())) for o in inbox.rows]
    # Then the counts and the list are hers only
    assert inbox.counts[OrderStatus.NEW] == 2
    assert inbox.counts[OrderStatus.ACCEPTED] == 1
    assert inbox.counts[OrderStatus.DECLINED] == 1
    assert inbox.counts[OrderStatus.COMPLETED] == 0
    assert (inbox.total, inbox.open_count) == (4, 3)
    # the tabs are the statuses she has, in the table's order
    assert [chip[0] for chip in inbox.chips] == ["new", "accepted", "declined"]
    assert [r[0] for r in rows] == [o.number for o in reversed(orders)]
    assert {r[2] for r in rows} == {2}
    # And a status filter narrows the list, not the counts
    new = seller_inbox(seller=maria, status=OrderStatus.NEW)
    assert {o.number for o in new.rows} == {orders[2].number, orders[3].number}
    assert new.counts == inbox.counts
    assert seller_inbox(seller=maria, status="bogus").status == ""


def test_counts_of_a_seller_without_orders_are_zeros(maria):
    assert set(seller_order_counts(maria).values()) == {0}


def test_a_seller_finds_only_their_own_order_by_number(kopi, tenun):
    theirs = place([(tenun, 1)]).orders.get()
    mine = place([(kopi, 1)]).orders.get()
    assert seller_order(seller=kopi.seller, number=mine.number) == mine
    assert seller_order(seller=kopi.seller, number=theirs.number) is None


def test_a_logged_in_buyer_sees_their_history(kopi, tenun, buyer_user):
    from django.contrib.auth.models import AnonymousUser

    place([(tenun, 1)])  # somebody without an account
    checkout = place([(kopi, 1), (tenun, 1)], user=buyer_user)
    later = place([(kopi, 2)], user=buyer_user)
    history = list(buyer_orders(buyer_user))
    assert history[0] == later.orders.get()
    assert {o.pk for o in history} == {
        *checkout.orders.values_list("pk", flat=True),
        *later.orders.values_list("pk", flat=True),
    }
    assert list(buyer_orders(AnonymousUser())) == []


def test_the_confirmation_page_reads_a_checkout_in_fixed_queries(
    kopi, tenun, django_assert_num_queries
):
    checkout = place([(kopi, 1), (tenun, 2)])
    with django_assert_num_queries(3):
        found = checkout_with_orders(checkout.pk)
        summary = [
            (o.seller.business_name, [line.quantity for line in o.lines.all()])
            for o in found.orders.all()
        ]
    assert sorted(summary) == [("Kopi Ibu Maria", [1]), ("Tenun Mama Ros", [2])]
    assert checkout_with_orders(checkout.pk + 1000) is None
