"""Payments' tables: what an order costs to pay and where it stands
(``Payment`` and its ``PaymentEvent`` history), money paid out of the village
escrow (``Payout``), and the ledger (``pasardesa.payments.ledger``).

An order paid first (transfer, QRIS, rekening bersama) has one ``Payment``,
made with the order. Its status moves only through
``pasardesa.payments.state.PAYMENT_MACHINE``; for the rekening bersama every
step that moves money also posts one ledger transaction keyed by the order
and the step, so the books and the status never disagree.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from pasardesa.core.money import format_rupiah
from pasardesa.payments.ledger import LedgerAccount, LedgerEntry, LedgerTransaction

__all__ = [
    "LedgerAccount",
    "LedgerEntry",
    "LedgerTransaction",
    "Payment",
    "PaymentEvent",
    "PaymentRole",
    "PaymentStatus",
    "Payout",
    "Reconciliation",
]

# The unique code added to the amount: Rp1–Rp999.
MAX_UNIQUE_CODE = 999


class PaymentStatus(models.TextChoices):
    AWAITING = "awaiting", _("Menunggu pembayaran")
    # A direct transfer or QRIS the seller says arrived.
    PAID = "paid", _("Sudah dibayar ke penjual")
    # The rekening bersama: the treasurer saw the money arrive.
    HELD = "held", _("Dana ditahan di rekening bersama")
    SENT = "sent", _("Barang diserahkan, dana masih ditahan")
    DISPUTED = "disputed", _("Dikomplain, dana ditahan")
    RELEASED = "released", _("Dana dilepas ke penjual")
    REFUNDED = "refunded", _("Dana dikembalikan ke pembeli")
    SPLIT = "split", _("Dana dibagi pembeli dan penjual")
    UNPAID = "unpaid", _("Tidak dibayar sampai batas waktu")
    CANCELLED = "cancelled", _("Dibatalkan sebelum dibayar")


class PaymentRole(models.TextChoices):
    BUYER = "pembeli", _("Pembeli")
    SELLER = "penjual", _("Penjual")
    TREASURER = "bendahara", _("Bendahara")
    OPERATOR = "pengelola", _("Pengelola")
    REGION = "wilayah", _("Admin wilayah")
    SYSTEM = "sistem", _("Sistem")


class Payment(models.Model):
    """How one order is paid: the method, the exact amount (the order's total
    plus a unique code), where to, by when, and the escrow's timers."""

    Status = PaymentStatus
    Role = PaymentRole

    order = models.OneToOneField("orders.Order", on_delete=models.PROTECT, related_name="payment")
    # Denormalised from the order, for the treasurer's and the seller's lists
    # and for the unique codes (one set per account the money goes to).
    store = models.ForeignKey("stores.Store", on_delete=models.PROTECT, related_name="payments")
    seller = models.ForeignKey("sellers.Seller", on_delete=models.PROTECT, related_name="payments")
    method = models.CharField(_("cara bayar"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.AWAITING
    )
    # What the buyer pays: the order's subtotal plus ``unique_code_idr``; the
    # code comes back with the refund or the payout, the village keeps none.
    amount_idr = models.BigIntegerField(_("jumlah dibayar (Rp)"))
    unique_code_idr = models.PositiveSmallIntegerField(_("kode unik (Rp)"))
    # The village's fee (rekening bersama only), fixed when the order was placed.
    fee_idr = models.BigIntegerField(_("biaya desa (Rp)"), default=0)
    # Where the money goes, as the buyer saw it: a later change of account
    # does not redirect money already on its way.
    pay_to = models.CharField(_("bayar ke"), max_length=240, blank=True)
    qris_payload = models.CharField(max_length=512, blank=True)
    pay_by = models.DateTimeField(_("batas bayar"))
    buyer_says_paid_at = models.DateTimeField(
        _("pembeli bilang sudah bayar"), null=True, blank=True
    )
    proof = models.ImageField(_("bukti bayar"), upload_to="payments/proofs/", blank=True)
    # The escrow's timers: the seller sends by ``send_by``; the money is
    # released by itself at ``release_at`` unless the buyer complains.
    send_by = models.DateTimeField(null=True, blank=True)
    release_at = models.DateTimeField(null=True, blank=True)
    extended = models.BooleanField(_("sudah diperpanjang"), default=False)
    # Where a refund goes (the buyer's bank or e-wallet), given by the buyer.
    refund_to = models.CharField(_("rekening pengembalian"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pembayaran")
        verbose_name_plural = _("pembayaran")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["store", "status"], name="payment_store_status"),
            models.Index(fields=["status", "pay_by"], name="payment_status_pay_by"),
            models.Index(fields=["status", "release_at"], name="payment_status_release"),
            models.Index(fields=["status", "send_by"], name="payment_status_send_by"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=PaymentStatus.values), name="payment_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(method__in=["transfer", "qris", "escrow"]), name="payment_method_valid"
            ),
            models.CheckConstraint(
                condition=Q(unique_code_idr__gte=1, unique_code_idr__lte=MAX_UNIQUE_CODE),
                name="payment_unique_code_1_to_999",
            ),
            models.CheckConstraint(
                condition=Q(amount_idr__gt=0) & Q(fee_idr__gte=0), name="payment_amounts_positive"
            ),
            models.CheckConstraint(
                condition=Q(method="escrow") | Q(fee_idr=0), name="payment_fee_only_escrow"
            ),
            models.CheckConstraint(
                condition=Q(method="escrow")
                | Q(status__in=["awaiting", "paid", "unpaid", "cancelled"]),
                name="payment_direct_statuses",
            ),
            # Two unpaid orders to the same account never share a code, so a
            # line of the bank statement names one order.
            models.UniqueConstraint(
                fields=["store", "unique_code_idr"],
                condition=Q(method="escrow", status="awaiting"),
                name="payment_code_unique_per_escrow",
            ),
            models.UniqueConstraint(
                fields=["seller", "unique_code_idr"],
                condition=Q(method__in=["transfer", "qris"], status="awaiting"),
                name="payment_code_unique_per_seller",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id} {self.status}"

    @property
    def amount_display(self) -> str:
        return format_rupiah(self.amount_idr)

    @property
    def is_escrow(self) -> bool:
        return self.method == "escrow"

    @property
    def seller_share_idr(self) -> int:
        """What the seller is owed when the money is released in full."""
        return self.amount_idr - self.fee_idr


class PaymentEvent(models.Model):
    """One step of a payment: who, when, from, to, and what they wrote."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=10, choices=PaymentStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=PaymentStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(_("oleh"), max_length=10, choices=PaymentRole.choices)
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.from_status} → {self.to_status}"


class Payout(models.Model):
    """Money paid out of the rekening bersama by the treasurer: to a seller
    (what was released to them) or back to a buyer (a refund)."""

    class Kind(models.TextChoices):
        SELLER = "seller", _("Pembayaran ke penjual")
        REFUND = "refund", _("Pengembalian dana ke pembeli")

    store = models.ForeignKey("stores.Store", on_delete=models.PROTECT, related_name="payouts")
    kind = models.CharField(_("jenis"), max_length=6, choices=Kind.choices)
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, null=True, blank=True, related_name="payouts"
    )
    payment = models.ForeignKey(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="refunds"
    )
    amount_idr = models.BigIntegerField(_("jumlah (Rp)"))
    paid_to = models.CharField(_("dibayar ke"), max_length=240)
    reference = models.CharField(_("nomor referensi transfer"), max_length=60)
    paid_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The ledger transaction that booked it (its key makes a double tap pay once).
    transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, related_name="payout"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pembayaran keluar")
        verbose_name_plural = _("pembayaran keluar")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_idr__gt=0), name="payout_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind="seller", seller__isnull=False, payment__isnull=True)
                | Q(kind="refund", seller__isnull=True, payment__isnull=False),
                name="payout_kind_matches_owner",
            ),
            models.CheckConstraint(condition=~Q(reference=""), name="payout_has_reference"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {format_rupiah(self.amount_idr)}"


class Reconciliation(models.Model):
    """The treasurer's check of the books against the bank: the balance the
    bank showed on ``date`` beside what the ledger expected then.

    Kept, never edited: a difference found last month stays readable after
    it was explained by a correction.
    """

    store = models.ForeignKey(
        "stores.Store", on_delete=models.PROTECT, related_name="reconciliations"
    )
    date = models.DateField(_("tanggal saldo bank"))
    bank_balance_idr = models.BigIntegerField(_("saldo bank (Rp)"))
    # What the ledger's escrow account held when the entry was made.
    expected_idr = models.BigIntegerField(_("saldo menurut buku (Rp)"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pencocokan saldo")
        verbose_name_plural = _("pencocokan saldo")
        ordering = ["-date", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.store_id} {self.date}"

    @property
    def difference_idr(self) -> int:
        """Bank minus books: positive is money the books do not explain."""
        return self.bank_balance_idr - self.expected_idr

    @property
    def gap_idr(self) -> int:
        return abs(self.difference_idr)
