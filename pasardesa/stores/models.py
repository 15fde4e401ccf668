import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasardesa.core.models import StaticQrisFields
from pasardesa.regions.timezones import zone_for_region_code

CLOSED_NOTE_MAX_LENGTH = 200


@dataclass(frozen=True)
class Closure:
    """A "tutup sementara" in force: whose switch (the seller's or the whole
    store's), the last day closed (None: until switched back on) and the note
    buyers read."""

    by_store: bool
    until: datetime.date | None
    note: str


class Store(models.Model):
    """A village's online store (toko online desa): the tenant of the market.

    A village has at most one store; everything sold in it belongs to the
    village's own sellers.
    """

    village = models.OneToOneField(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="store",
        limit_choices_to={"level": 4},
        verbose_name=_("desa/kelurahan"),
    )
    name = models.CharField(_("nama toko"), max_length=120)
    slug = models.SlugField(_("alamat"), max_length=80, unique=True)
    tagline = models.CharField(_("slogan"), max_length=160, blank=True)
    description = models.TextField(_("tentang desa"), blank=True)
    whatsapp = models.CharField(_("WhatsApp pengelola"), max_length=20, blank=True)
    address = models.CharField(_("alamat kantor"), max_length=255, blank=True)
    logo = models.ImageField(_("logo"), upload_to="stores/", blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    # Why the regional admin closed the store (its operators read it); cleared on reopening.
    inactive_reason = models.CharField(_("alasan dinonaktifkan"), max_length=500, blank=True)
    # An order the seller has not accepted by then expires and its stock comes
    # back (see pasardesa.orders.services.expire_orders); at most one week.
    order_expiry_hours = models.PositiveSmallIntegerField(
        _("batas waktu jawab pesanan (jam)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text=_(
            "Pesanan yang tidak dijawab penjual dalam waktu ini kedaluwarsa dan stoknya kembali."
        ),
    )
    # An order to be paid first (transfer, QRIS, rekening bersama) that is not
    # paid by then is cancelled and its stock comes back.
    unpaid_expiry_hours = models.PositiveSmallIntegerField(
        _("batas waktu bayar (jam)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(168)],
        help_text=_("Pesanan yang belum dibayar dalam waktu ini dibatalkan dan stoknya kembali."),
    )
    # The operator's "tutup sementara" for every seller of the store (a village
    # holiday, a disaster): no orders and no WhatsApp ordering. ``closed_until``
    # is the last day closed, in the store's zone; after it the store is open
    # again by itself.
    temporarily_closed = models.BooleanField(_("tutup sementara"), default=False)
    closed_until = models.DateField(_("tutup sampai tanggal"), null=True, blank=True)
    closed_note = models.CharField(
        _("pesan untuk pembeli"), max_length=CLOSED_NOTE_MAX_LENGTH, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("toko desa")
        verbose_name_plural = _("toko desa")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(order_expiry_hours__gte=1, order_expiry_hours__lte=168),
                name="order_expiry_1_to_168_hours",
                violation_error_message=_("Batas waktu pesanan antara 1 dan 168 jam (7 hari)."),
            ),
            models.CheckConstraint(
                condition=models.Q(unpaid_expiry_hours__gte=1, unpaid_expiry_hours__lte=168),
                name="unpaid_expiry_1_to_168_hours",
                violation_error_message=_("Batas waktu bayar antara 1 dan 168 jam (7 hari)."),
            ),
            models.CheckConstraint(
                condition=models.Q(temporarily_closed=True)
                | models.Q(closed_until__isnull=True, closed_note=""),
                name="store_closure_details_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("market:store", kwargs={"slug": self.slug})

    @property
    def time_zone(self) -> ZoneInfo:
        """WIB, WITA or WIT, from the village's province: every time about this
        store (hours, orders, offers, events) is read and shown in it."""
        return zone_for_region_code(self.village_id)

    def closure_at(self, moment: datetime.datetime) -> Closure | None:
        """The operator's "tutup sementara" if it holds at ``moment``, else None."""
        if not self.temporarily_closed:
            return None
        if self.closed_until is not None and moment.astimezone(self.time_zone).date() > (
            self.closed_until
        ):
            return None
        return Closure(by_store=True, until=self.closed_until, note=self.closed_note)


class StoreRole(models.TextChoices):
    OPERATOR = "operator", _("Pengelola")
    COURIER = "courier", _("Kurir")
    # Confirms money into the village escrow, pays refunds and payouts.
    TREASURER = "treasurer", _("Bendahara")


class StoreInvitation(models.Model):
    """An invitation to work for a store (operator, courier, treasurer), sent to a
    WhatsApp number; the person accepts or declines it while logged in.

    Nobody becomes a member without saying yes: a role (and with it a reset
    link the operator can make) is only given by ``accept_invitation``, which
    creates the ``StoreMember``. The number may have no account yet: the
    person signs up with it and then finds the invitation on /kelola/.
    Statuses move through ``pasardesa.stores.state.INVITATION_MACHINE``; an
    accepted invitation is revoked when the person leaves the team.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu jawaban")
        ACCEPTED = "accepted", _("Diterima")
        DECLINED = "declined", _("Ditolak")
        REVOKED = "revoked", _("Dibatalkan")

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="invitations")
    phone = models.CharField(_("nomor WhatsApp"), max_length=20)
    role = models.CharField(_("peran"), max_length=10, choices=StoreRole.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The account that answered (the one with ``phone`` at the time).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="store_invitations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("undangan tim toko")
        verbose_name_plural = _("undangan tim toko")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "accepted", "declined", "revoked"]),
                name="store_invitation_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=StoreRole.values),
                name="store_invitation_role_valid",
            ),
            # Whoever accepted or declined is known, and when.
            models.CheckConstraint(
                condition=~models.Q(status__in=["accepted", "declined"])
                | models.Q(user__isnull=False, answered_at__isnull=False),
                name="store_invitation_answer_known",
            ),
            # One open invitation or membership per number and role: a double
            # tap sends one invitation, and a member is not invited again.
            models.UniqueConstraint(
                fields=["store", "phone", "role"],
                condition=models.Q(status__in=["pending", "accepted"]),
                name="one_open_invitation_per_role",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phone} – {self.get_role_display()} {self.store} ({self.status})"


class StoreMember(models.Model):
    """A person who works for a village store: an operator, a courier or a treasurer.

    Made only by accepting a ``StoreInvitation`` (``invitation``); rows from
    before invitations existed have none and get no reset link.
    """

    Role = StoreRole

    store = models.ForeignKey(Store, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="store_roles"
    )
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invitation = models.OneToOneField(
        StoreInvitation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="member",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("anggota toko")
        verbose_name_plural = _("anggota toko")
        constraints = [
            models.UniqueConstraint(fields=["store", "user", "role"], name="one_role_per_person"),
            models.CheckConstraint(
                condition=models.Q(role__in=StoreRole.values), name="store_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} {self.store}"


class StoreEscrow(StaticQrisFields):
    """The village's rekening bersama for one store: where buyers pay when they
    want the village to hold the money until the goods arrive, and its rules.

    Set up by the operator; the money itself is booked in the payments app's
    ledger. Kept here, beside the store, because the checkout (orders, below
    payments) must know whether a store offers it. The timers are the store's
    settings, with the defaults buyers of Indonesian marketplaces know.
    """

    store = models.OneToOneField(Store, on_delete=models.CASCADE, related_name="escrow")
    is_active = models.BooleanField(_("terima pembayaran lewat rekening bersama"), default=True)
    holder_name = models.CharField(
        _("pemegang rekening bersama"),
        max_length=120,
        help_text=_("Mis. BUMDes Dulolong Maju. Pembeli membaca nama ini."),
    )
    bank_name = models.CharField(_("bank"), max_length=40, blank=True)
    bank_account_number = models.CharField(_("nomor rekening"), max_length=20, blank=True)
    bank_account_holder = models.CharField(_("atas nama"), max_length=120, blank=True)
    # In basis points (1 % = 100) so 1,5 % is exact; shown before ordering.
    fee_basis_points = models.PositiveSmallIntegerField(
        _("biaya desa (per sepuluh ribu)"), default=0, validators=[MaxValueValidator(1000)]
    )
    send_days = models.PositiveSmallIntegerField(
        _("batas kirim setelah dana ditahan (hari)"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
    )
    release_hours = models.PositiveSmallIntegerField(
        _("dana dilepas otomatis setelah diserahkan (jam)"),
        default=48,
        validators=[MinValueValidator(24), MaxValueValidator(336)],
    )
    extend_days = models.PositiveSmallIntegerField(
        _("perpanjangan oleh pembeli (hari)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(14)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("rekening bersama")
        verbose_name_plural = _("rekening bersama")
        constraints = [
            # A buyer must have somewhere to pay: a bank account, a QRIS or both.
            models.CheckConstraint(
                condition=~models.Q(bank_account_number="") | ~models.Q(qris_payload=""),
                name="escrow_has_somewhere_to_pay",
            ),
            models.CheckConstraint(
                condition=models.Q(bank_account_number="")
                | (
                    ~models.Q(bank_name="")
                    & models.Q(bank_account_number__regex=r"^[0-9]{5,20}$")
                    & ~models.Q(bank_account_holder="")
                ),
                name="escrow_bank_account_whole",
            ),
            models.CheckConstraint(
                condition=models.Q(fee_basis_points__lte=1000), name="escrow_fee_at_most_10_percent"
            ),
        ]

    def __str__(self) -> str:
        return self.holder_name

    @property
    def fee_percent_display(self) -> str:
        """ "1,5 %" the way Indonesians write it; "" when there is no fee."""
        if not self.fee_basis_points:
            return ""
        whole, rest = divmod(self.fee_basis_points, 100)
        return f"{whole},{rest:02d}".rstrip("0").rstrip(",") + " %"

    def fee_for(self, amount_idr: int) -> int:
        """The village's fee on ``amount_idr``, whole rupiah rounded down."""
        return amount_idr * self.fee_basis_points // 10_000
