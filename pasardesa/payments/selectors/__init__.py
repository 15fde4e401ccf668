"""Reads of the payments app, one module per audience: the ledger's balances
and proofs (``ledger``), and the pages' reads beside it."""

from pasardesa.payments.selectors.ledger import balance, balances, ledger_problems, store_totals

__all__ = ["balance", "balances", "ledger_problems", "store_totals"]
