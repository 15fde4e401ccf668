"""Helpers for the offer (tawar) tests: negotiable products and offers built
through the real services.

An offer in any status is reached the way people reach it (``make_offer``,
``transition_offer``, ``place_checkout``), so a test of a later step starts
from what the services build. The one thing done by hand is ageing an offer
(moving ``expires_at`` into the past), because waiting is not a service.
"""

import datetime
import uuid

from django.utils import timezone

from pasardesa.catalog.models import Product
from pasardesa.orders.models import ActorRole, Checkout, Offer, OfferEvent, OfferStatus, Order
from pasardesa.orders.services import make_offer, place_checkout, transition_offer
from tests.orders.factories import BUYER_PHONE, buyer, cart_items, product

S, R = OfferStatus, ActorRole

# The prices of the usual haggle over a Rp25.000 bag of coffee: the buyer
# offers 18.000, the seller counters 22.000, the buyer comes up to 20.000.
LIST_PRICE = 25_000
BUYER_PRICE = 18_000
SELLER_PRICE = 22_000
BUYER_COUNTER = 20_000


def negotiable(seller=None, **fields) -> Product:
    """A product the seller accepts offers on (Rp25.000 a bag, 10 in stock
    unless ``fields`` say otherwise), read back from the database."""
    if seller is not None:
        fields["seller"] = seller
    fields.setdefault("price_idr", LIST_PRICE)
    fields.setdefault("unit", "bungkus")
    fields.setdefault("stock", 10)
    return product(is_negotiable=True, **fields)


def offer_on(
    item: Product,
    *,
    price=BUYER_PRICE,
    quantity=2,
    key: uuid.UUID | str | None = None,
    **buyer_fields,
) -> Offer:
    """The buyer's first offer on ``item``, made through ``make_offer`` with a
    fresh idempotency key (unless ``key`` is given)."""
    details = {"buyer_name": "Yohanis Maro", "buyer_phone": BUYER_PHONE} | buyer_fields
    return make_offer(
        product_id=item.pk,
        quantity=quantity,
        price_idr=price,
        idempotency_key=key or uuid.uuid4(),
        **details,
    )


def step(offer: Offer, to_status: str, role: str, *, actor=None, **kwargs) -> OfferEvent:
    """One ``transition_offer`` step, as ``role``."""
    return transition_offer(
        offer=offer, to_status=to_status, actor=actor, actor_role=role, **kwargs
    )


def age(offer: Offer, by: datetime.timedelta = datetime.timedelta(minutes=1)) -> Offer:
    """Let the offer's time run out: ``expires_at`` is now ``by`` in the past."""
    Offer.objects.filter(pk=offer.pk).update(expires_at=timezone.now() - by)
    offer.refresh_from_db()
    return offer


def checkout_offer(
    offer: Offer,
    *,
    quantity: int | None = None,
    token: str | None = None,
    item: Product | None = None,
    price: int | None = None,
    extra: tuple[tuple[Product, int], ...] = (),
    key: uuid.UUID | None = None,
    user=None,
) -> Checkout:
    """Check out an offer's agreed price as the checkout page would: the cart
    line carries the offer's token and its quantity, the page showed the
    agreed price. ``extra`` are normal lines (product, quantity) at their
    sale price. Any part can be overridden to play a tampered or stale cart."""
    item = item or Product.objects.get(pk=offer.product_id)
    lines = [
        (item.pk, offer.quantity if quantity is None else quantity, token or offer.token),
        *[(p.pk, q, None) for p, q in extra],
    ]
    products = [item, *[p for p, _q in extra]]
    prices = {p.pk: Product.objects.get(pk=p.pk).sale_price_idr for p, _q in extra}
    prices[item.pk] = offer.agreed_price_idr if price is None else price
    return place_checkout(
        items=cart_items(lines),
        choices={p.seller_id: (Order.Fulfilment.PICKUP, Order.Payment.COD) for p in products},
        expected_prices=prices,
        idempotency_key=key or uuid.uuid4(),
        user=user,
        buyer=buyer(),
    )


def offer_in(
    status: str,
    *,
    item: Product | None = None,
    quantity: int = 2,
    price: int = BUYER_PRICE,
    counter: int = SELLER_PRICE,
) -> Offer:
    """An offer of ``price`` a unit for ``quantity`` of ``item`` (a fresh
    negotiable product by default), driven to ``status`` by the services:

    - pending: just made; countered: the seller answered ``counter``;
    - accepted: the seller accepted the buyer's price; declined: the seller
      declined it; cancelled: the buyer cancelled it;
    - expired: nobody answered in time (aged, then expired by the system);
    - ordered: accepted, then checked out at the agreed price.
    """
    item = item or negotiable()
    offer = offer_on(item, price=price, quantity=quantity)
    if status == S.COUNTERED:
        step(offer, S.COUNTERED, R.SELLER, price_idr=counter)
    elif status in (S.ACCEPTED, S.ORDERED):
        step(offer, S.ACCEPTED, R.SELLER)
        if status == S.ORDERED:
            checkout_offer(offer)
    elif status == S.DECLINED:
        step(offer, S.DECLINED, R.SELLER)
    elif status == S.CANCELLED:
        step(offer, S.CANCELLED, R.BUYER)
    elif status == S.EXPIRED:
        age(offer)
        step(offer, S.EXPIRED, R.SYSTEM)
    elif status != S.PENDING:
        raise ValueError(f"no way to an offer in {status!r}")
    offer.refresh_from_db()
    assert offer.status == status
    return offer


def offer_state(offer: Offer) -> tuple:
    """What a refused step must leave as it was: the offer's status, prices,
    rounds, deadline, and how many events it has."""
    row = Offer.objects.get(pk=offer.pk)
    return (
        row.status,
        row.buyer_price_idr,
        row.seller_price_idr,
        row.agreed_price_idr,
        row.rounds,
        row.expires_at,
        row.events.count(),
    )
