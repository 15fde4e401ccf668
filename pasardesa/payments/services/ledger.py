"""The ledger's one writer: ``post_transaction`` (and its mirror, ``reverse_transaction``).

Its idempotency key lives on the ledger row itself (``LedgerTransaction.key``,
unique) rather than in ``core.idempotency.run_once``: the ledger must tell a
retry (same content) from a conflicting reuse of a key (other content), and a
key kept beside the books could be lost while the books keep the posting.
"""

import hashlib
import json
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from pasardesa.payments.ledger import (
    PER_ORDER,
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
)

Entries = Sequence[tuple[LedgerAccount, int]]


class LedgerError(ValidationError):
    """A posting the books refuse; a ValidationError so a view needs one ``except``."""


def ledger_account(*, store, kind: str, order=None, seller=None) -> LedgerAccount:
    """The store's account of ``kind`` (for ``order`` or ``seller``), made on first use.

    The database's unique constraints make two first uses at once end with one
    row: the loser of the race reads the winner's.
    """
    if kind in PER_ORDER and (order is None or order.store_id != store.pk):
        raise LedgerError(_("Akun ini harus untuk satu pesanan toko ini."))
    if kind == AccountKind.SELLER and (seller is None or seller.store_id != store.pk):
        raise LedgerError(_("Akun ini harus untuk satu penjual toko ini."))
    lookup = {"store": store, "kind": kind, "order": order, "seller": seller}
    try:
        with transaction.atomic():
            account, _created = LedgerAccount.objects.get_or_create(**lookup)
    except IntegrityError:
        account = LedgerAccount.objects.get(**lookup)
    return account


def _fingerprint(entries: Entries, reverses: LedgerTransaction | None) -> str:
    """A digest of what moves where; the memo is words for people and is left out,
    so a retry that words it differently still counts as the same posting."""
    content = {
        "entries": sorted((account.pk, amount) for account, amount in entries),
        "reverses": reverses.pk if reverses else None,
    }
    return hashlib.sha256(json.dumps(content).encode()).hexdigest()


def _validate(entries: Entries, key: str) -> None:
    if not key:
        raise LedgerError(_("Transaksi buku kas harus punya kunci."))
    if len(entries) < 2:
        raise LedgerError(_("Transaksi buku kas perlu paling sedikit dua baris."))
    for _account, amount in entries:
        # bool is an int in Python; True rupiah is not an amount.
        if type(amount) is not int:
            raise LedgerError(_("Jumlah uang harus rupiah bulat."))
        if amount == 0:
            raise LedgerError(_("Baris transaksi tidak boleh bernilai nol."))
    accounts = [account for account, _amount in entries]
    if len({account.pk for account in accounts}) != len(accounts):
        raise LedgerError(_("Satu akun hanya boleh muncul sekali dalam satu transaksi."))
    if len({account.store_id for account in accounts}) != 1:
        raise LedgerError(_("Semua akun satu transaksi harus milik satu toko."))
    if sum(amount for _account, amount in entries) != 0:
        raise LedgerError(_("Transaksi tidak seimbang: jumlah debit dan kredit harus sama."))


def _replay(existing: LedgerTransaction, fingerprint: str) -> LedgerTransaction:
    if existing.fingerprint != fingerprint:
        raise LedgerError(
            _("Kunci transaksi ini sudah dipakai untuk transaksi lain; tidak dicatat ulang.")
        )
    return existing


@transaction.atomic
def post_transaction(
    *,
    key: str,
    entries: Entries,
    memo: str,
    reverses: LedgerTransaction | None = None,
) -> LedgerTransaction:
    """Post one balanced movement of money, once per ``key``.

    A retry with the same key and content returns the first transaction; the
    same key with other content raises ``LedgerError``. The touched accounts
    are locked in primary-key order (two postings over the same accounts
    queue instead of deadlocking) before balances are read, so "never below
    zero" holds with any number of concurrent postings.
    """
    _validate(entries, key)
    fingerprint = _fingerprint(entries, reverses)
    existing = LedgerTransaction.objects.filter(key=key).first()
    if existing is not None:
        return _replay(existing, fingerprint)

    ids = sorted(account.pk for account, _amount in entries)
    locked = {
        a.pk: a for a in LedgerAccount.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    # A twin posting with this key may have committed while we waited for the locks.
    existing = LedgerTransaction.objects.filter(key=key).first()
    if existing is not None:
        return _replay(existing, fingerprint)

    raw = dict(
        LedgerEntry.objects.filter(account_id__in=ids)
        .values("account_id")
        .annotate(total=Sum("amount_idr"))
        .values_list("account_id", "total")
    )
    for account, amount in entries:
        after = locked[account.pk].balance_of(raw.get(account.pk, 0) + amount)
        if after < 0 and not locked[account.pk].may_go_negative:
            raise LedgerError(
                _("Saldo %(account)s tidak cukup untuk transaksi ini.")
                % {"account": locked[account.pk].get_kind_display().lower()}
            )

    try:
        with transaction.atomic():
            posted = LedgerTransaction.objects.create(
                store_id=entries[0][0].store_id,
                key=key,
                fingerprint=fingerprint,
                memo=memo[:200],
                reverses=reverses,
            )
    except IntegrityError:
        # Only the key or the one-reversal rule can collide here.
        existing = LedgerTransaction.objects.filter(key=key).first()
        if existing is not None:
            return _replay(existing, fingerprint)
        raise LedgerError(_("Transaksi ini sudah dikoreksi.")) from None
    LedgerEntry.objects.bulk_create(
        LedgerEntry(transaction=posted, account_id=account.pk, amount_idr=amount)
        for account, amount in entries
    )
    return posted


def reversal_key(original: LedgerTransaction) -> str:
    return f"reversal:{original.pk}"


def reverse_transaction(*, original: LedgerTransaction, memo: str = "") -> LedgerTransaction:
    """Undo ``original`` with its mirror image (each amount negated), once.

    The key comes from the original, so a retried correction returns the first
    reversal. A reversal is not reversed again: the books would read as if
    the first correction never happened; post the movement anew instead.
    """
    if original.reverses_id is not None:
        raise LedgerError(_("Koreksi tidak bisa dikoreksi lagi; catat transaksi baru."))
    mirror = [
        (entry.account, -entry.amount_idr)
        for entry in original.entries.select_related("account").order_by("pk")
    ]
    return post_transaction(
        key=reversal_key(original),
        entries=mirror,
        memo=memo or f"Koreksi {original.key}",
        reverses=original,
    )
