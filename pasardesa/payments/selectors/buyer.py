"""Reads of the payment pages of buyers and sellers: one order's payment
behind the buyer's private link, who confirms it, and a seller's money."""

from dataclasses import dataclass

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from pasardesa.orders.models import Order
from pasardesa.orders.selectors import order_by_tracking_token
from pasardesa.payments.ledger import AccountKind, LedgerAccount
from pasardesa.payments.models import Payment, Payout
from pasardesa.payments.selectors.ledger import balance
from pasardesa.payments.state import HOLDING
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import StoreMember, StoreRole


def _with_details(payments: QuerySet[Payment]) -> QuerySet[Payment]:
    return payments.select_related("order__checkout", "store__escrow", "seller")


def payment_by_token(token: str) -> Payment | None:
    """The payment of the order behind a buyer's private link, or None (404):
    an unknown token and an order paid on the spot look the same."""
    order = order_by_tracking_token(token)
    if order is None:
        return None
    payment = _with_details(Payment.objects.filter(order=order)).first()
    if payment is not None:
        # The order as the tracking page loads it (lines, seller, store).
        payment.order = order
    return payment


def payment_of(order: Order) -> Payment | None:
    """The payment of ``order`` (None for cash on delivery): one query."""
    return Payment.objects.select_related("store__escrow").filter(order=order).first()


def awaiting_order_ids(orders) -> set[int]:
    """Which of ``orders`` are paid first and not paid yet: one query, for lists."""
    ids = [order.pk for order in orders]
    if not ids:
        return set()
    return set(
        Payment.objects.filter(order_id__in=ids, status=Payment.Status.AWAITING).values_list(
            "order_id", flat=True
        )
    )


def treasurer_phones(store) -> list[str]:
    """The WhatsApp numbers of the store's treasurers (who confirm escrow money)."""
    return list(
        StoreMember.objects.filter(store=store, role=StoreRole.TREASURER, user__is_active=True)
        .order_by("pk")
        .values_list("user__phone", flat=True)
    )


@dataclass(frozen=True)
class SellerBalance:
    """What the village holds for a seller and what it has paid them."""

    # Released to the seller and not yet paid out (the ledger's SELLER account).
    owed_idr: int
    # The seller's share (less the village fee) of money still held in their
    # orders: paid in, goods on the way, or complained about.
    held_idr: int
    held: list[Payment]
    payouts: list[Payout]


def seller_balance(seller: Seller) -> SellerBalance:
    """The seller's balance page: four queries whatever the history."""
    raw = (
        LedgerAccount.objects.filter(kind=AccountKind.SELLER, seller=seller)
        .aggregate(total=Coalesce(Sum("entries__amount_idr"), 0))
        .get("total")
    )
    held = list(
        Payment.objects.filter(seller=seller, method="escrow", status__in=HOLDING)
        .select_related("order")
        .order_by("-created_at", "-pk")
    )
    payouts = list(
        Payout.objects.filter(kind=Payout.Kind.SELLER, seller=seller).order_by("-created_at", "-pk")
    )
    return SellerBalance(
        # A credit-normal account: what the village owes reads its raw sum negated.
        owed_idr=-raw,
        held_idr=sum(payment.seller_share_idr for payment in held),
        held=held,
        payouts=payouts,
    )


def refund_owed(payment: Payment) -> int:
    """What the village still owes the buyer of ``payment`` back (its refund account)."""
    account = LedgerAccount.objects.filter(
        store_id=payment.store_id, kind=AccountKind.REFUND, order_id=payment.order_id
    ).first()
    return balance(account) if account is not None else 0
