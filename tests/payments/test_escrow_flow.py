"""The rekening bersama from the order's side: paid in, held, handed over,
released; refunded when the order ends early; the books agree at every step."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pasardesa.orders.models import ActorRole, OrderStatus
from pasardesa.orders.services import transition_order
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import Payment, PaymentStatus
from pasardesa.payments.selectors import balances, ledger_problems
from pasardesa.payments.services import (
    buyer_says_paid,
    cancel_unpaid,
    cancel_unsent,
    confirm_receipt,
    extend_release,
    release_due,
)
from tests.payments.escrow_factories import escrow_order, escrow_product, hand_over, hold

pytestmark = pytest.mark.django_db

S = PaymentStatus


def by_kind(store) -> dict[str, int]:
    totals: dict[str, int] = {}
    for account, amount in balances(store):
        totals[account.kind] = totals.get(account.kind, 0) + amount
    return totals


def test_an_escrow_order_gets_an_exact_amount_with_a_unique_code_and_a_deadline():
    # Given a store with a rekening bersama
    item = escrow_product(price_idr=125_000)
    # When a buyer orders two to be paid through it
    order = escrow_order(item, quantity=2)
    payment = order.payment
    # Then they are asked for the total plus a code of Rp1–Rp999, by the store's deadline
    assert payment.status == S.AWAITING
    assert 1 <= payment.unique_code_idr <= 999
    assert payment.amount_idr == 250_000 + payment.unique_code_idr
    assert payment.pay_by - payment.created_at == pytest.approx(
        datetime.timedelta(hours=24), abs=datetime.timedelta(seconds=5)
    )
    assert "BUMDes Uji Maju" in payment.pay_to


def test_two_unpaid_orders_to_one_escrow_never_share_a_code():
    item = escrow_product(stock=None)
    codes = {escrow_order(item).payment.unique_code_idr for _ in range(30)}
    assert len(codes) == 30


def test_held_then_handed_over_then_received_releases_to_the_seller_less_the_fee():
    # Given an escrow order with a 1,5 % village fee, paid and confirmed
    item = escrow_product(price_idr=100_000, fee_basis_points=150)
    order = escrow_order(item)
    payment = hold(order)
    assert payment.status == S.HELD
    assert by_kind(order.store)[AccountKind.HELD] == payment.amount_idr
    # When the seller hands it over and the buyer says they have it
    hand_over(order)
    assert Payment.objects.get(pk=payment.pk).status == S.SENT
    confirm_receipt(order=order, actor=None)
    # Then the order is done and the seller is owed all but the fee
    order.refresh_from_db()
    payment.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert payment.status == S.RELEASED
    totals = by_kind(order.store)
    assert totals[AccountKind.HELD] == 0
    assert totals[AccountKind.FEE] == 1_500
    assert totals[AccountKind.SELLER] == payment.amount_idr - 1_500
    assert totals[AccountKind.ESCROW] == payment.amount_idr
    assert ledger_problems() == []


def test_the_seller_cannot_hand_over_before_the_money_is_held():
    order = escrow_order()
    transition_order(order=order, to_status=OrderStatus.ACCEPTED, actor=None, actor_role="penjual")
    transition_order(order=order, to_status=OrderStatus.READY, actor=None, actor_role="penjual")
    with pytest.raises(ValidationError, match="belum masuk rekening bersama"):
        transition_order(
            order=order, to_status=OrderStatus.DELIVERED, actor=None, actor_role="penjual"
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.READY


def test_the_seller_cannot_call_an_escrow_order_done():
    order = escrow_order()
    hold(order)
    hand_over(order)
    with pytest.raises(ValidationError, match="diselesaikan oleh pembeli"):
        transition_order(
            order=order, to_status=OrderStatus.COMPLETED, actor=None, actor_role="penjual"
        )
    assert Payment.objects.get(order=order).status == S.SENT


def test_declining_a_held_order_owes_the_buyer_everything_they_paid():
    order = escrow_order()
    payment = hold(order)
    transition_order(order=order, to_status=OrderStatus.DECLINED, actor=None, actor_role="penjual")
    payment.refresh_from_db()
    assert payment.status == S.REFUNDED
    totals = by_kind(order.store)
    assert totals[AccountKind.REFUND] == payment.amount_idr
    assert totals[AccountKind.HELD] == 0
    assert ledger_problems() == []


def test_an_unpaid_order_is_cancelled_after_the_deadline_and_its_stock_comes_back():
    item = escrow_product(stock=5)
    order = escrow_order(item, quantity=2)
    Payment.objects.filter(pk=order.payment.pk).update(
        pay_by=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert cancel_unpaid() == 1
    order.refresh_from_db()
    item.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert Payment.objects.get(order=order).status == S.UNPAID
    assert item.stock == 5
    assert cancel_unpaid() == 0


def test_held_money_not_sent_in_time_goes_back_to_the_buyer():
    order = escrow_order()
    payment = hold(order)
    Payment.objects.filter(pk=payment.pk).update(
        send_by=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert cancel_unsent() == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert Payment.objects.get(pk=payment.pk).status == S.REFUNDED


def test_the_release_timer_completes_the_order_once_and_an_extension_delays_it_once():
    order = escrow_order()
    payment = hold(order)
    hand_over(order)
    payment.refresh_from_db()
    first_release = payment.release_at
    # The buyer asks for more time: three more days, once
    extend_release(payment=payment, actor=None)
    payment.refresh_from_db()
    assert payment.release_at - first_release == datetime.timedelta(days=3)
    with pytest.raises(ValidationError, match="hanya bisa sekali"):
        extend_release(payment=payment, actor=None)
    # Not yet due: nothing happens
    assert release_due() == 0
    Payment.objects.filter(pk=payment.pk).update(
        release_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert release_due() == 1
    assert release_due() == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED
    assert order.events.last().actor_role == ActorRole.SYSTEM
    assert Payment.objects.get(pk=payment.pk).status == S.RELEASED
    assert ledger_problems() == []


def test_a_buyer_who_said_they_paid_in_time_gets_one_more_day_then_the_order_ends():
    # Given an order whose buyer tapped "Saya sudah bayar" before the deadline
    order = escrow_order()
    buyer_says_paid(payment=order.payment)
    deadline = Payment.objects.get(pk=order.payment.pk).pay_by
    # When the sweep runs just after the deadline, nothing is cancelled yet
    assert cancel_unpaid(now=deadline + datetime.timedelta(minutes=1)) == 0
    assert Payment.objects.get(pk=order.payment.pk).status == S.AWAITING
    # But a day later, still unconfirmed, the order ends like any unpaid one
    assert cancel_unpaid(now=deadline + datetime.timedelta(hours=24, minutes=1)) == 1
    assert Payment.objects.get(pk=order.payment.pk).status == S.UNPAID


def test_saying_so_after_the_deadline_buys_no_time():
    order = escrow_order()
    Payment.objects.filter(pk=order.payment.pk).update(
        pay_by=timezone.now() - datetime.timedelta(minutes=5)
    )
    buyer_says_paid(payment=Payment.objects.get(pk=order.payment.pk))
    assert cancel_unpaid() == 1
    assert Payment.objects.get(pk=order.payment.pk).status == S.UNPAID
