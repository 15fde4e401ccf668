"""The ledger under real concurrent connections (PostgreSQL): one posting per
key, no overdraft, no deadlock. Threads see only committed rows, so the tests
are transactional and build their own data."""

import uuid
from collections import Counter

import pytest
from django.db import OperationalError

from pasardesa.payments.ledger import LedgerTransaction
from pasardesa.payments.selectors import balance
from pasardesa.payments.services import LedgerError, ledger_account, post_transaction
from tests.orders.factories import place, product
from tests.orders.parallel import in_parallel
from tests.payments.factories import books, pay_in, release

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

EXPECTED = {LedgerError: "refused", OperationalError: "deadlock"}


def test_ten_concurrent_posts_with_one_key_make_one_transaction():
    # given an order's books
    b = books()

    # when the same payment is posted ten times at once (a double tap, retries)
    results = in_parallel(10, lambda i: pay_in(b, 125_000, key="order:7:paid").pk, EXPECTED)

    # then all ten get the same transaction and the money is in the books once
    assert [outcome for outcome, _value in results] == ["ok"] * 10, results
    assert len({value for _outcome, value in results}) == 1
    assert LedgerTransaction.objects.count() == 1
    assert balance(b.held) == 125_000


def test_ten_concurrent_releases_of_money_that_covers_one_pay_once():
    # given Rp50.000 held for an order
    b = books()
    pay_in(b, 50_000)

    # when ten different releases of all of it run at once
    results = in_parallel(10, lambda i: release(b, 50_000).pk, EXPECTED)

    # then exactly one takes effect and the others are refused in plain words
    outcomes = Counter(outcome for outcome, _value in results)
    assert outcomes == {"ok": 1, "refused": 9}, results
    assert balance(b.held) == 0
    assert balance(b.seller) == 50_000


def test_crossing_transfers_between_two_orders_never_deadlock():
    # given two orders of one seller, each with Rp100.000 held
    first = books()
    item = product(stock=10, seller=first.order.seller)
    second_order = place([(item, 1)]).orders.select_related("store").get()
    second = ledger_account(store=second_order.store, kind="held", order=second_order)
    pay_in(first, 100_000)
    post_transaction(
        key="second:paid", entries=[(first.escrow, 100_000), (second, -100_000)], memo=""
    )

    # when ten transfers run at once, half one way and half the other, each
    # listing its accounts in its own order
    def move(i: int):
        one, other = (first.held, second) if i % 2 else (second, first.held)
        return post_transaction(
            key=f"move:{uuid.uuid4()}", entries=[(other, -1_000), (one, 1_000)], memo=""
        ).pk

    results = in_parallel(10, move, EXPECTED)

    # then none deadlocks, all take effect, and no money appears or vanishes
    assert [outcome for outcome, _value in results] == ["ok"] * 10, results
    assert balance(first.held) == balance(second) == 100_000
    assert balance(first.escrow) == 200_000
