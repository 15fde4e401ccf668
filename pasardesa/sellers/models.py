import datetime
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from pasardesa.core.models import StaticQrisFields
from pasardesa.stores.models import CLOSED_NOTE_MAX_LENGTH, Closure


class Seller(StaticQrisFields):
    """A business selling in a village store (UMKM, BUMDes unit, trader, service)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu verifikasi")
        VERIFIED = "verified", _("Terverifikasi")
        REJECTED = "rejected", _("Ditolak")
        SUSPENDED = "suspended", _("Dibekukan")

    class BusinessType(models.TextChoices):
        UMKM = "umkm", _("UMKM / usaha rumahan")
        BUMDES = "bumdes", _("Unit usaha BUMDes")
        MARKET = "pasar", _("Pedagang pasar")
        SERVICE = "jasa", _("Penyedia jasa")
        OTHER = "lainnya", _("Lainnya")

    store = models.ForeignKey(
        "stores.Store", on_delete=models.PROTECT, related_name="sellers", verbose_name=_("toko")
    )
    business_name = models.CharField(_("nama usaha"), max_length=120)
    owner_name = models.CharField(_("nama pemilik"), max_length=120)
    slug = models.SlugField(_("alamat"), max_length=80, unique=True)
    whatsapp = models.CharField(
        _("nomor WhatsApp"), max_length=20, blank=True, help_text=_("Disimpan dalam format +62…")
    )
    business_type = models.CharField(
        _("jenis usaha"), max_length=8, choices=BusinessType.choices, default=BusinessType.UMKM
    )
    description = models.TextField(_("tentang usaha"), blank=True)
    photo = models.ImageField(_("foto"), upload_to="sellers/", blank=True)
    photo_thumb = models.ImageField(upload_to="sellers/", blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    # Off is the seller's "tutup sementara" (holiday, sickness): the only thing
    # besides the store's own switch that stops orders; outside opening hours
    # buyers still order and the answer time starts at the next opening.
    is_open = models.BooleanField(
        _("sedang buka"),
        default=True,
        help_text=_("Saklar buka/tutup: matikan saat libur, walau jam buka belum lewat."),
    )
    closed_until = models.DateField(_("tutup sampai tanggal"), null=True, blank=True)
    closed_note = models.CharField(
        _("pesan untuk pembeli"), max_length=CLOSED_NOTE_MAX_LENGTH, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING
    )
    # Where a buyer who chose "transfer langsung" sends the money; all three or
    # none. Only the owner sets it (staff must not redirect payments); the
    # static QRIS (StaticQrisFields) likewise, set through payments.services.
    bank_name = models.CharField(_("bank / dompet digital"), max_length=40, blank=True)
    bank_account_number = models.CharField(_("nomor rekening"), max_length=20, blank=True)
    bank_account_holder = models.CharField(_("atas nama"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("penjual")
        verbose_name_plural = _("penjual")
        ordering = ["business_name"]
        indexes = [models.Index(fields=["store", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["pending", "verified", "rejected", "suspended"]),
                name="seller_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(
                    business_type__in=["umkm", "bumdes", "pasar", "jasa", "lainnya"]
                ),
                name="seller_business_type_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="seller_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="seller_longitude_range",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(bank_name="", bank_account_number="", bank_account_holder="")
                    | (
                        ~models.Q(bank_name="")
                        & models.Q(bank_account_number__regex=r"^[0-9]{5,20}$")
                        & ~models.Q(bank_account_holder="")
                    )
                ),
                name="seller_bank_account_whole",
            ),
            models.CheckConstraint(
                condition=models.Q(is_open=False)
                | models.Q(closed_until__isnull=True, closed_note=""),
                name="seller_closure_details_only_when_closed",
            ),
        ]

    def __str__(self) -> str:
        return self.business_name

    def get_absolute_url(self) -> str:
        return reverse("market:seller", kwargs={"slug": self.slug})

    @property
    def has_bank_account(self) -> bool:
        return bool(self.bank_account_number)

    @property
    def bank_account_display(self) -> str:
        """``BRI 0123 4567 8901 a.n. Mama Halijah``: digits in fours, easy to read aloud."""
        if not self.has_bank_account:
            return ""
        number = self.bank_account_number
        grouped = " ".join(number[i : i + 4] for i in range(0, len(number), 4))
        return _("%(bank)s %(number)s a.n. %(holder)s") % {
            "bank": self.bank_name,
            "number": grouped,
            "holder": self.bank_account_holder,
        }

    @property
    def map_url(self) -> str | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (
            f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
            f"#map=17/{self.latitude}/{self.longitude}"
        )

    @property
    def time_zone(self) -> ZoneInfo:
        return self.store.time_zone

    def closure_at(self, moment: datetime.datetime) -> Closure | None:
        """The "tutup sementara" in force at ``moment`` (the store's first, then
        the seller's), or None. Only a closure stops orders and WhatsApp ordering."""
        if (closure := self.store.closure_at(moment)) is not None:
            return closure
        if self.is_open:
            return None
        if self.closed_until is not None and moment.astimezone(self.time_zone).date() > (
            self.closed_until
        ):
            return None
        return Closure(by_store=False, until=self.closed_until, note=self.closed_note)

    @property
    def closure_now(self) -> Closure | None:
        return self.closure_at(timezone.now())

    def is_open_at(self, moment: datetime.datetime, hours: Sequence["OpeningHours"]) -> bool:
        """Open (the "Buka" tag) when no closure holds and ``moment`` falls in
        the hours, if any are set.

        ``hours`` is passed in (usually prefetched) so a list of sellers costs
        no query per seller. Hours are read in the seller's own time zone.
        """
        if self.closure_at(moment) is not None:
            return False
        return next_opening(hours, moment, self.time_zone) == moment

    @property
    def is_open_now(self) -> bool:
        return self.is_open_at(timezone.now(), list(self.opening_hours.all()))

    @property
    def next_opening_now(self) -> datetime.datetime | None:
        """When the hours open next, in the seller's zone; None while open by the
        hours (or with no hours set)."""
        now = timezone.now()
        opening = next_opening(list(self.opening_hours.all()), now, self.time_zone)
        return None if opening == now else opening

    def answer_deadline(
        self, moment: datetime.datetime, hours: Sequence["OpeningHours"]
    ) -> datetime.datetime:
        """Until when the seller may answer an order or offer made at ``moment``:
        the store's answer time, counted from the next opening (so an order
        placed at 22.00 with hours 08-17 and 24 h expires at 08.00 the day after
        next). Counted on the clock from then, not in open hours only: stock held
        for an unanswered order must come back within a predictable time."""
        start = next_opening(hours, moment, self.time_zone)
        return start + datetime.timedelta(hours=self.store.order_expiry_hours)


def next_opening(
    hours: Sequence["OpeningHours"], moment: datetime.datetime, zone: ZoneInfo
) -> datetime.datetime:
    """The first moment at or after ``moment`` inside the weekly ``hours``
    (read in ``zone``): ``moment`` itself when open then or with no hours set,
    else the next opening time, in ``zone``."""
    if not hours:
        return moment
    local = moment.astimezone(zone)
    by_weekday = {row.weekday: row for row in hours}
    # Eight days: today's hours may be over, and the only open day may be today's weekday.
    for offset in range(8):
        day = local.date() + datetime.timedelta(days=offset)
        row = by_weekday.get(day.weekday())
        if row is None:
            continue
        opens = datetime.datetime.combine(day, row.opens, tzinfo=zone)
        closes = datetime.datetime.combine(day, row.closes, tzinfo=zone)
        if local < closes:
            return moment if local >= opens else opens
    raise AssertionError("weekly hours always open again within eight days")


def closed_message(seller: Seller, closure: Closure, product_name: str) -> str:
    """Why ``product_name`` cannot be ordered now, in the buyer's words: who
    closed, until when, and the note they left."""
    who = seller.store.name if closure.by_store else seller.business_name
    if closure.until is not None:
        message = _("%(who)s tutup sementara sampai %(until)s; %(name)s belum bisa dipesan.") % {
            "who": who,
            "until": date_format(closure.until, "j F Y"),
            "name": product_name,
        }
    else:
        message = _("%(who)s sedang tutup sementara; %(name)s belum bisa dipesan.") % {
            "who": who,
            "name": product_name,
        }
    if closure.note:
        label = _("Pesan pengelola toko") if closure.by_store else _("Pesan penjual")
        message += f" {label}: {closure.note}"
    return message


class OpeningHours(models.Model):
    class Weekday(models.IntegerChoices):
        SENIN = 0, _("Senin")
        SELASA = 1, _("Selasa")
        RABU = 2, _("Rabu")
        KAMIS = 3, _("Kamis")
        JUMAT = 4, _("Jumat")
        SABTU = 5, _("Sabtu")
        MINGGU = 6, _("Minggu")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("hari"), choices=Weekday.choices)
    opens = models.TimeField(_("buka"))
    closes = models.TimeField(_("tutup"))

    class Meta:
        verbose_name = _("jam buka")
        verbose_name_plural = _("jam buka")
        ordering = ["weekday", "opens"]
        constraints = [
            models.UniqueConstraint(fields=["seller", "weekday"], name="one_hours_row_per_day"),
            models.CheckConstraint(condition=models.Q(weekday__lte=6), name="weekday_0_to_6"),
            models.CheckConstraint(
                condition=models.Q(opens__lt=models.F("closes")), name="opens_before_closes"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H.%M}–{self.closes:%H.%M}"


class SellerMember(models.Model):
    """Who may run a seller profile: its owner and the staff the owner adds."""

    class Role(models.TextChoices):
        OWNER = "owner", _("Pemilik")
        STAFF = "staff", _("Staf")

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="seller_roles"
    )
    role = models.CharField(_("peran"), max_length=6, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("anggota usaha")
        verbose_name_plural = _("anggota usaha")
        constraints = [
            models.UniqueConstraint(fields=["seller", "user"], name="one_membership_per_seller"),
            models.CheckConstraint(
                condition=models.Q(role__in=["owner", "staff"]), name="seller_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} {self.seller}"


class SellerStatusEvent(models.Model):
    """One step of a seller's verification: who moved it, when, why, what was checked.

    Shown to the seller, so a rejection or suspension always comes with its reason.
    """

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="status_events")
    from_status = models.CharField(max_length=12, choices=Seller.Status.choices)
    to_status = models.CharField(max_length=12, choices=Seller.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reason = models.TextField(_("alasan"), blank=True)
    met_in_person = models.BooleanField(_("sudah bertemu langsung"), default=False)
    id_card_seen = models.BooleanField(_("KTP/NIK sudah dilihat"), default=False)
    location_checked = models.BooleanField(_("lokasi usaha sudah dicek"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("riwayat status penjual")
        verbose_name_plural = _("riwayat status penjual")

    def __str__(self) -> str:
        return f"{self.seller}: {self.from_status} → {self.to_status}"
