"""The rekening bersama under real concurrent connections (PostgreSQL): of many
taps and timers racing on one order, exactly one takes effect and the books
agree. Threads see only committed rows, so the tests are transactional and
build their own data."""

import datetime
from collections import Counter
from types import SimpleNamespace
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.utils import timezone

from pasardesa.orders.models import ActorRole, Fulfilment, Order, OrderStatus, PaymentMethod
from pasardesa.orders.services import transition_order
from pasardesa.payments.ledger import AccountKind, LedgerEntry, LedgerTransaction
from pasardesa.payments.models import Payment, PaymentEvent, PaymentRole, PaymentStatus
from pasardesa.payments.selectors import balances, ledger_problems
from pasardesa.payments.services.flow import (
    cancel_unsent,
    confirm_payment,
    confirm_receipt,
    ledger_key,
    release_due,
)
from tests.orders.factories import place, product, stock_of
from tests.orders.parallel import in_parallel
from tests.payments.escrow_factories import escrow_order, escrow_product, hand_over
from tests.payments.payment_states import seller_steps, store_treasurer

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

S = PaymentStatus
EXPECTED = {ValidationError: "refused", OperationalError: "deadlock"}
PAST = datetime.timedelta(minutes=1)


def by_kind(store) -> dict[str, int]:
    totals = dict.fromkeys(AccountKind.values, 0)
    for account, amount in balances(store):
        totals[account.kind] += amount
    return totals


def held_payment(**escrow) -> Payment:
    item = escrow_product(stock=5, **escrow)
    order = escrow_order(item, quantity=2)
    confirm_payment(
        payment=order.payment, actor=store_treasurer(order.store), actor_role=PaymentRole.TREASURER
    )
    return Payment.objects.select_related("order", "store").get(pk=order.payment.pk)


def events_to(payment: Payment, status: str) -> int:
    return PaymentEvent.objects.filter(payment=payment, to_status=status).count()


def test_ten_treasurers_confirming_one_payment_at_once_hold_it_once():
    # given an escrow order waiting for its money, and two treasurers of its store
    order = escrow_order()
    first, second = store_treasurer(order.store, 0), store_treasurer(order.store, 1)

    # when ten confirmations arrive at once (double taps, both treasurers)
    results = in_parallel(
        10,
        lambda i: (
            confirm_payment(
                payment=Payment(pk=order.payment.pk),
                actor=second if i % 2 else first,
                actor_role=PaymentRole.TREASURER,
            ).pk
        ),
        EXPECTED,
    )

    # then exactly one holds it, the others are told it was confirmed already
    assert Counter(outcome for outcome, _ in results) == {"ok": 1, "refused": 9}, results
    payment = Payment.objects.get(pk=order.payment.pk)
    assert payment.status == S.HELD
    assert events_to(payment, S.HELD) == 1
    assert LedgerTransaction.objects.filter(key=ledger_key(payment, "held")).count() == 1
    assert LedgerTransaction.objects.count() == 1
    assert by_kind(payment.store)[AccountKind.HELD] == payment.amount_idr
    assert ledger_problems() == []


def test_ten_buyer_receipts_racing_the_release_timer_release_once():
    # given a handed-over order whose release time has come
    payment = held_payment(fee_basis_points=100)
    hand_over(payment.order)
    Payment.objects.filter(pk=payment.pk).update(release_at=timezone.now() - PAST)

    # when the buyer taps "received" ten times while the timer runs twice
    def work(i: int):
        if i in (0, 5):
            return ("timer", release_due())
        confirm_receipt(order=Order(pk=payment.order_id), actor=None)
        return ("buyer", 1)

    results = in_parallel(12, work, EXPECTED)

    # then the money is released exactly once, by whoever came first
    assert all(outcome in ("ok", "refused") for outcome, _ in results), results
    released = sum(value[1] for outcome, value in results if outcome == "ok")
    assert released == 1, results
    payment.refresh_from_db()
    assert payment.status == S.RELEASED
    assert events_to(payment, S.RELEASED) == 1
    assert LedgerTransaction.objects.filter(key=ledger_key(payment, "released")).count() == 1
    totals = by_kind(payment.store)
    assert totals[AccountKind.HELD] == 0
    assert totals[AccountKind.SELLER] == payment.amount_idr - payment.fee_idr
    assert totals[AccountKind.FEE] == payment.fee_idr
    assert Order.objects.get(pk=payment.order_id).status == OrderStatus.COMPLETED
    assert ledger_problems() == []


def test_ten_declines_cancels_and_timers_on_a_held_order_refund_once():
    # given a held order of 2 (stock 5 → 3) the seller has not sent in time
    payment = held_payment()
    item = payment.order.lines.get().product
    assert stock_of(item) == 3
    Payment.objects.filter(pk=payment.pk).update(send_by=timezone.now() - PAST)

    # when the seller declines, the buyer cancels and the unsent timer runs, all at once
    def work(i: int):
        order = Order(pk=payment.order_id)
        if i % 3 == 0:
            return cancel_unsent()
        role = ActorRole.SELLER if i % 3 == 1 else ActorRole.BUYER
        to = OrderStatus.DECLINED if role == ActorRole.SELLER else OrderStatus.CANCELLED
        transition_order(order=order, to_status=to, actor=None, actor_role=role)
        return 1

    results = in_parallel(10, work, EXPECTED)

    # then exactly one ends the order, the buyer is owed everything once, stock comes back once
    assert all(outcome in ("ok", "refused") for outcome, _ in results), results
    assert sum(value for outcome, value in results if outcome == "ok") == 1, results
    payment.refresh_from_db()
    assert payment.status == S.REFUNDED
    assert events_to(payment, S.REFUNDED) == 1
    assert LedgerTransaction.objects.filter(key=ledger_key(payment, "refund")).count() == 1
    totals = by_kind(payment.store)
    assert (totals[AccountKind.HELD], totals[AccountKind.REFUND]) == (0, payment.amount_idr)
    assert stock_of(item) == 5
    assert ledger_problems() == []


def test_handing_over_while_the_unsent_timer_runs_lets_exactly_one_win():
    # given a ready, held order whose time to send has just run out
    payment = held_payment()
    seller_steps(payment.order, OrderStatus.ACCEPTED, OrderStatus.READY)
    Payment.objects.filter(pk=payment.pk).update(send_by=timezone.now() - PAST)

    # when the seller taps "handed over" five times while the timer runs five times
    def work(i: int):
        if i % 2:
            return ("timer", cancel_unsent())
        transition_order(
            order=Order(pk=payment.order_id),
            to_status=OrderStatus.DELIVERED,
            actor=None,
            actor_role=ActorRole.SELLER,
        )
        return ("seller", 1)

    results = in_parallel(10, work, EXPECTED)

    # then one of them wins, and the books say the same as the statuses
    assert all(outcome in ("ok", "refused") for outcome, _ in results), results
    wins = [value[0] for outcome, value in results if outcome == "ok" and value[1]]
    assert len(wins) == 1, results
    payment.refresh_from_db()
    order = Order.objects.get(pk=payment.order_id)
    totals = by_kind(payment.store)
    if wins == ["seller"]:
        assert (order.status, payment.status) == (OrderStatus.DELIVERED, S.SENT)
        assert (totals[AccountKind.HELD], totals[AccountKind.REFUND]) == (payment.amount_idr, 0)
    else:
        assert (order.status, payment.status) == (OrderStatus.CANCELLED, S.REFUNDED)
        assert (totals[AccountKind.HELD], totals[AccountKind.REFUND]) == (0, payment.amount_idr)
    assert PaymentEvent.objects.filter(payment=payment).count() == 3  # awaiting, held, + one
    assert ledger_problems() == []


def _checkouts(items) -> list[tuple[str, object]]:
    def work(i: int):
        item = items[i]
        checkout = place(
            [(item, 1)], choices={item.seller_id: (Fulfilment.PICKUP, PaymentMethod.ESCROW)}
        )
        return checkout.orders.get().payment.unique_code_idr

    return in_parallel(len(items), work, EXPECTED)


def _ten_sellers_of_one_escrow(count: int):
    first = escrow_product(stock=5)
    return [first] + [product(stock=5, seller__store=first.seller.store) for _ in range(count - 1)]


def test_ten_concurrent_checkouts_to_one_escrow_get_ten_distinct_codes():
    # given ten sellers of one store with a rekening bersama
    items = _ten_sellers_of_one_escrow(10)

    # when ten buyers check out at once, each to be paid into the village's account
    results = _checkouts(items)

    # then every checkout is placed and no two amounts to pay end in the same code
    assert [outcome for outcome, _ in results] == ["ok"] * 10, results
    codes = [code for _ok, code in results]
    assert len(set(codes)) == 10
    assert Payment.objects.filter(status=S.AWAITING).count() == 10
    assert not LedgerEntry.objects.exists()


def test_checkouts_racing_for_the_same_code_all_get_a_distinct_one():
    # given five sellers of one escrow, and a code picker that makes every
    # checkout want the same lowest free code (the worst luck there is)
    items = _ten_sellers_of_one_escrow(5)

    # when five buyers check out at once
    # (only the payment's picker: order numbers draw from ``secrets`` too)
    with mock.patch("pasardesa.payments.services.flow.secrets", SimpleNamespace(choice=min)):
        results = _checkouts(items)

    # then the database's unique rule makes the losers pick again: all placed, all distinct
    assert [outcome for outcome, _ in results] == ["ok"] * 5, results
    assert sorted(code for _ok, code in results) == [1, 2, 3, 4, 5]
