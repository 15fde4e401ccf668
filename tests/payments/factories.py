"""Helpers for the ledger tests: one order's books and the usual movements.

Amounts follow the ledger's sign: positive is a debit. Money paid into the
village account is ``escrow +n, held -n``; releasing it to the seller is
``held +n, seller -n``; paying the seller out is ``seller +n, escrow -n``.
"""

import uuid
from dataclasses import dataclass

from pasardesa.orders.models import Order
from pasardesa.payments.ledger import AccountKind, LedgerAccount, LedgerTransaction
from pasardesa.payments.services import ledger_account, post_transaction
from tests.orders.factories import place, product


@dataclass
class Books:
    order: Order
    escrow: LedgerAccount
    held: LedgerAccount
    seller: LedgerAccount
    refund: LedgerAccount
    fee: LedgerAccount


def books(order: Order | None = None) -> Books:
    """The five accounts of one order's store, for that order and its seller."""
    order = order or place([(product(stock=10), 1)]).orders.select_related("store").get()
    store = order.store
    return Books(
        order=order,
        escrow=ledger_account(store=store, kind=AccountKind.ESCROW),
        held=ledger_account(store=store, kind=AccountKind.HELD, order=order),
        seller=ledger_account(store=store, kind=AccountKind.SELLER, seller=order.seller),
        refund=ledger_account(store=store, kind=AccountKind.REFUND, order=order),
        fee=ledger_account(store=store, kind=AccountKind.FEE),
    )


def pay_in(b: Books, amount: int, key: str | None = None) -> LedgerTransaction:
    """The buyer's money arrives in the village account and is held for the order."""
    return post_transaction(
        key=key or f"test:{uuid.uuid4()}",
        entries=[(b.escrow, amount), (b.held, -amount)],
        memo="Dana masuk",
    )


def release(b: Books, amount: int, key: str | None = None) -> LedgerTransaction:
    """Held money becomes the seller's."""
    return post_transaction(
        key=key or f"test:{uuid.uuid4()}",
        entries=[(b.held, amount), (b.seller, -amount)],
        memo="Dana dilepas",
    )
