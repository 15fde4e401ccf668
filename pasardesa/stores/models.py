import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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


class StoreInvitation(models.Model):
    """An invitation to work for a store (operator or courier), sent to a
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
                condition=models.Q(role__in=["operator", "courier"]),
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
    """A person who works for a village store: an operator or a courier.

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
                condition=models.Q(role__in=["operator", "courier"]), name="store_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} {self.store}"
