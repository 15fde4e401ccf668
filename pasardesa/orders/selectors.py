"""Reads of orders, each with a fixed number of queries whatever the list length."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from pasardesa.orders.models import Checkout, Order, OrderEvent, OrderStatus
from pasardesa.orders.state import OPEN_STATUSES
from pasardesa.sellers.models import Seller

# secrets.token_urlsafe(24) is 32 characters; anything far off is not a token.
_TOKEN_LENGTHS = range(20, 65)


def _with_details(queryset: QuerySet[Order]) -> QuerySet[Order]:
    """Orders with what an order page shows: buyer, village, seller, lines, events."""
    return queryset.select_related(
        "checkout__village", "seller__store__village", "store"
    ).prefetch_related(
        "lines",
        Prefetch("events", queryset=OrderEvent.objects.select_related("actor")),
    )


def _for_lists(queryset: QuerySet[Order]) -> QuerySet[Order]:
    """Orders with what a list row shows: buyer, seller and lines."""
    return queryset.select_related("checkout", "seller").prefetch_related("lines")


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
        Checkout.objects.select_related("village")
        .prefetch_related(Prefetch("orders", queryset=orders.order_by("pk")))
        .filter(pk=pk)
        .first()
    )


@dataclass(frozen=True)
class SellerInbox:
    """A seller's orders (filtered by ``status`` when given) and the count of
    each status, for the inbox tabs. ``orders`` is a QuerySet: paginate it."""

    orders: QuerySet[Order]
    counts: dict[str, int]
    status: str

    @property
    def open_count(self) -> int:
        """Orders still needing the seller (new, accepted, preparing, ready, delivered)."""
        return sum(n for status, n in self.counts.items() if status in OPEN_STATUSES)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def seller_order_counts(seller: Seller) -> dict[str, int]:
    """``{status: count}`` for every status (zeros included): one query."""
    counts = dict.fromkeys(OrderStatus.values, 0)
    rows = (
        Order.objects.filter(seller=seller).order_by().values_list("status").annotate(n=Count("pk"))
    )
    counts.update(dict(rows))
    return counts


def seller_inbox(*, seller: Seller, status: str = "") -> SellerInbox:
    """The seller's orders, newest first; an unknown ``status`` shows all."""
    status = status if status in OrderStatus.values else ""
    orders = Order.objects.filter(seller=seller)
    if status:
        orders = orders.filter(status=status)
    return SellerInbox(
        orders=_for_lists(orders).order_by("-created_at", "-pk"),
        counts=seller_order_counts(seller),
        status=status,
    )


def seller_order(*, seller: Seller, number: str) -> Order | None:
    """One order of ``seller`` by its number; another seller's is simply not found."""
    return _with_details(Order.objects.filter(seller=seller, number=number)).first()


def buyer_orders(user) -> QuerySet[Order]:
    """The order history of a logged-in buyer, newest first (empty when anonymous)."""
    if not getattr(user, "is_authenticated", False):
        return Order.objects.none()
    return _for_lists(Order.objects.filter(checkout__buyer=user)).order_by("-created_at", "-pk")
