"""The treasurer's reads: payments to confirm, money held, who is owed what,
refunds to pay, and what the bank should hold. Each a fixed number of queries."""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from pasardesa.payments.ledger import DEBIT_NORMAL, AccountKind, LedgerAccount
from pasardesa.payments.models import Payment, PaymentStatus, Payout, Reconciliation

HELD_STATUSES = (PaymentStatus.HELD, PaymentStatus.SENT, PaymentStatus.DISPUTED)


def payments_to_confirm(store) -> QuerySet[Payment]:
    """Escrow payments waiting for the treasurer to see the money, newest first."""
    return (
        Payment.objects.filter(store=store, method="escrow", status=PaymentStatus.AWAITING)
        .select_related("order__checkout", "seller")
        .order_by("-created_at", "-id")
    )


def money_held(store) -> QuerySet[Payment]:
    """Escrow payments whose money the village holds, the soonest timer first."""
    return (
        Payment.objects.filter(store=store, method="escrow", status__in=HELD_STATUSES)
        .select_related("order__checkout", "seller")
        .order_by("status", "send_by", "release_at", "id")
    )


def _with_balance(accounts):
    """Accounts (raw sum annotated) whose balance people read is above zero."""
    return accounts.annotate(raw=Coalesce(Sum("entries__amount_idr"), 0)).filter(raw__lt=0)


@dataclass
class Owed:
    seller: object
    amount_idr: int


def sellers_owed(store) -> list[Owed]:
    """Each seller of ``store`` with money released to them and not yet paid
    out, with their bank account, in one query (largest first)."""
    accounts = _with_balance(
        LedgerAccount.objects.filter(store=store, kind=AccountKind.SELLER)
    ).select_related("seller")
    rows = [Owed(seller=a.seller, amount_idr=-a.raw) for a in accounts]
    return sorted(rows, key=lambda row: (-row.amount_idr, row.seller.business_name))


@dataclass
class RefundDue:
    payment: Payment
    amount_idr: int


def refunds_due(store) -> list[RefundDue]:
    """Each order of ``store`` owing its buyer a refund, in two queries."""
    owed = {
        a.order_id: -a.raw
        for a in _with_balance(LedgerAccount.objects.filter(store=store, kind=AccountKind.REFUND))
    }
    payments = (
        Payment.objects.filter(order_id__in=list(owed))
        .select_related("order__checkout", "seller", "store__escrow")
        .order_by("updated_at", "id")
    )
    return [RefundDue(payment=p, amount_idr=owed[p.order_id]) for p in payments]


@dataclass
class Books:
    """What the ledger says the village's account should hold, by part."""

    escrow_idr: int = 0
    held_idr: int = 0
    sellers_idr: int = 0
    refunds_idr: int = 0
    fee_idr: int = 0

    @property
    def expected_idr(self) -> int:
        """Held + owed to sellers + owed to buyers + fee income: the bank's
        balance when every posting matches a real movement of money."""
        return self.held_idr + self.sellers_idr + self.refunds_idr + self.fee_idr


def books(store, *, until: datetime.datetime | None = None) -> Books:
    """The store's balances per account kind (of postings before ``until``,
    else of all), in one query."""
    posted = Q(entries__transaction__created_at__lt=until) if until is not None else Q()
    rows = (
        LedgerAccount.objects.filter(store=store)
        .values("kind")
        .annotate(raw=Coalesce(Sum("entries__amount_idr", filter=posted), 0))
        .order_by("kind")
    )
    totals = {
        row["kind"]: row["raw"] if row["kind"] in DEBIT_NORMAL else -row["raw"] for row in rows
    }
    return Books(
        escrow_idr=totals.get(AccountKind.ESCROW, 0),
        held_idr=totals.get(AccountKind.HELD, 0),
        sellers_idr=totals.get(AccountKind.SELLER, 0),
        refunds_idr=totals.get(AccountKind.REFUND, 0),
        fee_idr=totals.get(AccountKind.FEE, 0),
    )


def treasury_counts(store) -> dict[str, int]:
    """The overview's counts, in three queries."""
    counts = Payment.objects.filter(store=store, method="escrow").aggregate(
        to_confirm=Count("id", filter=Q(status=PaymentStatus.AWAITING)),
        held=Count("id", filter=Q(status__in=HELD_STATUSES)),
        disputed=Count("id", filter=Q(status=PaymentStatus.DISPUTED)),
    )
    counts["payouts"] = (
        _with_balance(LedgerAccount.objects.filter(store=store, kind=AccountKind.SELLER))
        .values("pk")
        .count()
    )
    counts["refunds"] = (
        _with_balance(LedgerAccount.objects.filter(store=store, kind=AccountKind.REFUND))
        .values("pk")
        .count()
    )
    return counts


def recent_payouts(store, *, kind: str, limit: int = 20) -> list[Payout]:
    return list(
        Payout.objects.filter(store=store, kind=kind)
        .select_related("seller", "payment__order", "paid_by")
        .order_by("-created_at", "-id")[:limit]
    )


def reconciliations(store, limit: int = 20) -> list[Reconciliation]:
    return list(Reconciliation.objects.filter(store=store).select_related("entered_by")[:limit])


# The bank's bulk transfer list. Written the way Indonesian Excel opens it
# (UTF-8 with a BOM, ";" between fields, CRLF), amounts as plain digits, and
# text a spreadsheet would run as a formula (=, +, -, @) behind an apostrophe:
# business names are typed by sellers (CSV injection).
CSV_COLUMNS = ["bank", "nomor_rekening", "atas_nama", "jumlah", "keterangan"]


def _cell(value) -> str:
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def payouts_csv(store) -> bytes:
    """One row per seller owed money: bank, account number, holder, amount, note."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in sellers_owed(store):
        seller = row.seller
        note = f"{store.name} {seller.business_name}"[:60]
        writer.writerow(
            [
                _cell(seller.bank_name),
                _cell(seller.bank_account_number),
                _cell(seller.bank_account_holder),
                row.amount_idr,
                _cell(note),
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
