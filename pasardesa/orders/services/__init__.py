"""Every write of the orders app, one transaction each.

- ``checkout``: placing a cart (``place_checkout``), moving an order
  (``transition_order``), expiring unanswered orders (``expire_orders``);
- ``offers``: bargaining (``make_offer``, ``transition_offer``, ``expire_offers``);
- ``common``: what both check the same way (buyer's contact, keys, numbers).
"""

from pasardesa.orders.services.checkout import (
    CartChange,
    CartChanged,
    IllegalTransition,
    OfferLapsed,
    PriceChanged,
    ProductUnavailable,
    StockShort,
    expire_orders,
    place_checkout,
    transition_order,
)
from pasardesa.orders.services.offers import (
    OfferChanged,
    expire_offers,
    make_offer,
    transition_offer,
)

__all__ = [
    "CartChange",
    "CartChanged",
    "IllegalTransition",
    "OfferChanged",
    "OfferLapsed",
    "PriceChanged",
    "ProductUnavailable",
    "StockShort",
    "expire_offers",
    "expire_orders",
    "make_offer",
    "place_checkout",
    "transition_offer",
    "transition_order",
]
