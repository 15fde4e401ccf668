"""The payment state machine, step by step: the table pinned, every allowed step
taken through the real service (where there is one), every illegal step refused
with nothing changed, and the two families of payments kept apart (money paid
straight to the seller never looks held by the village; escrow money is never
simply "paid to the seller")."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pasardesa.orders.models import ActorRole, OrderStatus, PaymentMethod
from pasardesa.orders.services import transition_order
from pasardesa.payments.ledger import AccountKind, LedgerTransaction
from pasardesa.payments.models import Payment, PaymentRole, PaymentStatus
from pasardesa.payments.selectors import balances, ledger_problems
from pasardesa.payments.services.flow import (
    book_release,
    cancel_unpaid,
    cancel_unsent,
    confirm_payment,
    confirm_receipt,
    ledger_key,
    locked_payment,
    refund_in_full,
    release_due,
    step_payment,
)
from pasardesa.payments.state import (
    ESCROW_ONLY,
    HOLDING,
    PAYMENT_MACHINE,
    PAYMENT_TRANSITIONS,
    IllegalTransition,
)
from tests.payments.escrow_factories import hand_over, hold, treasurer
from tests.payments.payment_states import DIRECT, direct_order, payment_in, seller_steps, snapshot

pytestmark = pytest.mark.django_db

S, R = PaymentStatus, PaymentRole

ALLOWED = [
    (src, to, role)
    for (src, to), step in PAYMENT_TRANSITIONS.items()
    for role in sorted(step.roles)
]
ALLOWED_SET = set(ALLOWED)
ILLEGAL = [
    case for case in itertools.product(S.values, S.values, R.values) if case not in ALLOWED_SET
]


def _id(case) -> str:
    return "{}->{}-by-{}".format(*case)


def by_kind(store) -> dict[str, int]:
    totals: dict[str, int] = dict.fromkeys(AccountKind.values, 0)
    for account, amount in balances(store):
        totals[account.kind] += amount
    return totals


class TestTheTable:
    def test_the_table_is_the_one_the_issue_asks_for(self):
        assert {(src, to): set(step.roles) for (src, to), step in PAYMENT_TRANSITIONS.items()} == {
            # direct to the seller: they see the money, or the order ends first
            # the system: a payment gateway's signed notice (payments.gateway)
            (S.AWAITING, S.PAID): {R.SELLER, R.SYSTEM},
            (S.AWAITING, S.UNPAID): {R.SYSTEM},
            (S.AWAITING, S.CANCELLED): {R.SYSTEM},
            # the rekening bersama: only a treasurer says the money arrived
            (S.AWAITING, S.HELD): {R.TREASURER, R.SYSTEM},
            (S.HELD, S.SENT): {R.SELLER},
            (S.HELD, S.REFUNDED): {R.SYSTEM},
            (S.SENT, S.RELEASED): {R.BUYER, R.SYSTEM},
            (S.SENT, S.DISPUTED): {R.BUYER},
            # a complaint: the seller may give in, never take the money themselves
            (S.DISPUTED, S.RELEASED): {R.OPERATOR, R.REGION, R.SYSTEM},
            (S.DISPUTED, S.REFUNDED): {R.SELLER, R.OPERATOR, R.REGION, R.SYSTEM},
            (S.DISPUTED, S.SPLIT): {R.SELLER, R.OPERATOR, R.REGION, R.SYSTEM},
        }

    def test_terminal_holding_and_escrow_only_statuses(self):
        assert PAYMENT_MACHINE.terminal == {S.PAID, S.UNPAID, S.CANCELLED, S.RELEASED}.union(
            {S.REFUNDED, S.SPLIT}
        )
        assert {S.HELD, S.SENT, S.DISPUTED} == HOLDING
        assert {S.HELD, S.SENT, S.DISPUTED, S.RELEASED, S.REFUNDED, S.SPLIT} == ESCROW_ONLY

    def test_the_buttons_of_each_side(self):
        assert [to for to, _ in PAYMENT_MACHINE.next_steps(S.AWAITING, R.TREASURER)] == [S.HELD]
        assert [to for to, _ in PAYMENT_MACHINE.next_steps(S.SENT, R.BUYER)] == [
            S.RELEASED,
            S.DISPUTED,
        ]
        assert PAYMENT_MACHINE.named(S.SENT, "complain", R.BUYER)[0] == S.DISPUTED
        assert PAYMENT_MACHINE.named(S.SENT, "complain", R.SELLER) is None

    def test_the_message_names_both_states_in_indonesian(self):
        with pytest.raises(IllegalTransition) as caught:
            PAYMENT_MACHINE.check(S.RELEASED, S.HELD, R.TREASURER)
        assert str(caught.value) == (
            'Pembayaran berstatus "Dana dilepas ke penjual" tidak bisa diubah menjadi '
            '"Dana ditahan di rekening bersama".'
        )
        with pytest.raises(IllegalTransition) as caught:
            PAYMENT_MACHINE.check(S.AWAITING, S.HELD, R.SELLER)
        assert str(caught.value).startswith("Sebagai penjual, Anda tidak bisa")

    def test_the_illegal_list_covers_every_combination(self):
        assert len(ALLOWED) == 22
        assert len(ALLOWED) + len(ILLEGAL) == len(S) ** 2 * len(R)


# --- Allowed steps, through the services -------------------------------------------------


def last_event(payment: Payment):
    return payment.events.order_by("pk").last()


@pytest.mark.parametrize("method", DIRECT)
def test_awaiting_to_paid_by_the_seller_of_a_direct_payment(method):
    # given a direct order waiting for its money
    payment = payment_in(S.AWAITING, method=method)
    # when the seller says it arrived
    confirm_payment(payment=payment, actor=None, actor_role=R.SELLER)
    # then it is paid, and no money went through the village's books
    payment.refresh_from_db()
    assert payment.status == S.PAID
    assert (last_event(payment).from_status, last_event(payment).actor_role) == (
        S.AWAITING,
        R.SELLER,
    )
    assert LedgerTransaction.objects.count() == 0


@pytest.mark.parametrize("method", [*DIRECT, PaymentMethod.ESCROW])
def test_awaiting_to_unpaid_by_the_timer(method):
    payment = payment_in(S.AWAITING, method=method)
    Payment.objects.filter(pk=payment.pk).update(
        pay_by=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert cancel_unpaid() == 1
    payment.refresh_from_db()
    assert payment.status == S.UNPAID
    assert last_event(payment).actor_role == R.SYSTEM
    assert payment.order.__class__.objects.get(pk=payment.order_id).status == OrderStatus.CANCELLED
    assert LedgerTransaction.objects.count() == 0


@pytest.mark.parametrize("method", [*DIRECT, PaymentMethod.ESCROW])
@pytest.mark.parametrize(
    ("order_to", "order_role"),
    [
        (OrderStatus.DECLINED, ActorRole.SELLER),
        (OrderStatus.CANCELLED, ActorRole.BUYER),
        (OrderStatus.EXPIRED, ActorRole.SYSTEM),
    ],
)
def test_awaiting_to_cancelled_when_the_order_ends(method, order_to, order_role):
    payment = payment_in(S.AWAITING, method=method)
    transition_order(order=payment.order, to_status=order_to, actor=None, actor_role=order_role)
    payment.refresh_from_db()
    assert payment.status == S.CANCELLED
    assert (last_event(payment).from_status, last_event(payment).actor_role) == (
        S.AWAITING,
        R.SYSTEM,
    )
    assert LedgerTransaction.objects.count() == 0


def test_awaiting_to_held_by_a_treasurer_books_the_money_in():
    payment = payment_in(S.AWAITING)
    confirm_payment(payment=payment, actor=treasurer(payment.store), actor_role=R.TREASURER)
    payment.refresh_from_db()
    assert payment.status == S.HELD
    assert payment.send_by is not None
    assert last_event(payment).actor_role == R.TREASURER
    totals = by_kind(payment.store)
    assert totals[AccountKind.ESCROW] == totals[AccountKind.HELD] == payment.amount_idr
    assert LedgerTransaction.objects.filter(key=ledger_key(payment, "held")).exists()


def test_held_to_sent_when_the_seller_hands_over():
    payment = payment_in(S.HELD)
    seller_steps(payment.order, OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.DELIVERED)
    payment.refresh_from_db()
    assert payment.status == S.SENT
    assert payment.release_at is not None
    assert last_event(payment).actor_role == R.SELLER
    assert by_kind(payment.store)[AccountKind.HELD] == payment.amount_idr


@pytest.mark.parametrize(
    "how", ["declined", "cancelled-by-buyer", "cancelled-by-seller", "expired", "not-sent"]
)
def test_held_to_refunded_by_the_system_when_the_order_ends_unsent(how):
    payment = payment_in(S.HELD)
    order = payment.order
    if how == "declined":
        seller_steps(order, OrderStatus.DECLINED)
    elif how == "cancelled-by-buyer":
        transition_order(
            order=order, to_status=OrderStatus.CANCELLED, actor=None, actor_role="pembeli"
        )
    elif how == "cancelled-by-seller":
        seller_steps(order, OrderStatus.ACCEPTED, OrderStatus.READY)
        transition_order(
            order=order,
            to_status=OrderStatus.CANCELLED,
            actor=None,
            actor_role="penjual",
            note="Stok habis.",
        )
    elif how == "expired":
        transition_order(
            order=order, to_status=OrderStatus.EXPIRED, actor=None, actor_role="sistem"
        )
    else:
        Payment.objects.filter(pk=payment.pk).update(
            send_by=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert cancel_unsent() == 1
    payment.refresh_from_db()
    assert payment.status == S.REFUNDED
    assert (last_event(payment).from_status, last_event(payment).actor_role) == (S.HELD, R.SYSTEM)
    totals = by_kind(payment.store)
    assert totals[AccountKind.HELD] == 0
    assert totals[AccountKind.REFUND] == payment.amount_idr
    assert ledger_problems() == []


@pytest.mark.parametrize("role", [R.BUYER, R.SYSTEM])
def test_sent_to_released_by_the_buyer_or_the_timer(role):
    payment = payment_in(S.SENT, fee_basis_points=200)
    if role == R.BUYER:
        confirm_receipt(order=payment.order, actor=None)
    else:
        Payment.objects.filter(pk=payment.pk).update(
            release_at=timezone.now() - datetime.timedelta(seconds=1)
        )
        assert release_due() == 1
    payment.refresh_from_db()
    assert payment.status == S.RELEASED
    assert last_event(payment).actor_role == role
    totals = by_kind(payment.store)
    assert totals[AccountKind.HELD] == 0
    assert totals[AccountKind.FEE] == payment.fee_idr == 500
    assert totals[AccountKind.SELLER] == payment.amount_idr - 500
    assert ledger_problems() == []


def test_sent_to_disputed_by_the_buyer_keeps_the_money_held():
    payment = payment_in(S.DISPUTED)
    assert last_event(payment).actor_role == R.BUYER
    assert by_kind(payment.store)[AccountKind.HELD] == payment.amount_idr
    # and the order cannot be completed while the complaint is open
    with pytest.raises(ValidationError, match="masih dikomplain"):
        confirm_receipt(order=payment.order, actor=None)
    assert Payment.objects.get(pk=payment.pk).status == S.DISPUTED


@pytest.mark.parametrize(
    ("to", "role"),
    [
        (to, role)
        for (src, to), step in PAYMENT_TRANSITIONS.items()
        if src == S.DISPUTED
        for role in sorted(step.roles)
    ],
)
def test_every_decision_of_a_complaint_moves_the_money_once(to, role):
    # given a disputed payment
    payment = payment_in(S.DISPUTED)
    seller_part = {S.RELEASED: payment.amount_idr, S.REFUNDED: 0, S.SPLIT: 10_000}[to]
    # when the decision is taken (the complaints' services will call exactly this)
    with transaction.atomic():
        locked = locked_payment(payment)
        if to == S.REFUNDED:
            refund_in_full(locked, actor=None, actor_role=role, note="Barang rusak.")
        else:
            step_payment(locked, to, actor=None, actor_role=role)
            book_release(locked, seller_part=seller_part, step=to)
    # then the held money is shared out exactly
    payment.refresh_from_db()
    assert (payment.status, last_event(payment).actor_role) == (to, role)
    totals = by_kind(payment.store)
    assert totals[AccountKind.HELD] == 0
    assert totals[AccountKind.SELLER] == seller_part
    assert totals[AccountKind.REFUND] == payment.amount_idr - seller_part
    assert ledger_problems() == []


# --- Illegal steps ------------------------------------------------------------------------


@pytest.mark.parametrize("src", S.values)
def test_every_illegal_step_from_each_status_raises_and_changes_nothing(src):
    # given a payment in ``src`` (a direct one for "paid", the rekening bersama otherwise)
    method = PaymentMethod.TRANSFER if src == S.PAID else PaymentMethod.ESCROW
    payment = payment_in(src, method=method)
    cases = [(to, role) for s, to, role in ILLEGAL if s == src]
    assert cases
    before = snapshot()
    for to, role in cases:
        # when anyone takes a step the table does not give them
        with pytest.raises(IllegalTransition) as caught, transaction.atomic():
            step_payment(locked_payment(payment), to, actor=None, actor_role=role)
        # then it is refused in words naming both states, and nothing changed
        assert PAYMENT_MACHINE.label(src) in str(caught.value), (to, role)
        assert PAYMENT_MACHINE.label(to) in str(caught.value), (to, role)
        assert snapshot() == before, (to, role)


@pytest.mark.parametrize("src", [S.HELD, S.SENT, S.RELEASED, S.REFUNDED, S.UNPAID, S.CANCELLED])
def test_a_second_confirmation_is_refused_and_books_nothing(src):
    # given a payment past waiting (a double tap, a second treasurer, a stale page)
    payment = payment_in(src)
    before = snapshot()
    # when a (second) treasurer confirms it
    second = treasurer(payment.store, phone="0812-3800-0901")
    with pytest.raises(IllegalTransition):
        confirm_payment(payment=payment, actor=second, actor_role=R.TREASURER)
    # then nothing changed: no event, no second posting
    assert snapshot() == before


def test_unknown_statuses_and_roles_are_refused():
    payment = payment_in(S.AWAITING)
    for to, role in [("paid ", R.TREASURER), ("", R.SYSTEM), (S.HELD, "kurir"), (S.HELD, "")]:
        with pytest.raises(IllegalTransition), transaction.atomic():
            step_payment(locked_payment(payment), to, actor=None, actor_role=role)
    assert Payment.objects.get(pk=payment.pk).status == S.AWAITING


# --- Two families kept apart ---------------------------------------------------------------


@pytest.mark.parametrize("method", DIRECT)
def test_a_direct_payment_never_reaches_an_escrow_status(method):
    # given a direct payment in every status it can be in
    for src in (S.AWAITING, S.PAID, S.UNPAID, S.CANCELLED):
        payment = payment_in(src, method=method)
        before = snapshot()
        # when any escrow step is tried, even by a role the table names for it
        for (s, to), step in PAYMENT_TRANSITIONS.items():
            if s != src or to not in ESCROW_ONLY:
                continue
            for role in step.roles:
                with pytest.raises(ValidationError), transaction.atomic():
                    step_payment(locked_payment(payment), to, actor=None, actor_role=role)
        # then it is refused and nothing changed
        assert snapshot() == before, src
    # and a treasurer cannot confirm it (only its seller can, and then it is paid)
    payment = payment_in(S.AWAITING, method=method)
    with pytest.raises(IllegalTransition):
        confirm_payment(payment=payment, actor=None, actor_role=R.TREASURER)
    assert Payment.objects.get(pk=payment.pk).status == S.AWAITING


@pytest.mark.parametrize("method", DIRECT)
@pytest.mark.parametrize("status", sorted(ESCROW_ONLY))
def test_the_database_refuses_an_escrow_status_on_a_direct_payment(method, status):
    payment = payment_in(S.AWAITING, method=method)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.filter(pk=payment.pk).update(status=status)


def test_a_direct_order_handed_over_and_completed_is_paid_to_the_seller():
    order = direct_order(PaymentMethod.QRIS)
    seller_steps(order, OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.DELIVERED)
    assert Payment.objects.get(order=order).status == S.AWAITING
    seller_steps(order, OrderStatus.COMPLETED)
    assert Payment.objects.get(order=order).status == S.PAID
    assert LedgerTransaction.objects.count() == 0


def test_an_escrow_payment_never_reaches_paid():
    # given an escrow payment waiting for its money
    payment = payment_in(S.AWAITING)
    before = snapshot()
    # when the seller says it arrived (the direct step), then it is refused
    with pytest.raises(ValidationError):
        confirm_payment(payment=payment, actor=None, actor_role=R.SELLER)
    with pytest.raises(ValidationError, match="dipastikan oleh bendahara"), transaction.atomic():
        step_payment(locked_payment(payment), S.PAID, actor=None, actor_role=R.SELLER)
    assert snapshot() == before
    # and going all the way through, the order never lets it become "paid"
    hold(payment.order)
    hand_over(payment.order)
    with pytest.raises(ValidationError):
        seller_steps(payment.order, OrderStatus.COMPLETED)
    confirm_receipt(order=payment.order, actor=None)
    assert Payment.objects.get(pk=payment.pk).status == S.RELEASED
    assert not payment.events.filter(to_status=S.PAID).exists()
