"""Reads of orders, each with a fixed number of queries whatever the list length."""

from dataclasses import dataclass

from django.db.models import Case, Count, Prefetch, QuerySet, Value, When

from pasardesa.orders.models import (
    Checkout,
    Offer,
    OfferEvent,
    OfferStatus,
    Order,
    OrderEvent,
    OrderStatus,
)
from pasardesa.orders.state import OPEN_OFFER_STATUSES, OPEN_STATUSES
from pasardesa.sellers.models import Seller

# secrets.token_urlsafe(24) is 32 characters; anything far off is not a token.
_TOKEN_LENGTHS = range(20, 65)


def _with_details(queryset: QuerySet[Order]) -> QuerySet[Order]:
    """Orders with what an order page shows: buyer, village, seller, lines, events."""
    return queryset.select_related(
        "checkout__village__parent__parent", "seller__store__village", "store"
    ).prefetch_related(
        "lines",
        Prefetch("events", queryset=OrderEvent.objects.select_related("actor")),
    )


def _for_lists(queryset: QuerySet[Order]) -> QuerySet[Order]:
    """Orders with what a list row shows: buyer, seller and lines."""
    # The store: each row's times are shown in its own store's zone.
    return queryset.select_related("checkout", "seller", "store").prefetch_related("lines")


def order_by_tracking_token(token: str) -> Order | None:
    """The order behind a buyer's private link, or None (the page answers 404)."""
    if not isinstance(token, str) or len(token) not in _TOKEN_LENGTHS:
        return None
    return _with_details(Order.objects.filter(tracking_token=token)).first()


def checkout_with_orders(pk: int) -> Checkout | None:
    """A checkout and its orders for the confirmation page (one order per seller).

    The view must only pass a checkout this session placed.
    """
    orders = Order.objects.select_related("seller__store", "store").prefetch_related("lines")
    return (
        Checkout.objects.select_related("village__parent__parent")
        .prefetch_related(Prefetch("orders", queryset=orders.order_by("pk")))
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class SellerInbox:
    """A seller's orders or offers (filtered by ``status`` when given) and the
    count of each status, for the inbox tabs. ``rows`` is a QuerySet: paginate it."""

    rows: QuerySet
    counts: dict[str, int]
    status: str
    open_statuses: frozenset[str]
    choices: list[tuple[str, str]]

    @property
    def chips(self) -> list[tuple[str, str, int]]:
        """``[(status, label, count)]`` for the tabs, in the statuses' order:
        only the statuses that have rows (and the one picked), so the first
        order is on the first screen, not below ten chips of zeros."""
        return [
            (value, label, n)
            for value, label in self.choices
            if (n := self.counts.get(value, 0)) or value == self.status
        ]

    @property
    def open_count(self) -> int:
        """Rows still needing someone (an order in the seller's hands, an offer in play)."""
        return sum(n for status, n in self.counts.items() if status in self.open_statuses)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _status_counts(queryset: QuerySet, statuses: list[str]) -> dict[str, int]:
    """``{status: count}`` for every status (zeros included): one query."""
    counts = dict.fromkeys(statuses, 0)
    counts.update(dict(queryset.order_by().values_list("status").annotate(n=Count("pk"))))
    return counts


def seller_order_counts(seller: Seller) -> dict[str, int]:
    """``{status: count}`` of the seller's orders, for every status: one query."""
    return _status_counts(Order.objects.filter(seller=seller), OrderStatus.values)


def seller_inbox(*, seller: Seller, status: str = "") -> SellerInbox:
    """The seller's orders: new ones first (they wait for an answer and lapse),
    then the rest, each newest first; an unknown ``status`` shows all."""
    status = status if status in OrderStatus.values else ""
    orders = Order.objects.filter(seller=seller)
    if status:
        orders = orders.filter(status=status)
    new_first = Case(When(status=OrderStatus.NEW, then=Value(0)), default=Value(1))
    return SellerInbox(
        rows=_for_lists(orders).order_by(new_first, "-created_at", "-pk"),
        counts=seller_order_counts(seller),
        status=status,
        open_statuses=OPEN_STATUSES,
        choices=OrderStatus.choices,
    )


def seller_order(*, seller: Seller, number: str) -> Order | None:
    """One order of ``seller`` by its number; another seller's is simply not found."""
    return _with_details(Order.objects.filter(seller=seller, number=number)).first()


def buyer_orders(user) -> QuerySet[Order]:
    """The order history of a logged-in buyer, newest first (empty when anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    return _for_lists(Order.objects.filter(checkout__buyer=user)).order_by("-created_at", "-pk")


# --- Offers (tawar) ----------------------------------------------------------------


def _offer_details(queryset: QuerySet[Offer]) -> QuerySet[Offer]:
    """Offers with what an offer page shows: seller, store, product, history."""
    return queryset.select_related("seller__store__village", "store", "product").prefetch_related(
        Prefetch("events", queryset=OfferEvent.objects.select_related("actor")),
        "order_line__order",
    )


def offer_by_token(token: str) -> Offer | None:
    """The offer behind a buyer's private link, or None (the page answers 404)."""
    if not isinstance(token, str) or len(token) not in _TOKEN_LENGTHS:
        return None
    return _offer_details(Offer.objects.filter(token=token)).first()


def offers_by_tokens(tokens: list[str], *, limit: int = 20) -> list[Offer]:
    """The offers behind the links this browser made, newest first: one query."""
    tokens = [t for t in tokens if isinstance(t, str) and len(t) in _TOKEN_LENGTHS][:limit]
    if not tokens:
        return []
    return list(
        Offer.objects.filter(token__in=tokens).select_related("seller").order_by("-created_at")
    )


def seller_offers(*, seller: Seller, status: str = "") -> SellerInbox:
    """The seller's offers, newest first, with counts per status."""
    status = status if status in OfferStatus.values else ""
    offers = Offer.objects.filter(seller=seller)
    if status:
        offers = offers.filter(status=status)
    return SellerInbox(
        rows=offers.order_by("-created_at", "-pk"),
        counts=_status_counts(Offer.objects.filter(seller=seller), OfferStatus.values),
        status=status,
        open_statuses=OPEN_OFFER_STATUSES,
        choices=OfferStatus.choices,
    )


def seller_offer(*, seller: Seller, number: str) -> Offer | None:
    """One offer of ``seller`` by its number; another seller's is simply not found."""
    return _offer_details(Offer.objects.filter(seller=seller, number=number)).first()


def buyer_offers(user) -> QuerySet[Offer]:
    """A logged-in buyer's offers, newest first (empty when anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return Offer.objects.none()
    return Offer.objects.filter(buyer=user).select_related("seller").order_by("-created_at", "-pk")


def seller_to_answer(seller: Seller) -> dict[str, int]:
    """What waits for the seller's answer, for the dashboard's badges: new
    orders and offers pending (two counts on indexed columns)."""
    return {
        "orders": Order.objects.filter(seller=seller, status=OrderStatus.NEW).count(),
        "offers": Offer.objects.filter(seller=seller, status=OfferStatus.PENDING).count(),
    }
