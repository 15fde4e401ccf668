"""Payments' tables: the ledger (``pasardesa.payments.ledger``) first."""
