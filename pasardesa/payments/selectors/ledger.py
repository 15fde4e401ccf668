"""The ledger's reads: balances and the proof of every invariant, in a fixed number of queries."""

from django.db.models import BigIntegerField, Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from pasardesa.core.money import format_rupiah
from pasardesa.payments.ledger import (
    DEBIT_NORMAL,
    NEVER_NEGATIVE,
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
)
from pasardesa.payments.models import Payment, PaymentStatus, Payout
from pasardesa.payments.state import HOLDING
from pasardesa.sellers.models import Seller


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

    Each check is one aggregate query (the payments' and payouts' checks one
    query each, with correlated sums), so the whole proof stays fast with a lot
    of history and only problem rows come back; only reversal pairs (rare)
    are compared row by row.
    """
    problems = _books_problems()
    problems += escrow_state_problems()
    problems += payout_problems()
    return problems


def _books_problems() -> list[str]:
    """Each transaction balances, no forbidden negative balance, one store per
    transaction, every correction the exact mirror of what it corrects."""
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


def _sum_of(entries, group: str):
    """The sum of ``entries`` (already filtered on an ``OuterRef``) as a scalar subquery."""
    total = entries.order_by().values(group).annotate(total=Sum("amount_idr")).values("total")
    return Coalesce(Subquery(total, output_field=BigIntegerField()), 0)


def escrow_state_problems() -> list[str]:
    """Each payment's status agrees with its order's money in the books, in one query.

    Money still held (held, sent, disputed): the order's held account holds
    exactly what the buyer paid. Not paid in (waiting, cancelled, unpaid) or
    paid straight to the seller: nothing of the order in the books. Released:
    nothing held and a posting that moved the held money to the seller. Refunded:
    nothing held and the whole amount owed back to the buyer. Split: nothing held.
    Orders without a payment (cash on delivery) are not the escrow's business.
    """
    P = PaymentStatus
    of_order = LedgerEntry.objects.filter(account__order_id=OuterRef("order_id"))
    held = of_order.filter(account__kind=AccountKind.HELD)
    # Raw sums: the held and refund accounts are credit-normal (a balance of n is -n).
    rows = (
        Payment.objects.annotate(
            held_raw=_sum_of(held, "account__order_id"),
            refund_credited=_sum_of(
                of_order.filter(account__kind=AccountKind.REFUND, amount_idr__lt=0),
                "account__order_id",
            ),
            posted=Exists(of_order),
            released=Exists(
                held.filter(
                    amount_idr__gt=0,
                    transaction__entries__account__kind__in=[AccountKind.SELLER, AccountKind.FEE],
                )
            ),
        )
        .filter(
            (Q(status__in=HOLDING) & ~Q(held_raw=-F("amount_idr")))
            | (~Q(status__in=HOLDING) & ~Q(held_raw=0))
            | (Q(status__in=[P.AWAITING, P.CANCELLED, P.UNPAID, P.PAID]) & Q(posted=True))
            | ~Q(method="escrow") & Q(posted=True)
            | (Q(status=P.RELEASED) & Q(released=False))
            | (Q(status=P.REFUNDED) & ~Q(refund_credited=-F("amount_idr")))
        )
        .values_list(
            "order__number",
            "method",
            "status",
            "amount_idr",
            "held_raw",
            "refund_credited",
            "posted",
            "released",
        )
        .order_by("pk")
    )
    problems = []
    for number, method, status, amount, held_raw, refund_credited, posted, released in rows:
        names = {
            "order": number,
            "status": PaymentStatus(status).label,
            "held": format_rupiah(-held_raw),
            "amount": format_rupiah(amount),
        }
        if status in HOLDING:
            if -held_raw != amount:
                problems.append(
                    _(
                        'Pesanan %(order)s berstatus "%(status)s", tetapi dana ditahannya '
                        "%(held)s, bukan %(amount)s."
                    )
                    % names
                )
        elif held_raw:
            problems.append(
                _(
                    'Pesanan %(order)s berstatus "%(status)s", tetapi masih ada dana ditahan '
                    "%(held)s."
                )
                % names
            )
        if posted and (method != "escrow" or status in (P.AWAITING, P.CANCELLED, P.UNPAID, P.PAID)):
            problems.append(
                _(
                    'Pesanan %(order)s berstatus "%(status)s" dan tidak dibayar lewat rekening '
                    "bersama, tetapi buku kas mencatat uangnya."
                )
                % names
            )
        if status == P.RELEASED and not released:
            problems.append(
                _("Pesanan %(order)s dilepas ke penjual, tetapi tidak ada transaksi pelepasannya.")
                % names
            )
        if status == P.REFUNDED and -refund_credited != amount:
            problems.append(
                _("Pesanan %(order)s dikembalikan ke pembeli %(refund)s, seharusnya %(amount)s.")
                % {**names, "refund": format_rupiah(-refund_credited)}
            )
    return problems


def payout_problems() -> list[str]:
    """Nobody is paid out more than the books gave them, in two queries.

    A seller's payouts add up to at most what releases and splits credited
    their account; the refunds paid for one payment to at most what it owes
    the buyer. (The never-negative check sees the postings; this sees the
    ``Payout`` rows people read, so a payout booked wrongly shows too.)
    """
    problems = []
    credits = LedgerEntry.objects.filter(amount_idr__lt=0)
    sellers = (
        Seller.objects.filter(Exists(Payout.objects.filter(seller=OuterRef("pk"))))
        .annotate(
            paid=_sum_of(
                Payout.objects.filter(kind=Payout.Kind.SELLER, seller=OuterRef("pk")), "seller_id"
            ),
            credited=_sum_of(
                credits.filter(account__kind=AccountKind.SELLER, account__seller=OuterRef("pk")),
                "account__seller_id",
            ),
        )
        .filter(paid__gt=-F("credited"))
        .values_list("business_name", "paid", "credited")
        .order_by("pk")
    )
    for name, paid, credited in sellers:
        problems.append(
            _(
                "%(seller)s sudah dibayar %(paid)s, lebih dari dana yang dilepas "
                "kepadanya (%(released)s)."
            )
            % {"seller": name, "paid": format_rupiah(paid), "released": format_rupiah(-credited)}
        )
    refunds = (
        Payment.objects.filter(Exists(Payout.objects.filter(payment=OuterRef("pk"))))
        .annotate(
            paid=_sum_of(
                Payout.objects.filter(kind=Payout.Kind.REFUND, payment=OuterRef("pk")),
                "payment_id",
            ),
            owed=_sum_of(
                credits.filter(
                    account__kind=AccountKind.REFUND, account__order_id=OuterRef("order_id")
                ),
                "account__order_id",
            ),
        )
        .filter(paid__gt=-F("owed"))
        .values_list("order__number", "paid", "owed")
        .order_by("pk")
    )
    for number, paid, owed in refunds:
        problems.append(
            _(
                "Pengembalian dana pesanan %(order)s sudah dibayar %(paid)s, lebih dari "
                "haknya (%(owed)s)."
            )
            % {"order": number, "paid": format_rupiah(paid), "owed": format_rupiah(-owed)}
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
