"""Every write of the orders app, one transaction each.

- ``placing``: placing a cart (``place_checkout``);
- ``transitions``: moving an order (``transition_order``), the buyer cancelling
  from their link (``cancel_by_buyer``), expiring unanswered orders (``expire_orders``);
- ``offers``: bargaining (``make_offer``, ``transition_offer``, ``expire_offers``);
- ``common``: what both check the same way (buyer's contact, keys, numbers).
"""

from pasardesa.orders.services.offers import (
    OfferChanged,
    expire_offers,
    make_offer,
    transition_offer,
)
from pasardesa.orders.services.placing import (
    BuyerDetails,
    CartChange,
    CartChanged,
    CartItem,
    place_checkout,
)
from pasardesa.orders.services.transitions import (
    cancel_by_buyer,
    expire_orders,
    is_buyer_phone,
    transition_order,
)

__all__ = [
    "BuyerDetails",
    "CartChange",
    "CartChanged",
    "CartItem",
    "OfferChanged",
    "cancel_by_buyer",
    "expire_offers",
    "expire_orders",
    "is_buyer_phone",
    "make_offer",
    "place_checkout",
    "transition_offer",
    "transition_order",
]
