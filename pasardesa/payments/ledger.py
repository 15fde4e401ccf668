"""The village escrow's double-entry ledger: accounts, transactions, entries.

Every money movement is one ``LedgerTransaction`` of ``LedgerEntry`` rows whose
amounts sum to zero; an entry is never changed or deleted, a mistake is undone
by a reversing transaction. Amounts are signed whole rupiah: positive is a
debit (money arriving in the village's account), negative a credit (what the
village owes someone for it). ``LedgerAccount.balance_of`` turns the raw sum
into the balance people read (money held, owed to a seller) so the rule "never
below zero" reads the same for every kind.

The one writer is ``payments.services.post_transaction``; on PostgreSQL a
deferred constraint trigger (migration 0002) refuses an unbalanced transaction
at commit and another trigger refuses UPDATE/DELETE of entries, so raw SQL
cannot break the books either. On SQLite ``manage.py check_ledger`` finds what
raw SQL might have done.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AccountKind(models.TextChoices):
    # The village's bank account or QRIS: what it actually holds.
    ESCROW = "escrow", _("Rekening bersama desa")
    # Paid by the buyer for one order, waiting for the goods to arrive.
    HELD = "held", _("Dana ditahan untuk pesanan")
    # Released to a seller, waiting to be paid out.
    SELLER = "seller", _("Hak penjual")
    # To be paid back to the buyer of one order.
    REFUND = "refund", _("Hak pembeli (pengembalian dana)")
    # The village's fee (BUMDes income).
    FEE = "fee", _("Pendapatan BUMDes")


# Debit-normal kinds read their raw sum as is; the others (what the village owes
# or earns) read it negated, so every balance people see is normally >= 0.
DEBIT_NORMAL = frozenset({AccountKind.ESCROW})
# The rule: money held for an order, owed to a seller or owed back to a
# buyer can never be below zero. The escrow asset and fee income may, on paper,
# while a correction is being made (check_ledger still shows them).
NEVER_NEGATIVE = frozenset({AccountKind.HELD, AccountKind.SELLER, AccountKind.REFUND})
PER_ORDER = frozenset({AccountKind.HELD, AccountKind.REFUND})


class LedgerAccount(models.Model):
    """One account of a store's books; per order, per seller or one per store."""

    Kind = AccountKind

    store = models.ForeignKey(
        "stores.Store", on_delete=models.PROTECT, related_name="ledger_accounts"
    )
    kind = models.CharField(max_length=10, choices=AccountKind.choices)
    order = models.ForeignKey(
        "orders.Order",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
    )
    seller = models.ForeignKey(
        "sellers.Seller",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_accounts",
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                name="ledger_account_kind_valid",
                condition=Q(kind__in=AccountKind.values),
            ),
            # Each kind names exactly what it is per: an order, a seller, or the store.
            models.CheckConstraint(
                name="ledger_account_owner_matches_kind",
                condition=(
                    Q(kind__in=sorted(PER_ORDER), order__isnull=False, seller__isnull=True)
                    | Q(kind=AccountKind.SELLER, order__isnull=True, seller__isnull=False)
                    | Q(
                        kind__in=[AccountKind.ESCROW, AccountKind.FEE],
                        order__isnull=True,
                        seller__isnull=True,
                    )
                ),
            ),
            models.UniqueConstraint(
                fields=["store", "kind"],
                condition=Q(order__isnull=True, seller__isnull=True),
                name="ledger_account_one_per_store",
            ),
            models.UniqueConstraint(
                fields=["kind", "order"],
                condition=Q(order__isnull=False),
                name="ledger_account_one_per_order",
            ),
            models.UniqueConstraint(
                fields=["kind", "seller"],
                condition=Q(seller__isnull=False),
                name="ledger_account_one_per_seller",
            ),
        ]

    def __str__(self) -> str:
        owner = self.order_id or self.seller_id
        label = self.get_kind_display()
        return f"{label} #{owner}" if owner else str(label)

    @property
    def may_go_negative(self) -> bool:
        return self.kind not in NEVER_NEGATIVE

    def balance_of(self, raw_sum: int) -> int:
        """The balance people read from the raw sum of this account's entries."""
        return raw_sum if self.kind in DEBIT_NORMAL else -raw_sum


class ImmutableQuerySet(models.QuerySet):
    """Books are written once: a bulk update or delete is refused outright."""

    def update(self, **kwargs):
        raise TypeError("Ledger rows are immutable; post a reversing transaction.")

    def delete(self):
        raise TypeError("Ledger rows are immutable; post a reversing transaction.")


class ImmutableModel(models.Model):
    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True
        # Django's own internals (related managers, deletion) use the base
        # manager: it must refuse bulk changes too.
        base_manager_name = "objects"

    def save(self, *args, **kwargs):
        # Only the first save (the insert) is allowed; _state.adding is False
        # for any row read back from the database.
        if not self._state.adding:
            raise TypeError("Ledger rows are immutable; post a reversing transaction.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Ledger rows are immutable; post a reversing transaction.")


class LedgerTransaction(ImmutableModel):
    """One money movement: its entries sum to zero.

    ``key`` makes posting idempotent (the order and step, or a form's key);
    ``fingerprint`` is a digest of the content posted under it, so a retry
    with the same content returns this row and other content is refused.
    """

    store = models.ForeignKey(
        "stores.Store", on_delete=models.PROTECT, related_name="ledger_transactions"
    )
    key = models.CharField(max_length=200, unique=True)
    fingerprint = models.CharField(max_length=64)
    memo = models.CharField(max_length=200, blank=True)
    # A correction points at what it undoes; one reversal per transaction.
    reverses = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversal",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta(ImmutableModel.Meta):
        constraints = [
            models.CheckConstraint(name="ledger_transaction_key_not_empty", condition=~Q(key="")),
        ]

    def __str__(self) -> str:
        return self.key


class LedgerEntry(ImmutableModel):
    """One leg of a transaction: a signed whole-rupiah amount on one account."""

    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    account = models.ForeignKey(LedgerAccount, on_delete=models.PROTECT, related_name="entries")
    amount_idr = models.BigIntegerField()

    class Meta(ImmutableModel.Meta):
        constraints = [
            models.CheckConstraint(name="ledger_entry_not_zero", condition=~Q(amount_idr=0)),
            models.UniqueConstraint(
                fields=["transaction", "account"], name="ledger_entry_one_per_account"
            ),
        ]
        indexes = [models.Index(fields=["account", "amount_idr"], name="ledger_entry_balance")]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount_idr}"
