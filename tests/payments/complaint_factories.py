"""Helpers for the complaint tests: an escrow order handed over (its payment
"sent") and a complaint filed on it through the real services."""

from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import Complaint, ComplaintReason
from pasardesa.payments.selectors import balances
from pasardesa.payments.services import file_complaint
from tests.payments.escrow_factories import (
    escrow_order,
    escrow_product,
    hand_over,
    hold,
    treasurer,
)

_treasurers = iter(range(1000, 10_000))


def sent_order(*, price_idr: int = 100_000, **escrow):
    """An escrow order paid, held and handed over: inside the release window."""
    order = escrow_order(escrow_product(price_idr=price_idr, **escrow))
    # Each store its own treasurer (phone numbers are unique).
    hold(order, by=treasurer(order.store, phone=f"0812-3801-{next(_treasurers)}"))
    return hand_over(order)


def complain(order, *, photos=(), reason=ComplaintReason.WRONG_OR_DAMAGED, **kwargs) -> Complaint:
    """The buyer (from the browser that placed the order) complains about ``order``."""
    payment = order.payment
    payment.refresh_from_db()
    values = {
        "payment": payment,
        "reason": reason,
        "description": "Kopinya basah dan bungkusnya sobek.",
        "photos": list(photos),
        "actor": None,
        "placed_here": True,
    } | kwargs
    return file_complaint(**values)


def by_kind(store) -> dict[str, int]:
    totals = {kind: 0 for kind in AccountKind.values}
    for account, amount in balances(store):
        totals[account.kind] += amount
    return totals
