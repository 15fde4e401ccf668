"""Invariants the database keeps, whatever code writes the rows."""

import pytest
from django.db import IntegrityError, transaction

from pasardesa.orders.models import OrderLine
from pasardesa.stores.models import Store
from tests.factories import StoreFactory
from tests.orders.factories import order_in

pytestmark = pytest.mark.django_db


def refused(**changes) -> bool:
    """Whether the database refuses ``changes`` to a placed order line."""
    line = order_in("new").lines.get()
    try:
        with transaction.atomic():
            OrderLine.objects.filter(pk=line.pk).update(**changes)
    except IntegrityError:
        return True
    return False


@pytest.mark.parametrize(
    "changes",
    [
        {"line_total_idr": 1},
        {"unit_price_idr": 1},
        {"quantity": 3},
        {"quantity": 0, "line_total_idr": 0},
        {"quantity": 10_000, "line_total_idr": 250_000_000},
        {"unit_price_idr": -1, "line_total_idr": -2},
    ],
)
def test_a_line_total_that_is_not_price_times_quantity_is_refused(changes):
    assert refused(**changes)


def test_a_consistent_change_is_accepted():
    assert not refused(quantity=3, line_total_idr=75_000)


@pytest.mark.parametrize(
    ("hours", "ok"), [(0, False), (1, True), (24, True), (168, True), (169, False)]
)
def test_order_expiry_is_1_to_168_hours(hours, ok):
    store = StoreFactory()
    try:
        with transaction.atomic():
            Store.objects.filter(pk=store.pk).update(order_expiry_hours=hours)
    except IntegrityError:
        assert not ok
    else:
        assert ok


def test_a_new_store_gives_sellers_24_hours():
    assert StoreFactory().order_expiry_hours == 24


def test_order_status_outside_the_list_is_refused():
    order = order_in("new")
    with pytest.raises(IntegrityError), transaction.atomic():
        type(order).objects.filter(pk=order.pk).update(status="paid")
