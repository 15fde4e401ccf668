"""No overselling and no deadlock, with real concurrent connections (PostgreSQL).

Each thread has its own database connection (Django keeps one per thread) and
closes it at the end; a barrier starts them at the same moment.

The tests are transactional (threads must see committed rows), so the tables
are emptied after each; they create what they need themselves (the category
too, see ``tests.orders.factories.category``) rather than use a serialized
rollback, which collides with the content types that other transactional
tests' flushes recreate.
"""

import datetime
import random
import threading
import uuid
from collections import Counter

import pytest
from django.db import connections, transaction
from django.db.models import Sum
from django.utils import timezone

from pasardesa.catalog.models import Product
from pasardesa.orders.models import ActorRole, Checkout, Order, OrderLine, OrderStatus
from pasardesa.orders.services import (
    CartChanged,
    expire_orders,
    place_checkout,
    transition_order,
)
from pasardesa.orders.state import IllegalTransition
from tests.factories import SellerFactory
from tests.orders.factories import buyer, cart_items, order_in, product, stock_of
from tests.orders.parallel import in_parallel as run_in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

THREADS = 20


def in_parallel(count: int, work) -> list[tuple[str, object]]:
    return run_in_parallel(count, work, {CartChanged: "sold out", IllegalTransition: "illegal"})


def checkout(items: list[tuple[Product, int]], key: uuid.UUID | None = None) -> Checkout:
    return place_checkout(
        items=cart_items([(p.pk, q) for p, q in items]),
        choices={p.seller_id: (Order.Fulfilment.PICKUP, Order.Payment.COD) for p, _q in items},
        expected_prices={p.pk: p.sale_price_idr for p, _q in items},
        idempotency_key=key or uuid.uuid4(),
        buyer=buyer(),
    )


def sold(item: Product) -> int:
    return OrderLine.objects.filter(product=item).aggregate(n=Sum("quantity"))["n"] or 0


def test_20_buyers_for_5_in_stock_exactly_5_succeed():
    # Given 5 bags of coffee in stock
    coffee = product(name="Kopi Alor", stock=5)
    # When 20 buyers check out 1 bag each at the same moment
    results = in_parallel(THREADS, lambda i: checkout([(coffee, 1)]))
    outcomes = Counter(outcome for outcome, _value in results)
    # Then exactly 5 succeed, the other 15 are told it sold out, and nothing else happened
    assert outcomes == {"ok": 5, "sold out": 15}, [v for o, v in results if o == "error"]
    for outcome, value in results:
        if outcome == "sold out":
            assert value.messages == ["Kopi Alor sudah habis terjual."]
    # And the stock ends at 0, with 5 orders of 1
    assert stock_of(coffee) == 0
    assert Checkout.objects.count() == Order.objects.count() == 5
    assert sold(coffee) == 5


def test_mixed_carts_sharing_products_never_deadlock_or_oversell():
    # Given two products of two sellers
    a = product(name="Kopi Alor", stock=13, seller=SellerFactory())
    b = product(name="Tenun Ikat", stock=11, seller=SellerFactory())
    rng = random.Random(4)  # a reproducible mix
    carts = []
    for i in range(THREADS):
        qa, qb = rng.randint(1, 3), rng.randint(1, 3)
        # half of the carts hold A then B, the other half B then A
        carts.append([(a, qa), (b, qb)] if i % 2 else [(b, qb), (a, qa)])
    # When 20 buyers check out their carts at the same moment
    results = in_parallel(THREADS, lambda i: checkout(carts[i]))
    outcomes = Counter(outcome for outcome, _value in results)
    print(f"mixed carts: {dict(outcomes)}; stock A 13→{stock_of(a)}, B 11→{stock_of(b)}")
    # Then no deadlock or other error: each checkout either placed or was told it sold out
    assert set(outcomes) <= {"ok", "sold out"}, [v for o, v in results if o == "error"]
    assert outcomes["ok"] >= 1
    # And stock never went below zero, and what was sold is what left the stock
    assert stock_of(a) >= 0
    assert stock_of(b) >= 0
    assert sold(a) == 13 - stock_of(a)
    assert sold(b) == 11 - stock_of(b)
    # And every placed checkout is whole: two orders, the cart's quantities
    placed = [value for outcome, value in results if outcome == "ok"]
    assert Checkout.objects.count() == len(placed)
    assert Order.objects.count() == 2 * len(placed)
    expected = sum(q for i, (o, _v) in enumerate(results) if o == "ok" for _p, q in carts[i])
    assert sold(a) + sold(b) == expected


def test_the_same_key_sent_five_times_at_once_is_one_checkout():
    coffee = product(stock=10)
    key = uuid.uuid4()
    results = in_parallel(5, lambda i: checkout([(coffee, 2)], key=key).pk)
    assert Counter(outcome for outcome, _value in results) == {"ok": 5}
    assert len({value for _outcome, value in results}) == 1
    assert Checkout.objects.count() == 1
    assert stock_of(coffee) == 8


def test_the_seller_accepting_while_the_buyer_cancels_is_decided_once():
    coffee = product(stock=10)
    order = order_in(OrderStatus.NEW, item=coffee, quantity=4)
    steps = [
        (OrderStatus.ACCEPTED, ActorRole.SELLER),
        (OrderStatus.CANCELLED, ActorRole.BUYER),
    ] * 5

    def take(i: int):
        to_status, role = steps[i]
        return transition_order(
            order=Order(pk=order.pk), to_status=to_status, actor=None, actor_role=role
        ).to_status

    results = in_parallel(len(steps), take)
    outcomes = Counter(outcome for outcome, _value in results)
    assert outcomes == {"ok": 1, "illegal": 9}, [v for o, v in results if o == "error"]
    [winner] = [value for outcome, value in results if outcome == "ok"]
    order.refresh_from_db()
    assert order.status == winner
    assert order.events.count() == 2
    # The stock came back once if the buyer won, not at all if the seller did
    assert stock_of(coffee) == (10 if winner == OrderStatus.CANCELLED else 6)


def test_an_order_another_expiry_runner_holds_is_passed_over_not_waited_for():
    # Given two orders past their time, one of them locked by another runner
    coffee = product(stock=10)
    held, free = order_in(OrderStatus.NEW, item=coffee), order_in(OrderStatus.NEW, item=coffee)
    Order.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    locked, release = threading.Event(), threading.Event()

    def other_runner():
        try:
            with transaction.atomic():
                Order.objects.select_for_update().get(pk=held.pk)
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_runner)
    thread.start()
    try:
        assert locked.wait(timeout=30)
        # When this runner sweeps meanwhile
        expired = expire_orders()
    finally:
        release.set()
        thread.join(timeout=30)
    # Then it expired the free order at once and left the held one to its holder
    assert expired == 1
    assert Order.objects.get(pk=free.pk).status == OrderStatus.EXPIRED
    assert Order.objects.get(pk=held.pk).status == OrderStatus.NEW
