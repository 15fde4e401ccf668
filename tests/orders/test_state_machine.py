"""The order state machine, transition by transition, including every illegal one."""

import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from pasardesa.orders.models import ActorRole, Order, OrderEvent, OrderStatus
from pasardesa.orders.services import transition_order
from pasardesa.orders.state import (
    OPEN_STATUSES,
    ORDER_TRANSITIONS,
    RELEASES_STOCK,
    TERMINAL_STATUSES,
    IllegalTransition,
    check_transition,
    next_steps,
)
from tests.factories import make_user
from tests.orders.factories import order_in, product, stock_of

pytestmark = pytest.mark.django_db

S, R = OrderStatus, ActorRole

ALLOWED = [
    (src, to, role) for (src, to), step in ORDER_TRANSITIONS.items() for role in sorted(step.roles)
]
ILLEGAL = [
    (src, to, role)
    for src, to, role in itertools.product(S.values, S.values, R.values)
    if (src, to, role) not in ALLOWED
]


def _id(case) -> str:
    return "{}->{}-by-{}".format(*case)


def actor_for(role: str):
    if role == R.SYSTEM:
        return None
    return make_user("0812-9999-0001", f"Orang {role}")


class TestTheTable:
    def test_the_table_is_the_one_the_issue_asks_for(self):
        assert {(src, to): set(step.roles) for (src, to), step in ORDER_TRANSITIONS.items()} == {
            (S.NEW, S.ACCEPTED): {R.SELLER},
            (S.NEW, S.DECLINED): {R.SELLER},
            # the system cancels what was not paid, or (rekening bersama) not sent, in time
            (S.NEW, S.CANCELLED): {R.BUYER, R.SYSTEM},
            (S.NEW, S.EXPIRED): {R.SYSTEM},
            (S.ACCEPTED, S.PREPARING): {R.SELLER},
            (S.ACCEPTED, S.READY): {R.SELLER},
            (S.PREPARING, S.READY): {R.SELLER},
            (S.READY, S.DELIVERED): {R.SELLER},
            # the system completes when the escrow's release timer runs out
            (S.DELIVERED, S.COMPLETED): {R.SELLER, R.BUYER, R.SYSTEM},
            (S.ACCEPTED, S.CANCELLED): {R.SELLER, R.SYSTEM},
            (S.PREPARING, S.CANCELLED): {R.SELLER, R.SYSTEM},
            (S.READY, S.CANCELLED): {R.SELLER, R.SYSTEM},
        }

    def test_a_reason_is_required_exactly_for_the_sellers_cancel_and_asked_to_decline(self):
        assert {key for key, step in ORDER_TRANSITIONS.items() if step.needs_note} == {
            (S.ACCEPTED, S.CANCELLED),
            (S.PREPARING, S.CANCELLED),
            (S.READY, S.CANCELLED),
        }
        # declining a new order is one tap: a reason is asked for, not required
        assert {key for key, step in ORDER_TRANSITIONS.items() if step.takes_note} == {
            (S.NEW, S.DECLINED),
        }

    def test_stock_comes_back_only_from_terminal_states_so_at_most_once(self):
        assert {S.DECLINED, S.CANCELLED, S.EXPIRED} == RELEASES_STOCK
        assert RELEASES_STOCK <= TERMINAL_STATUSES
        assert {S.DECLINED, S.CANCELLED, S.EXPIRED, S.COMPLETED} == TERMINAL_STATUSES
        assert {S.NEW, S.ACCEPTED, S.PREPARING, S.READY, S.DELIVERED} == OPEN_STATUSES

    def test_every_status_and_role_has_an_indonesian_label(self):
        with translation.override("id"):
            labels = {str(choice.label) for choice in [*S, *R]}
        assert len(labels) == len(S) + len(R)
        assert "Menunggu jawaban penjual" in labels

    def test_next_steps_are_the_buttons_of_each_side(self):
        assert [to for to, _step in next_steps(S.NEW, R.SELLER)] == [S.ACCEPTED, S.DECLINED]
        assert [to for to, _step in next_steps(S.NEW, R.BUYER)] == [S.CANCELLED]
        assert [to for to, _step in next_steps(S.DELIVERED, R.BUYER)] == [S.COMPLETED]
        assert next_steps(S.COMPLETED, R.SELLER) == []

    def test_the_message_names_both_states_in_indonesian(self):
        with pytest.raises(IllegalTransition) as caught:
            check_transition(S.COMPLETED, S.NEW, R.SELLER)
        assert str(caught.value) == (
            'Pesanan berstatus "Selesai" tidak bisa diubah menjadi "Menunggu jawaban penjual".'
        )
        with pytest.raises(IllegalTransition) as caught:
            check_transition(S.NEW, S.ACCEPTED, R.BUYER)
        assert str(caught.value) == (
            'Sebagai pembeli, Anda tidak bisa mengubah pesanan dari "Menunggu jawaban penjual" '
            'ke "Diterima penjual".'
        )


@pytest.mark.parametrize(("src", "to", "role"), ALLOWED, ids=map(_id, ALLOWED))
def test_every_allowed_transition_moves_the_order_and_records_who_and_why(src, to, role):
    # Given an order of 2 units (stock 10 → 8) in the source status
    item = product(stock=10)
    order = order_in(src, item=item, quantity=2)
    assert stock_of(item) == 8
    actor = actor_for(role)
    # When the allowed role takes the step, with a note
    event = transition_order(
        order=order, to_status=to, actor=actor, actor_role=role, note="  Stok habis di kebun.  "
    )
    # Then the order moved, and one event says who, from, to and why
    order.refresh_from_db()
    assert order.status == to
    assert (event.from_status, event.to_status, event.actor, event.actor_role, event.note) == (
        src,
        to,
        actor,
        role,
        "Stok habis di kebun.",
    )
    history = list(order.events.order_by("pk").values_list("from_status", "to_status"))
    assert history[0] == ("", S.NEW)
    assert history[-1] == (src, to)
    # And the stock came back exactly when the order ended without being delivered
    assert stock_of(item) == (10 if to in RELEASES_STOCK else 8)


@pytest.mark.parametrize(("src", "to", "role"), ILLEGAL, ids=map(_id, ILLEGAL))
def test_every_illegal_transition_raises_and_changes_nothing(src, to, role):
    # Given an order in the source status
    item = product(stock=10)
    order = order_in(src, item=item)
    before = (stock_of(item), OrderEvent.objects.count(), order.updated_at)
    # When anyone tries a step the table does not give them
    with pytest.raises(IllegalTransition) as caught:
        transition_order(
            order=order, to_status=to, actor=actor_for(role), actor_role=role, note="alasan"
        )
    # Then it is refused in words naming both states, and nothing changed
    assert str(S(src).label) in str(caught.value)
    assert str(S(to).label) in str(caught.value)
    order.refresh_from_db()
    assert order.status == src
    assert (stock_of(item), OrderEvent.objects.count(), order.updated_at) == before


def test_the_illegal_list_covers_every_combination():
    assert len(ALLOWED) == 18
    assert len(ALLOWED) + len(ILLEGAL) == len(S) * len(S) * len(R)


@pytest.mark.parametrize("bogus", ["paid", "", "NEW", "accepted "])
def test_an_unknown_status_is_refused(bogus):
    order = order_in(S.NEW)
    with pytest.raises(IllegalTransition):
        transition_order(order=order, to_status=bogus, actor=None, actor_role=R.SELLER)
    order.refresh_from_db()
    assert order.status == S.NEW


def test_an_unknown_role_is_refused():
    order = order_in(S.NEW)
    with pytest.raises(IllegalTransition, match="kurir"):
        transition_order(order=order, to_status=S.ACCEPTED, actor=None, actor_role="kurir")


@pytest.mark.parametrize(
    ("src", "to"),
    [(S.ACCEPTED, S.CANCELLED), (S.PREPARING, S.CANCELLED)],
)
@pytest.mark.parametrize("note", ["", "   "])
def test_the_seller_must_give_a_reason_to_cancel_an_accepted_order(src, to, note):
    item = product(stock=10)
    order = order_in(src, item=item)
    events_before = order.events.count()
    with pytest.raises(ValidationError) as caught:
        transition_order(order=order, to_status=to, actor=None, actor_role=R.SELLER, note=note)
    assert caught.value.message_dict == {"note": ["Tulis alasannya; pembeli akan membacanya."]}
    order.refresh_from_db()
    assert order.status == src
    assert order.events.count() == events_before
    assert stock_of(item) == 8


def test_the_seller_declines_a_new_order_without_a_reason_and_the_stock_comes_back():
    # Given a new order that holds 2 of a stock of 10
    item = product(stock=10)
    order = order_in(S.NEW, item=item)
    assert stock_of(item) == 8
    # When the seller declines it without a word
    event = transition_order(order=order, to_status=S.DECLINED, actor=None, actor_role=R.SELLER)
    # Then it is declined, recorded, and the 2 are on the shelf again
    assert (event.to_status, event.actor_role, event.note) == (S.DECLINED, R.SELLER, "")
    assert stock_of(item) == 10


def test_the_buyer_cancels_a_new_order_without_a_reason():
    order = order_in(S.NEW)
    event = transition_order(order=order, to_status=S.CANCELLED, actor=None, actor_role=R.BUYER)
    assert event.note == ""
    assert order.status == S.CANCELLED  # the caller's object follows


def test_a_note_longer_than_500_characters_is_refused():
    order = order_in(S.NEW)
    with pytest.raises(ValidationError):
        transition_order(
            order=order, to_status=S.DECLINED, actor=None, actor_role=R.SELLER, note="x" * 501
        )
    order.refresh_from_db()
    assert order.status == S.NEW


def test_a_stale_object_is_judged_on_the_current_status():
    # Given the seller's page still shows "new", but the buyer cancelled meanwhile
    order = order_in(S.NEW)
    stale = Order.objects.get(pk=order.pk)
    transition_order(order=order, to_status=S.CANCELLED, actor=None, actor_role=R.BUYER)
    # When the seller accepts from the stale page
    with pytest.raises(IllegalTransition, match="Dibatalkan"):
        transition_order(order=stale, to_status=S.ACCEPTED, actor=None, actor_role=R.SELLER)
    # Then the cancellation stands
    order.refresh_from_db()
    assert order.status == S.CANCELLED


def test_the_whole_happy_path_reads_as_events():
    seller_user, buyer_user = make_user("0812-1111-2222", "Maria"), None
    order = order_in(S.NEW)
    for to in [S.ACCEPTED, S.PREPARING, S.READY, S.DELIVERED]:
        transition_order(order=order, to_status=to, actor=seller_user, actor_role=R.SELLER)
    transition_order(order=order, to_status=S.COMPLETED, actor=buyer_user, actor_role=R.BUYER)
    assert list(order.events.values_list("to_status", "actor_role")) == [
        (S.NEW, R.BUYER),
        (S.ACCEPTED, R.SELLER),
        (S.PREPARING, R.SELLER),
        (S.READY, R.SELLER),
        (S.DELIVERED, R.SELLER),
        (S.COMPLETED, R.BUYER),
    ]
