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
    "Complaint",
    "ComplaintEvent",
    "ComplaintPhoto",
    "ComplaintReason",
    "ComplaintStatus",
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
            # "Paid to the seller" is a direct payment's end; escrow money is held.
            models.CheckConstraint(
                condition=~Q(method="escrow", status="paid"), name="payment_escrow_never_paid"
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


# --- Complaints (komplain) ----------------------------------------------------------------

MAX_COMPLAINT_PHOTOS = 3
MAX_COMPLAINT_TEXT = 1000


class ComplaintReason(models.TextChoices):
    NOT_RECEIVED = "not_received", _("Barang tidak sampai")
    WRONG_OR_DAMAGED = "wrong_damaged", _("Barang salah atau rusak")
    NOT_AS_DESCRIBED = "not_described", _("Barang tidak sesuai deskripsi")


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("Menunggu jawaban penjual")
    OFFERED = "offered", _("Penjual menawarkan pengembalian sebagian")
    RETURN_REQUESTED = "return", _("Penjual minta barang dikembalikan")
    RETURN_SENT = "returned", _("Barang sudah dikirim balik, menunggu penjual")
    OPERATOR = "operator", _("Menunggu keputusan pengelola")
    # The operator decided; the money moves when the appeal window closes.
    DECIDED = "decided", _("Diputuskan pengelola, masa banding")
    APPEALED = "appealed", _("Banding, menunggu admin wilayah")
    REFUNDED = "refunded", _("Semua dana dikembalikan ke pembeli")
    GRANTED = "granted", _("Dikabulkan: penjual tidak menjawab, dana dikembalikan")
    SPLIT = "split", _("Dana dibagi pembeli dan penjual")
    RELEASED = "released", _("Dana dilepas ke penjual")


# Where the money has been decided (the parts are fixed) and where it has moved.
COMPLAINT_DECIDED = ("decided", "refunded", "granted", "split", "released")
COMPLAINT_CLOSED = ("refunded", "granted", "split", "released")


class Complaint(models.Model):
    """A buyer's complaint about a rekening bersama order, inside the release
    window; the money stays held (the payment is disputed) until it is
    decided. Its status moves only through
    ``pasardesa.payments.state.COMPLAINT_MACHINE``.

    One per payment (the one-to-one): a payment leaves "sent" when the
    complaint is filed and never returns there, so a second complaint (open or
    not) cannot exist.
    """

    Reason = ComplaintReason
    Status = ComplaintStatus

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="complaint")
    # Denormalised for the seller's, the operator's and the region's queues.
    store = models.ForeignKey("stores.Store", on_delete=models.PROTECT, related_name="complaints")
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, related_name="complaints"
    )
    reason = models.CharField(_("alasan"), max_length=16, choices=ComplaintReason.choices)
    description = models.TextField(_("cerita pembeli"), max_length=MAX_COMPLAINT_TEXT)
    status = models.CharField(
        _("status"), max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    # The payment's amount when filed: the parts of a decision add up to it.
    amount_idr = models.BigIntegerField(_("jumlah ditahan (Rp)"))
    # The seller's partial offer: what the buyer would get back.
    offer_idr = models.BigIntegerField(_("tawaran pengembalian (Rp)"), null=True, blank=True)
    # Timers: the seller answers by ``seller_answer_by`` (again after a
    # return is sent), the operator decides by ``operator_by``, an operator's
    # decision may be appealed until ``appeal_by``, and whatever is undecided
    # at ``decide_by`` is refunded.
    seller_answer_by = models.DateTimeField(_("batas jawaban penjual"), null=True, blank=True)
    operator_by = models.DateTimeField(_("batas keputusan pengelola"), null=True, blank=True)
    appeal_by = models.DateTimeField(_("batas banding"), null=True, blank=True)
    decide_by = models.DateTimeField(_("batas keputusan"))
    appealed_role = models.CharField(
        _("banding oleh"), max_length=10, choices=PaymentRole.choices, blank=True
    )
    appealed_at = models.DateTimeField(null=True, blank=True)
    decided_role = models.CharField(
        _("diputuskan oleh"), max_length=10, choices=PaymentRole.choices, blank=True
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # Each side may accept the operator's decision instead of waiting out the
    # appeal window; when both have, the money moves at once.
    buyer_accepted_at = models.DateTimeField(null=True, blank=True)
    seller_accepted_at = models.DateTimeField(null=True, blank=True)
    buyer_part_idr = models.BigIntegerField(_("bagian pembeli (Rp)"), null=True, blank=True)
    seller_part_idr = models.BigIntegerField(_("bagian penjual (Rp)"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("komplain")
        verbose_name_plural = _("komplain")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["store", "status"], name="complaint_store_status"),
            models.Index(fields=["seller", "status"], name="complaint_seller_status"),
            models.Index(fields=["status", "decide_by"], name="complaint_status_decide_by"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ComplaintStatus.values), name="complaint_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=ComplaintReason.values), name="complaint_reason_valid"
            ),
            models.CheckConstraint(condition=Q(amount_idr__gt=0), name="complaint_amount_positive"),
            # A partial offer gives back something, not everything.
            models.CheckConstraint(
                condition=Q(offer_idr__isnull=True)
                | Q(offer_idr__gt=0, offer_idr__lt=models.F("amount_idr")),
                name="complaint_offer_partial",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_idr__isnull=False),
                name="complaint_offered_has_offer",
            ),
            # Decided: two non-negative parts that add up to the held amount,
            # matching the outcome; undecided: no parts yet.
            models.CheckConstraint(
                condition=(
                    Q(status__in=COMPLAINT_DECIDED)
                    # Spelled out: a CHECK lets NULL (unknown) through.
                    & Q(buyer_part_idr__isnull=False, seller_part_idr__isnull=False)
                    & Q(buyer_part_idr__gte=0, seller_part_idr__gte=0)
                    & Q(
                        buyer_part_idr=models.F("amount_idr") - models.F("seller_part_idr"),
                    )
                )
                | (
                    ~Q(status__in=COMPLAINT_DECIDED)
                    & Q(buyer_part_idr__isnull=True, seller_part_idr__isnull=True)
                ),
                name="complaint_parts_sum_to_amount",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["refunded", "granted"]) | Q(seller_part_idr=0),
                name="complaint_refund_gives_all_back",
            ),
            models.CheckConstraint(
                condition=~Q(status="released") | Q(buyer_part_idr=0),
                name="complaint_release_gives_all",
            ),
            models.CheckConstraint(
                condition=~Q(status="split") | Q(buyer_part_idr__gt=0, seller_part_idr__gt=0),
                name="complaint_split_has_two_parts",
            ),
            models.CheckConstraint(
                condition=Q(appealed_role__in=["", "pembeli", "penjual"]),
                name="complaint_appeal_by_a_side",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.payment_id} {self.status}"

    @property
    def is_closed(self) -> bool:
        return self.status in COMPLAINT_CLOSED


class ComplaintEvent(models.Model):
    """One message or decision of a complaint: who (and as what), when, the
    status before and after (the same for a plain message), the words, and the
    amount when one was named (an offer, a decision's buyer part)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=10, choices=ComplaintStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=ComplaintStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(_("oleh"), max_length=10, choices=PaymentRole.choices)
    text = models.TextField(_("pesan"), blank=True)
    amount_idr = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.from_status} → {self.to_status}"


class ComplaintPhoto(models.Model):
    """A photo the buyer sent with the complaint, re-encoded to WebP by
    ``pasardesa.core.images`` (the original is never stored)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    position = models.PositiveSmallIntegerField(default=0)
    thumb = models.ImageField(upload_to="complaints/")
    thumb_width = models.PositiveSmallIntegerField()
    thumb_height = models.PositiveSmallIntegerField()
    image = models.ImageField(upload_to="complaints/")
    image_width = models.PositiveSmallIntegerField()
    image_height = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "position"], name="complaint_photo_position_unique"
            ),
            models.CheckConstraint(
                condition=Q(position__lt=MAX_COMPLAINT_PHOTOS), name="complaint_at_most_3_photos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id}#{self.position}"
