"""Checkouts, orders, their lines and their history.

A buyer places one *checkout* (the whole cart); it becomes one *order* per
seller, because each seller accepts, prepares and hands over their own goods.
Lines keep a snapshot of name, unit and price: what the buyer agreed to stays
readable after the seller edits or deletes the product. Every status change is
an ``OrderEvent`` (see ``pasardesa.orders.state`` for the allowed ones).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from pasardesa.core.money import format_rupiah

# One cart line: the cart, the checkout and the database agree on these bounds.
MAX_QUANTITY = 9_999
MAX_CART_LINES = 100


class Checkout(models.Model):
    """One placed cart: who buys, where to, and the key that makes it happen once."""

    buyer_name = models.CharField(_("nama pembeli"), max_length=120)
    buyer_phone = models.CharField(
        _("nomor WhatsApp pembeli"), max_length=20, help_text=_("Disimpan dalam format +62…")
    )
    # Asked for only when something is delivered: a buyer who picks up from a
    # neighbour needs to give neither (the service checks, per checkout).
    address = models.TextField(_("alamat"), max_length=500, blank=True)
    village = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"level": 4},
        null=True,
        blank=True,
        verbose_name=_("desa/kelurahan"),
    )
    dusun = models.CharField(_("dusun/lingkungan"), max_length=60, blank=True)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    note = models.TextField(_("catatan"), max_length=500, blank=True)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="checkouts",
        verbose_name=_("akun pembeli"),
    )
    idempotency_key = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkout")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(buyer_name="") & ~Q(buyer_phone=""),
                name="checkout_buyer_filled",
            ),
        ]

    def __str__(self) -> str:
        return self.buyer_name

    @property
    def rt_rw(self) -> str:
        if self.rt and self.rw:
            return f"RT {self.rt}/RW {self.rw}"
        if self.rt:
            return f"RT {self.rt}"
        return f"RW {self.rw}" if self.rw else ""


class OrderStatus(models.TextChoices):
    NEW = "new", _("Menunggu jawaban penjual")
    ACCEPTED = "accepted", _("Diterima penjual")
    DECLINED = "declined", _("Ditolak penjual")
    CANCELLED = "cancelled", _("Dibatalkan")
    EXPIRED = "expired", _("Kedaluwarsa (tidak dijawab)")
    PREPARING = "preparing", _("Sedang disiapkan")
    READY = "ready", _("Siap diambil/dikirim")
    DELIVERED = "delivered", _("Sudah diserahkan")
    COMPLETED = "completed", _("Selesai")


class Fulfilment(models.TextChoices):
    PICKUP = "pickup", _("Ambil sendiri")
    SELLER_DELIVERY = "seller_delivery", _("Diantar penjual")
    # The village courier ("kurir desa") joins with the delivery issue: a new
    # value here, in DELIVERED and in the constraint below.


# The ways that bring the goods to the buyer, and so need an address.
DELIVERED = frozenset({Fulfilment.SELLER_DELIVERY})


class PaymentMethod(models.TextChoices):
    COD = "cod", _("Bayar di tempat (COD)")
    TRANSFER = "transfer", _("Transfer langsung ke penjual")
    QRIS = "qris", _("QRIS langsung ke penjual")
    ESCROW = "escrow", _("Rekening bersama desa")


# Paid before the goods come: the payments app keeps what is owed, the exact
# amount and the deadline (pasardesa.payments.models.Payment).
PREPAID = frozenset({PaymentMethod.TRANSFER, PaymentMethod.QRIS, PaymentMethod.ESCROW})
# Held by the village until the buyer has the goods: the buyer (or the release
# timer), never the seller, says the order is done.
HELD_BY_VILLAGE = frozenset({PaymentMethod.ESCROW})


def payment_methods_for(seller) -> list[str]:
    """The ways a buyer may pay ``seller``, in the order the checkout lists them.

    Cash always; a direct transfer or QRIS only to what the seller's owner has
    set up; the village escrow when the seller's store runs one.
    """
    methods = [PaymentMethod.COD]
    if seller.has_bank_account:
        methods.append(PaymentMethod.TRANSFER)
    if seller.has_qris:
        methods.append(PaymentMethod.QRIS)
    escrow = getattr(seller.store, "escrow", None)
    if escrow is not None and escrow.is_active:
        methods.append(PaymentMethod.ESCROW)
    return methods


class ActorRole(models.TextChoices):
    BUYER = "pembeli", _("Pembeli")
    SELLER = "penjual", _("Penjual")
    SYSTEM = "sistem", _("Sistem")


class StatusEvent(models.Model):
    """Who took a step, when, and what they wrote: the shared half of
    ``OrderEvent`` and ``OfferEvent`` (each adds its own from/to statuses)."""

    Role = ActorRole

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_role = models.CharField(_("oleh"), max_length=7, choices=ActorRole.choices)
    note = models.TextField(_("catatan"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["created_at", "id"]


class Order(models.Model):
    """What one seller has to deliver for one checkout."""

    Status = OrderStatus
    Fulfilment = Fulfilment
    Payment = PaymentMethod

    checkout = models.ForeignKey(Checkout, on_delete=models.PROTECT, related_name="orders")
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, related_name="orders", verbose_name=_("penjual")
    )
    # The seller's store at the time of the order, for the village's reports.
    store = models.ForeignKey(
        "stores.Store", on_delete=models.PROTECT, related_name="orders", verbose_name=_("toko")
    )
    number = models.CharField(_("nomor pesanan"), max_length=16, unique=True)
    # The buyer's private link: whoever has it sees the order, so it is random
    # and long (192 bits), never derived from the number.
    tracking_token = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=OrderStatus.choices, default=OrderStatus.NEW
    )
    fulfilment = models.CharField(_("pengambilan"), max_length=20, choices=Fulfilment.choices)
    payment_method = models.CharField(_("pembayaran"), max_length=20, choices=PaymentMethod.choices)
    subtotal_idr = models.BigIntegerField(_("jumlah (Rp)"))
    # The seller's account as the buyer saw it when ordering (a transfer goes
    # where the order said, even if the seller changes their account later).
    transfer_to = models.CharField(_("transfer ke"), max_length=200, blank=True)
    expires_at = models.DateTimeField(_("batas jawab penjual"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pesanan")
        verbose_name_plural = _("pesanan")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["seller", "status", "-created_at"], name="order_seller_inbox"),
            # The expiry job: new orders past their time.
            models.Index(fields=["status", "expires_at"], name="order_status_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(subtotal_idr__gte=0), name="order_subtotal_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(status__in=OrderStatus.values), name="order_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(fulfilment__in=Fulfilment.values),
                name="order_fulfilment_valid",
            ),
            models.CheckConstraint(
                condition=Q(payment_method__in=PaymentMethod.values),
                name="order_payment_valid",
            ),
            models.CheckConstraint(
                condition=~Q(payment_method=PaymentMethod.TRANSFER) | ~Q(transfer_to=""),
                name="order_transfer_has_account",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def subtotal_display(self) -> str:
        return format_rupiah(self.subtotal_idr)


class OrderLine(models.Model):
    """One product of an order, as the buyer agreed to it."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(
        "catalog.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    product_name = models.CharField(_("produk"), max_length=120)
    unit = models.CharField(_("satuan"), max_length=20)
    unit_price_idr = models.BigIntegerField(_("harga satuan (Rp)"))
    quantity = models.PositiveIntegerField(_("jumlah"))
    line_total_idr = models.BigIntegerField(_("total (Rp)"))
    # Whether placing the order took the units from a counted stock; only then
    # are they given back (a product whose stock was not counted owes nothing).
    stock_reserved = models.BooleanField(default=False, editable=False)
    # The accepted offer this line was bought at; one-to-one, so the database
    # itself refuses a second order at the same agreed price.
    offer = models.OneToOneField(
        "Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="order_line",
        verbose_name=_("tawaran"),
    )

    class Meta:
        verbose_name = _("baris pesanan")
        verbose_name_plural = _("baris pesanan")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit_price_idr__gte=0), name="order_line_price_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1, quantity__lte=MAX_QUANTITY),
                name="order_line_quantity_1_to_9999",
            ),
            models.CheckConstraint(
                condition=Q(line_total_idr=F("unit_price_idr") * F("quantity")),
                name="order_line_total_is_price_times_quantity",
            ),
            models.UniqueConstraint(fields=["order", "product"], name="order_line_product_once"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.product_name}"


class OrderEvent(StatusEvent):
    """One step of an order: who moved it, when, from what to what, and why.

    Both the buyer and the seller read these on the order page.
    """

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    # Empty for the first event (the order was placed).
    from_status = models.CharField(max_length=10, choices=OrderStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=OrderStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("riwayat pesanan")
        verbose_name_plural = _("riwayat pesanan")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor_role__in=ActorRole.values), name="order_event_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(from_status__in=["", *OrderStatus.values])
                & Q(to_status__in=OrderStatus.values),
                name="order_event_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order_id}: {self.from_status or '-'} → {self.to_status}"


# --- Bargaining (tawar) -------------------------------------------------------------

# The proposals of one offer, both sides together: enough to meet in the
# middle, few enough that a haggle ends.
MAX_OFFER_ROUNDS = 10
# An agreed price holds this long for the buyer to check it out.
ACCEPTED_OFFER_HOURS = 24


class OfferStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu jawaban penjual")
    COUNTERED = "countered", _("Penjual menawar balik")
    ACCEPTED = "accepted", _("Harga disepakati")
    DECLINED = "declined", _("Ditolak penjual")
    CANCELLED = "cancelled", _("Dibatalkan pembeli")
    EXPIRED = "expired", _("Kedaluwarsa")
    ORDERED = "ordered", _("Sudah dipesan")


class Offer(models.Model):
    """A buyer's offer (tawaran) for a quantity of a negotiable product.

    The buyer proposes a unit price, the seller accepts, declines or counters,
    the buyer may counter back, up to ``MAX_OFFER_ROUNDS`` proposals. An
    accepted offer is a price the buyer may check out once, within
    ``ACCEPTED_OFFER_HOURS``; see ``pasardesa.orders.state.OFFER_TRANSITIONS``.
    Name, unit and list price are snapshotted like order lines.
    """

    Status = OfferStatus

    number = models.CharField(_("nomor tawaran"), max_length=16, unique=True)
    # The buyer's private link, random like an order's tracking token.
    token = models.CharField(max_length=64, unique=True, editable=False)
    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("produk"),
    )
    seller = models.ForeignKey(
        "sellers.Seller", on_delete=models.PROTECT, related_name="offers", verbose_name=_("penjual")
    )
    store = models.ForeignKey(
        "stores.Store", on_delete=models.PROTECT, related_name="offers", verbose_name=_("toko")
    )
    product_name = models.CharField(_("produk"), max_length=120)
    unit = models.CharField(_("satuan"), max_length=20)
    list_price_idr = models.BigIntegerField(_("harga jual saat ditawar (Rp)"))
    quantity = models.PositiveIntegerField(_("jumlah"))
    buyer_name = models.CharField(_("nama pembeli"), max_length=120)
    buyer_phone = models.CharField(_("nomor WhatsApp pembeli"), max_length=20)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("akun pembeli"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=OfferStatus.choices, default=OfferStatus.PENDING
    )
    # The latest unit price each side proposed; the one on the table is the
    # buyer's while pending, the seller's while countered.
    buyer_price_idr = models.BigIntegerField(_("tawaran pembeli (Rp)"))
    seller_price_idr = models.BigIntegerField(_("harga dari penjual (Rp)"), null=True, blank=True)
    agreed_price_idr = models.BigIntegerField(_("harga sepakat (Rp)"), null=True, blank=True)
    rounds = models.PositiveSmallIntegerField(_("putaran"), default=1)
    # When the current step lapses: the other side's time to answer, or the
    # buyer's time to check out an agreed price.
    expires_at = models.DateTimeField(_("berlaku sampai"))
    idempotency_key = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tawaran")
        verbose_name_plural = _("tawaran")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["seller", "status", "-created_at"], name="offer_seller_inbox"),
            models.Index(fields=["status", "expires_at"], name="offer_status_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OfferStatus.values), name="offer_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1, quantity__lte=MAX_QUANTITY),
                name="offer_quantity_1_to_9999",
            ),
            models.CheckConstraint(
                condition=Q(buyer_price_idr__gte=1, list_price_idr__gte=0),
                name="offer_prices_positive",
            ),
            # A counter is always above what the buyer last offered: below it
            # the seller would simply accept.
            models.CheckConstraint(
                condition=Q(seller_price_idr__isnull=True)
                | Q(seller_price_idr__gt=F("buyer_price_idr")),
                name="offer_counter_above_buyer_price",
            ),
            # The agreed price is one of the two proposals, and there is one
            # exactly when the offer was accepted (then ordered or lapsed).
            models.CheckConstraint(
                condition=Q(agreed_price_idr__isnull=True)
                | Q(agreed_price_idr=F("buyer_price_idr"))
                | Q(seller_price_idr__isnull=False, agreed_price_idr=F("seller_price_idr")),
                name="offer_agreed_price_is_a_proposal",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[OfferStatus.ACCEPTED, OfferStatus.ORDERED])
                | Q(agreed_price_idr__isnull=False),
                name="offer_accepted_has_agreed_price",
            ),
            models.CheckConstraint(
                condition=Q(rounds__gte=1, rounds__lte=MAX_OFFER_ROUNDS),
                name="offer_rounds_1_to_max",
            ),
            models.CheckConstraint(
                condition=~Q(buyer_name="") & ~Q(buyer_phone=""), name="offer_buyer_filled"
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def price_on_table_idr(self) -> int:
        """The unit price waiting for an answer (or agreed)."""
        if self.agreed_price_idr is not None:
            return self.agreed_price_idr
        if self.status == OfferStatus.COUNTERED and self.seller_price_idr is not None:
            return self.seller_price_idr
        return self.buyer_price_idr

    @property
    def total_on_table_idr(self) -> int:
        return self.price_on_table_idr * self.quantity

    def unit_price_for(self, product) -> int:
        """What the buyer pays per unit: the agreed price, or the shelf price
        when the seller has since made the product cheaper than that."""
        return min(self.agreed_price_idr, product.sale_price_idr)

    @property
    def rounds_left(self) -> int:
        return MAX_OFFER_ROUNDS - self.rounds


class OfferEvent(StatusEvent):
    """One step of an offer: a proposal, an answer or its end, with the price."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=10, choices=OfferStatus.choices, blank=True)
    to_status = models.CharField(max_length=10, choices=OfferStatus.choices)
    # The unit price this step proposed or agreed; empty for the others.
    price_idr = models.BigIntegerField(_("harga (Rp)"), null=True, blank=True)

    class Meta(StatusEvent.Meta):
        verbose_name = _("riwayat tawaran")
        verbose_name_plural = _("riwayat tawaran")
        constraints = [
            models.CheckConstraint(
                condition=Q(actor_role__in=ActorRole.values), name="offer_event_role_valid"
            ),
            models.CheckConstraint(
                condition=Q(from_status__in=["", *OfferStatus.values])
                & Q(to_status__in=OfferStatus.values),
                name="offer_event_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(price_idr__isnull=True) | Q(price_idr__gte=1),
                name="offer_event_price_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id}: {self.from_status or '-'} → {self.to_status}"
