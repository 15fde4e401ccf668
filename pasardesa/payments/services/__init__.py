"""Writes of the payments app: the ledger's one writer (``ledger``) and paying
for orders (``flow``: the payment made with an order, each step of its state
table, the escrow's timers)."""

from pasardesa.payments.services.complaints import (
    add_message,
    apply_unappealed_decisions,
    buyer_answer,
    decide_complaint,
    file_complaint,
    grant_unanswered_complaints,
    refund_undecided_complaints,
    seller_answer,
    seller_appeal,
)
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
    set_refund_account,
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
    "add_message",
    "apply_unappealed_decisions",
    "buyer_answer",
    "buyer_says_paid",
    "cancel_unpaid",
    "cancel_unsent",
    "confirm_payment",
    "confirm_receipt",
    "create_payments",
    "decide_complaint",
    "extend_release",
    "file_complaint",
    "grant_unanswered_complaints",
    "ledger_account",
    "ledger_key",
    "post_transaction",
    "refund_undecided_complaints",
    "release_due",
    "reversal_key",
    "reverse_transaction",
    "seller_answer",
    "seller_appeal",
    "set_refund_account",
]

# Setting up where money is paid, and paying it out of the rekening bersama.
from pasardesa.payments.services.payouts import (
    pay_out_seller,
    pay_refund,
    record_reconciliation,
)
from pasardesa.payments.services.setup import (
    clear_escrow_qris,
    clear_seller_qris,
    parse_fee_percent,
    read_qris_sticker,
    set_escrow_qris,
    set_seller_qris,
    set_store_escrow,
)

__all__ += [
    "clear_escrow_qris",
    "clear_seller_qris",
    "parse_fee_percent",
    "pay_out_seller",
    "pay_refund",
    "read_qris_sticker",
    "record_reconciliation",
    "set_escrow_qris",
    "set_seller_qris",
    "set_store_escrow",
]
