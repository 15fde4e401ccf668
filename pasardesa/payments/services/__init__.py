"""Writes of the payments app: the ledger's one writer (``ledger``) and paying
for orders (``flow``: the payment made with an order, each step of its state
table, the escrow's timers)."""

from pasardesa.payments.services.flow import (
    OrderPayments,
    buyer_says_paid,
    cancel_unpaid,
    cancel_unsent,
    confirm_payment,
    confirm_receipt,
    create_payments,
    extend_release,
    ledger_key,
    release_due,
)
from pasardesa.payments.services.ledger import (
    LedgerError,
    ledger_account,
    post_transaction,
    reversal_key,
    reverse_transaction,
)

__all__ = [
    "LedgerError",
    "OrderPayments",
    "buyer_says_paid",
    "cancel_unpaid",
    "cancel_unsent",
    "confirm_payment",
    "confirm_receipt",
    "create_payments",
    "extend_release",
    "ledger_account",
    "ledger_key",
    "post_transaction",
    "release_due",
    "reversal_key",
    "reverse_transaction",
]
