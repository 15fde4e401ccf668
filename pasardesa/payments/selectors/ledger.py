"""The ledger's reads: balances and the proof of every invariant, in a fixed number of queries."""

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from pasardesa.payments.ledger import (
    DEBIT_NORMAL,
    NEVER_NEGATIVE,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
)


def balance(account: LedgerAccount) -> int:
    """What ``account`` holds as people read it (money held, owed to a seller)."""
    raw = LedgerEntry.objects.filter(account=account).aggregate(
        total=Coalesce(Sum("amount_idr"), 0)
    )["total"]
    return account.balance_of(raw)


def balances(store) -> list[tuple[LedgerAccount, int]]:
    """Every account of ``store`` with its balance, in one query (kind, then pk)."""
    accounts = (
        LedgerAccount.objects.filter(store=store)
        .annotate(raw=Coalesce(Sum("entries__amount_idr"), 0))
        .order_by("kind", "pk")
    )
    return [(account, account.balance_of(account.raw)) for account in accounts]


def ledger_problems() -> list[str]:
    """Every broken invariant of the books, in words for the treasurer (empty: all hold).

    Each check is one aggregate query, so the whole proof stays fast with a
    lot of history; only reversal pairs (rare) are compared row by row.
    """
    problems = []
    unbalanced = (
        LedgerTransaction.objects.annotate(
            total=Coalesce(Sum("entries__amount_idr"), 0), legs=Count("entries")
        )
        .filter(~Q(total=0) | Q(legs__lt=2))
        .values_list("key", "total", "legs")
        .order_by("pk")
    )
    for key, total, legs in unbalanced:
        if total:
            problems.append(
                _("Transaksi %(key)s tidak seimbang (selisih %(total)s).")
                % {"key": key, "total": total}
            )
        if legs < 2:
            problems.append(
                _("Transaksi %(key)s hanya punya %(legs)s baris.") % {"key": key, "legs": legs}
            )

    # A never-negative account reads its raw sum negated unless it is debit-normal.
    negative = (
        LedgerAccount.objects.filter(kind__in=NEVER_NEGATIVE)
        .annotate(raw=Coalesce(Sum("entries__amount_idr"), 0))
        .filter(Q(kind__in=DEBIT_NORMAL, raw__lt=0) | (~Q(kind__in=DEBIT_NORMAL) & Q(raw__gt=0)))
        .order_by("pk")
    )
    for account in negative:
        problems.append(
            _("Saldo %(account)s (akun %(pk)s) di bawah nol: %(balance)s.")
            % {
                "account": account.get_kind_display().lower(),
                "pk": account.pk,
                "balance": account.balance_of(account.raw),
            }
        )

    mixed = (
        LedgerEntry.objects.exclude(account__store=F("transaction__store"))
        .values_list("transaction__key", flat=True)
        .distinct()
    )
    for key in mixed:
        problems.append(_("Transaksi %(key)s memakai akun toko lain.") % {"key": key})

    pairs = LedgerTransaction.objects.filter(reverses__isnull=False).values_list(
        "pk", "key", "reverses_id"
    )
    pair_list = list(pairs)
    involved = {pk for pk, _key, _orig in pair_list} | {orig for _pk, _key, orig in pair_list}
    legs: dict[int, set[tuple[int, int]]] = {pk: set() for pk in involved}
    for tx_id, account_id, amount in LedgerEntry.objects.filter(
        transaction_id__in=involved
    ).values_list("transaction_id", "account_id", "amount_idr"):
        legs[tx_id].add((account_id, amount))
    for pk, key, original in pair_list:
        mirrored = {(account_id, -amount) for account_id, amount in legs[original]}
        if legs[pk] != mirrored:
            problems.append(
                _("Koreksi %(key)s bukan cerminan tepat transaksi yang dikoreksinya.")
                % {"key": key}
            )
    return problems


def store_totals() -> list[tuple[int, str, str, int]]:
    """(store pk, store name, kind, balance) per store and account kind, one query."""
    rows = (
        LedgerAccount.objects.values("store_id", "store__name", "kind")
        .annotate(raw=Coalesce(Sum("entries__amount_idr"), 0))
        .order_by("store__name", "store_id", "kind")
    )
    return [
        (
            row["store_id"],
            row["store__name"],
            row["kind"],
            row["raw"] if row["kind"] in DEBIT_NORMAL else -row["raw"],
        )
        for row in rows
    ]
