"""Helpers for the order tests: a buyer's details and orders placed for real.

Orders are made through ``place_checkout`` (stock reserved, events written),
never by hand, so a test of a later step starts from what the service builds.
"""

import uuid
from contextlib import contextmanager

import pytest
from django.urls import reverse

from pasardesa.catalog.models import Category, Product
from pasardesa.orders.models import Checkout, Order, OrderStatus
from pasardesa.orders.services import (
    BuyerDetails,
    CartChanged,
    CartItem,
    place_checkout,
    transition_order,
)
from pasardesa.orders.state import ORDER_TRANSITIONS, Step
from tests.demo_fixtures import page
from tests.factories import ProductFactory, village

BUYER_PHONE = "0813-3800-1234"
BUYER_PHONE_E164 = "+6281338001234"


def category() -> Category:
    """The starter category, also after a transactional test emptied the tables."""
    found, _created = Category.objects.get_or_create(
        slug="makanan-minuman", defaults={"name": "Makanan & Minuman"}
    )
    return found


def product(**fields) -> Product:
    """A product read back from the database (so ``sale_price_idr`` is set)."""
    made = ProductFactory(category=category(), **fields)
    return Product.objects.select_related("seller__store").get(pk=made.pk)


def buyer(**overrides) -> BuyerDetails:
    """The checkout form's buyer details (the buyer lives in Dulolong);
    ``buyer_name`` and ``buyer_phone`` override as the form names them."""
    details = {
        "name": "Yohanis Maro",
        "phone": BUYER_PHONE,
        "address": "Jalan Pantai, rumah cat biru dekat masjid",
        "village_code": village().code,
        "dusun": "Dusun II",
        "rt": "002",
        "rw": "001",
        "note": "",
    }
    renamed = {"buyer_name": "name", "buyer_phone": "phone"}
    return BuyerDetails(**details | {renamed.get(k, k): v for k, v in overrides.items()})


def cart_items(lines) -> list[CartItem]:
    """``CartItem``s from ``(product id, quantity[, offer token])`` tuples or cart lines."""
    return [
        CartItem.parse(*line)
        if isinstance(line, tuple | list)
        else CartItem(line.product_id, line.quantity, line.offer.token if line.offer else None)
        for line in lines
    ]


def place(
    lines: list[tuple[Product, int]],
    *,
    key: uuid.UUID | None = None,
    choices: dict | None = None,
    prices: dict | None = None,
    user=None,
    **buyer_overrides,
) -> Checkout:
    """Place ``[(product, quantity)]`` as the checkout page would: prices as shown,
    pickup and COD for every seller unless ``choices`` says otherwise."""
    return place_checkout(
        items=cart_items([(p.pk, quantity) for p, quantity in lines]),
        choices=choices
        if choices is not None
        else {p.seller_id: (Order.Fulfilment.PICKUP, Order.Payment.COD) for p, _q in lines},
        expected_prices=prices
        if prices is not None
        else {p.pk: Product.objects.get(pk=p.pk).sale_price_idr for p, _q in lines},
        idempotency_key=key or uuid.uuid4(),
        user=user,
        buyer=buyer(**buyer_overrides),
    )


# The kinds of change each refusal of a cart is about ("closed" is a kind of unavailable).
CHANGE_KINDS = {
    "price": {"price"},
    "stock": {"stock"},
    "limit": {"limit"},
    "unavailable": {"unavailable", "closed"},
    "offer": {"offer"},
}


@contextmanager
def cart_changed(kind: str, match: str | None = None):
    """``pytest.raises(CartChanged)`` whose every change is of ``kind``."""
    with pytest.raises(CartChanged, match=match) as caught:
        yield caught
    assert {change.kind for change in caught.value.changes} <= CHANGE_KINDS[kind]


def _path_to(status: str) -> list[tuple[str, Step]]:
    """The shortest walk through the order state table from new to ``status``."""
    paths = {OrderStatus.NEW: []}
    frontier = [OrderStatus.NEW]
    while frontier:
        src = frontier.pop(0)
        for (from_status, to), step in ORDER_TRANSITIONS.items():
            if from_status == src and to not in paths:
                paths[to] = [*paths[src], (to, step)]
                frontier.append(to)
    return paths[status]


def order_in(status: str, *, item: Product | None = None, quantity: int = 2) -> Order:
    """An order placed for ``quantity`` of ``item``, then walked to ``status``
    through ``transition_order``, so its events and stock are as a real one's."""
    item = item or product(stock=10)
    order = place([(item, quantity)]).orders.get()
    for to_status, step in _path_to(status):
        transition_order(
            order=order,
            to_status=to_status,
            actor=None,
            actor_role=sorted(step.roles)[0],
            note="Langkah pengujian." if step.needs_note else "",
        )
    order.refresh_from_db()
    return order


def stock_of(item: Product) -> int | None:
    return Product.objects.values_list("stock", flat=True).get(pk=item.pk)


def checkout_form(client) -> dict:
    """The checkout page's form as drawn: hidden fields and default radios included,
    with the buyer's details filled in."""
    response = client.get(reverse("orders:checkout"))
    assert response.status_code == 200
    html = page(response)
    data = {
        a["name"]: a.get("value", "")
        for a in html.find_all("input", type="hidden")
        if a.get("name")
    }
    data |= {a["name"]: a["value"] for a in html.find_all("input", type="radio") if "checked" in a}
    return data | {
        "buyer_name": "Yohanis Maro",
        "buyer_phone": BUYER_PHONE,
        "address": "Jalan Pantai, rumah cat biru",
        "village": village().code,
        "dusun": "Dusun II",
        "rt": "002",
        "rw": "001",
        "note": "",
    }
