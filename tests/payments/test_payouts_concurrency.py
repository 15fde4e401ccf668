"""Payouts under real concurrent connections (PostgreSQL): a double-tapped
payout pays once, and many payouts of the whole balance at once pay it once.
Threads see only committed rows, so these tests are transactional."""

import uuid
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.db import OperationalError

from pasardesa.payments.ledger import LedgerTransaction
from pasardesa.payments.models import Payout
from pasardesa.payments.selectors import ledger_problems
from pasardesa.payments.selectors.treasury import books, refunds_due, sellers_owed
from pasardesa.payments.services import pay_out_seller, pay_refund
from tests.orders.parallel import in_parallel
from tests.payments.treasury_factories import appoint, escrow_item, refunded, released

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

EXPECTED = {ValidationError: "refused", OperationalError: "deadlock"}


@pytest.fixture
def owed():
    item = escrow_item(price_idr=80_000)
    treasurer = appoint(item.seller.store, "0812-3800-0900")
    order = released(item, by=treasurer)
    return item.seller, treasurer, order.payment.amount_idr


def test_ten_taps_with_one_key_pay_once(owed):
    seller, treasurer, amount = owed
    key = uuid.uuid4()

    def tap(_i: int) -> int:
        return pay_out_seller(
            store=seller.store,
            seller=seller,
            amount_idr=amount,
            reference="TRF 42",
            actor=treasurer,
            key=key,
        ).pk

    results = in_parallel(10, tap, EXPECTED)

    assert [outcome for outcome, _value in results] == ["ok"] * 10, results
    assert len({value for _outcome, value in results}) == 1
    assert Payout.objects.count() == 1
    assert LedgerTransaction.objects.filter(key__startswith="payout:").count() == 1
    assert sellers_owed(seller.store) == []
    assert ledger_problems() == []


def test_ten_payouts_of_the_whole_balance_with_different_keys_pay_it_once(owed):
    seller, treasurer, amount = owed

    def tap(i: int) -> int:
        return pay_out_seller(
            store=seller.store,
            seller=seller,
            amount_idr=amount,
            reference=f"TRF {i}",
            actor=treasurer,
            key=uuid.uuid4(),
        ).pk

    results = in_parallel(10, tap, EXPECTED)

    outcomes = Counter(outcome for outcome, _value in results)
    assert outcomes == {"ok": 1, "refused": 9}, results
    refusals = [str(value) for outcome, value in results if outcome == "refused"]
    assert all("lebih besar dari yang harus dibayar" in text for text in refusals)
    assert Payout.objects.count() == 1
    assert books(seller.store).sellers_idr == 0
    assert ledger_problems() == []


def test_ten_refunds_of_one_order_at_once_pay_it_once():
    item = escrow_item(price_idr=30_000)
    treasurer = appoint(item.seller.store, "0812-3800-0901")
    order = refunded(item, by=treasurer)

    def tap(i: int) -> int:
        return pay_refund(
            payment=order.payment,
            reference=f"R {i}",
            actor=treasurer,
            key=uuid.uuid4(),
            paid_to="BRI 123456",
        ).pk

    results = in_parallel(10, tap, EXPECTED)

    outcomes = Counter(outcome for outcome, _value in results)
    assert outcomes == {"ok": 1, "refused": 9}, results
    assert Payout.objects.count() == 1
    assert refunds_due(item.seller.store) == []
    assert ledger_problems() == []
