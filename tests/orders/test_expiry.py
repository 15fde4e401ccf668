"""Unanswered orders expire after the store's time, and their stock comes back."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from pasardesa.orders.models import ActorRole, Order, OrderEvent, OrderStatus
from pasardesa.orders.services import expire_orders, transition_order
from tests.orders.factories import order_in, place, product, stock_of

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_an_order_past_its_time_expires_and_gives_the_stock_back():
    # Given an order of 2 (stock 10 → 8) placed with the default 24 hours to answer
    item = product(stock=10)
    order = order_in(OrderStatus.NEW, item=item, quantity=2)
    assert stock_of(item) == 8
    # When the job runs one hour after the deadline
    assert expire_orders(now=order.expires_at + HOUR) == 1
    # Then the order expired by the system, and the stock is back
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
    event = order.events.last()
    assert (event.from_status, event.to_status, event.actor, event.actor_role) == (
        OrderStatus.NEW,
        OrderStatus.EXPIRED,
        None,
        ActorRole.SYSTEM,
    )
    assert stock_of(item) == 10


def test_an_order_not_yet_due_stays_new():
    item = product(stock=10)
    order = order_in(OrderStatus.NEW, item=item)
    assert expire_orders(now=order.expires_at - datetime.timedelta(minutes=1)) == 0
    order.refresh_from_db()
    assert order.status == OrderStatus.NEW
    assert stock_of(item) == 8


def test_running_twice_changes_nothing_more():
    item = product(stock=10)
    order = order_in(OrderStatus.NEW, item=item, quantity=3)
    later = order.expires_at + HOUR
    assert expire_orders(now=later) == 1
    events = OrderEvent.objects.count()
    assert expire_orders(now=later) == 0
    assert expire_orders(now=later + HOUR) == 0
    assert OrderEvent.objects.count() == events
    assert stock_of(item) == 10


def test_answered_orders_never_expire():
    item = product(stock=10)
    accepted = order_in(OrderStatus.NEW, item=item, quantity=1)
    transition_order(
        order=accepted, to_status=OrderStatus.ACCEPTED, actor=None, actor_role=ActorRole.SELLER
    )
    cancelled = order_in(OrderStatus.NEW, item=item, quantity=1)
    transition_order(
        order=cancelled, to_status=OrderStatus.CANCELLED, actor=None, actor_role=ActorRole.BUYER
    )
    assert expire_orders(now=timezone.now() + 30 * 24 * HOUR) == 0
    assert stock_of(item) == 9  # the accepted order keeps its unit
    assert set(Order.objects.values_list("status", flat=True)) == {
        OrderStatus.ACCEPTED,
        OrderStatus.CANCELLED,
    }


def test_each_store_sets_its_own_time(kopi, tenun):
    kopi.seller.store.order_expiry_hours = 2
    kopi.seller.store.save()
    checkout = place([(kopi, 1), (tenun, 1)])
    quick = checkout.orders.get(seller=kopi.seller)
    slow = checkout.orders.get(seller=tenun.seller)
    assert slow.expires_at - quick.expires_at == 22 * HOUR
    # Three hours later only the quick store's order expired
    assert expire_orders(now=quick.expires_at + HOUR) == 1
    assert set(Order.objects.values_list("number", "status")) == {
        (quick.number, OrderStatus.EXPIRED),
        (slow.number, OrderStatus.NEW),
    }


def test_the_command_says_how_many_each_time(kopi):
    order = place([(kopi, 1)]).orders.get()
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - HOUR)
    out = io.StringIO()
    call_command("run_jobs", "--once", stdout=out)
    assert "expire_orders: 1" in out.getvalue()
    out = io.StringIO()
    call_command("run_jobs", "--once", stdout=out)
    assert "expire_orders: 0" in out.getvalue()


def test_run_jobs_once_runs_the_expiry(kopi):
    order = place([(kopi, 1)]).orders.get()
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - HOUR)
    out = io.StringIO()
    call_command("run_jobs", "--once", stdout=out)
    assert out.getvalue().strip() == (
        "prune_idempotency_keys: 0, prune_pending_photos: 0, expire_orders: 1, expire_offers: 0, "
        "cancel_unpaid: 0, cancel_unsent: 0, release_due: 0, grant_unanswered_complaints: 0, "
        "apply_unappealed_decisions: 0, refund_undecided_complaints: 0"
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.EXPIRED
