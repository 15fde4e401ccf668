"""Payments' tables: the ledger (``pasardesa.payments.ledger``) first."""

from pasardesa.payments.ledger import LedgerAccount, LedgerEntry, LedgerTransaction

__all__ = ["LedgerAccount", "LedgerEntry", "LedgerTransaction"]
