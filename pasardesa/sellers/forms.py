"""Forms of the seller's own dashboard. They check what people type and give
plain Indonesian errors; the writes are in ``pasardesa.sellers.services``."""

import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pasardesa.accounts.forms import PhoneField
from pasardesa.core.forms import PhotoInput
from pasardesa.core.geo import parse_location
from pasardesa.core.idempotency import IdempotencyKeyField
from pasardesa.core.phones import format_phone_national
from pasardesa.sellers.models import OpeningHours, Seller
from pasardesa.stores.models import Store


class CoordinateField(forms.CharField):
    """Latitude or longitude in degrees, as typed ("-8,216") or filled in by the
    phone's GPS (15 decimals): rounded to the 6 decimals stored (about 10 cm)."""

    def __init__(self, *, limit: int, **kwargs):
        self.limit = limit
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 24)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = (super().clean(value) or "").replace(",", ".").replace(" ", "")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise ValidationError(_("Tulis angka derajat, contoh -8.216."), code="invalid")
        if not -self.limit <= number <= self.limit:
            raise ValidationError(
                _("Harus di antara -%(n)d dan %(n)d.") % {"n": self.limit}, code="range"
            )
        return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


class MapLinkField(forms.CharField):
    """A pasted Google Maps / OpenStreetMap link or "lat, lng": the
    ``(latitude, longitude)`` it names, or None when left empty."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 2000)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "url"}))
        super().__init__(**kwargs)

    def clean(self, value):
        return parse_location(super().clean(value))


class SellerProfileForm(forms.Form):
    business_name = forms.CharField(label=_("Nama usaha"), max_length=120)
    owner_name = forms.CharField(label=_("Nama pemilik"), max_length=120)
    whatsapp = PhoneField(help_text=_("Pembeli menghubungi Anda lewat nomor ini."))
    business_type = forms.ChoiceField(
        label=_("Jenis usaha"),
        choices=Seller.BusinessType.choices,
        initial=Seller.BusinessType.UMKM,
    )
    description = forms.CharField(
        label=_("Tentang usaha"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Apa yang Anda jual, sejak kapan, di mana."),
    )
    photo = forms.FileField(
        label=_("Foto usaha (boleh kosong)"),
        required=False,
        widget=PhotoInput(),
        help_text=_("Foto warung, kebun, atau produk Anda."),
    )
    latitude = CoordinateField(limit=90, label=_("Lintang (latitude)"))
    longitude = CoordinateField(limit=180, label=_("Bujur (longitude)"))
    map_link = MapLinkField(
        label=_("Atau tempel link peta"),
        help_text=_(
            "Bagikan lokasi dari Google Maps atau OpenStreetMap lalu tempel link-nya di sini, "
            "atau tulis “-8.2161, 124.5234”. Lintang dan bujur terisi dari situ."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("map_link"):
            cleaned["latitude"], cleaned["longitude"] = cleaned["map_link"]
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if (latitude is None) != (longitude is None) and not self.errors:
            self.add_error(
                "longitude" if longitude is None else "latitude",
                _("Isi lintang dan bujur keduanya, atau kosongkan keduanya."),
            )
        return cleaned

    @staticmethod
    def initial_for(seller: Seller) -> dict:
        initial = {
            name: getattr(seller, name)
            for name in (
                "business_name",
                "owner_name",
                "business_type",
                "description",
                "latitude",
                "longitude",
            )
        }
        initial["whatsapp"] = format_phone_national(seller.whatsapp)
        return initial

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "business_name": data["business_name"],
            "owner_name": data["owner_name"],
            "whatsapp": data["whatsapp"],
            "business_type": data["business_type"],
            "description": data["description"],
            "latitude": data["latitude"],
            "longitude": data["longitude"],
            "photo": data["photo"] or None,
        }


class SellerRegisterForm(SellerProfileForm):
    store = forms.ModelChoiceField(
        label=_("Toko desa"),
        queryset=Store.objects.filter(is_active=True).select_related("village"),
        to_field_name="slug",
        empty_label=_("— pilih desa Anda —"),
        error_messages={"invalid_choice": _("Pilih toko desa dari daftar.")},
    )
    idempotency_key = IdempotencyKeyField()

    field_order = ["store", "business_name", "owner_name", "whatsapp", "business_type"]

    def __init__(self, *args, store_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if store_choices is not None:
            # Only the list shown is narrowed; any active store is still accepted.
            field = self.fields["store"]
            field.widget.choices = [("", field.empty_label)] + [
                (store.slug, str(store)) for store in store_choices
            ]


class OpenSwitchForm(forms.Form):
    is_open = forms.TypedChoiceField(
        choices=[("1", _("Buka")), ("0", _("Tutup"))], coerce=lambda v: v == "1"
    )


class ResubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan untuk pengelola (boleh kosong)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class StaffAddForm(forms.Form):
    phone = PhoneField(
        label=_("Nomor WhatsApp staf"),
        help_text=_("Orang itu harus sudah punya akun Pasar Desa."),
    )


class StaffRemoveForm(forms.Form):
    member = forms.IntegerField(min_value=1)


_TIME_WIDGET = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class OpeningHoursForm(forms.Form):
    """The week in one of three ways, no JavaScript needed: no fixed hours
    (open whenever not "tutup sementara"), the same pair every day, or a pair
    per day; in the last two a day ticked "Libur" is closed.

    Most sellers keep one pair of times all week, so "Sama setiap hari" asks
    two inputs and the days off instead of fourteen times.
    """

    NO_HOURS, SAME, PER_DAY = "none", "same", "per_day"

    mode = forms.ChoiceField(
        label=_("Jam buka"),
        choices=[
            (NO_HOURS, _("Tidak ada jam tetap (buka kapan saja)")),
            (SAME, _("Sama setiap hari")),
            (PER_DAY, _("Berbeda per hari")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Pilih salah satu cara jam buka."),
            "invalid_choice": _("Pilih salah satu cara jam buka."),
        },
    )
    same_opens = forms.TimeField(
        label=pgettext_lazy("time of day", "Buka"), required=False, widget=_TIME_WIDGET
    )
    same_closes = forms.TimeField(
        label=pgettext_lazy("time of day", "Tutup"), required=False, widget=_TIME_WIDGET
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for day, label in OpeningHours.Weekday.choices:
            self.fields[f"closed_{day}"] = forms.BooleanField(
                label=_("Libur"), required=False, help_text=label
            )
            self.fields[f"opens_{day}"] = forms.TimeField(
                label=pgettext_lazy("time of day", "Buka"), required=False, widget=_TIME_WIDGET
            )
            self.fields[f"closes_{day}"] = forms.TimeField(
                label=pgettext_lazy("time of day", "Tutup"), required=False, widget=_TIME_WIDGET
            )

    @classmethod
    def initial_for(cls, seller: Seller) -> dict:
        rows = list(seller.opening_hours.all())
        pairs = {(row.opens, row.closes) for row in rows}
        if not rows:
            mode = cls.NO_HOURS
        elif len(pairs) == 1:
            mode = cls.SAME
        else:
            mode = cls.PER_DAY
        opens, closes = min(pairs) if pairs else (datetime.time(8), datetime.time(17))
        initial = {"mode": mode, "same_opens": opens, "same_closes": closes}
        by_day = {row.weekday: row for row in rows}
        for day, _label in OpeningHours.Weekday.choices:
            row = by_day.get(day)
            initial[f"closed_{day}"] = bool(rows) and row is None
            initial[f"opens_{day}"] = row.opens if row else None
            initial[f"closes_{day}"] = row.closes if row else None
        return initial

    def rows(self):
        for day, label in OpeningHours.Weekday.choices:
            yield {
                "label": label,
                "closed": self[f"closed_{day}"],
                "opens": self[f"opens_{day}"],
                "closes": self[f"closes_{day}"],
            }

    def _check_pair(self, opens_field: str, closes_field: str, missing_message) -> None:
        if opens_field in self.errors or closes_field in self.errors:
            return
        opens, closes = self.cleaned_data.get(opens_field), self.cleaned_data.get(closes_field)
        if opens is None or closes is None:
            self.add_error(closes_field, missing_message)
        elif closes <= opens:
            self.add_error(closes_field, _("Jam tutup harus setelah jam buka."))

    def clean(self):
        cleaned = super().clean()
        mode = cleaned.get("mode")
        if mode not in (self.SAME, self.PER_DAY):
            return cleaned
        open_days = [
            day for day, _label in OpeningHours.Weekday.choices if not cleaned.get(f"closed_{day}")
        ]
        if not open_days:
            raise ValidationError(
                _(
                    "Semua hari dicentang libur. Untuk libur beberapa waktu, pakai "
                    "“Tutup sementara”; tanpa jam tetap, pilih “Tidak ada jam tetap”."
                )
            )
        if mode == self.SAME:
            self._check_pair("same_opens", "same_closes", _("Isi jam buka dan jam tutup."))
        else:
            for day in open_days:
                self._check_pair(
                    f"opens_{day}",
                    f"closes_{day}",
                    _("Isi jam buka dan jam tutup, atau centang Libur."),
                )
        return cleaned

    def hours(self) -> dict[int, tuple[datetime.time, datetime.time]]:
        data = self.cleaned_data
        if data["mode"] == self.NO_HOURS:
            return {}
        days = [d for d, _label in OpeningHours.Weekday.choices if not data.get(f"closed_{d}")]
        if data["mode"] == self.SAME:
            return {day: (data["same_opens"], data["same_closes"]) for day in days}
        return {day: (data[f"opens_{day}"], data[f"closes_{day}"]) for day in days}


class BankAccountForm(forms.Form):
    """The account buyers paying by direct transfer send money to."""

    bank_name = forms.CharField(
        label=_("Bank atau dompet digital"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"list": "banks", "placeholder": "BRI"}),
    )
    account_number = forms.CharField(
        label=_("Nomor rekening"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    account_holder = forms.CharField(
        label=_("Atas nama"),
        max_length=120,
        required=False,
        help_text=_("Seperti tertulis di buku tabungan. Kosongkan ketiganya untuk menghapus."),
    )

    @staticmethod
    def initial_for(seller: Seller) -> dict:
        return {
            "bank_name": seller.bank_name,
            "account_number": seller.bank_account_number,
            "account_holder": seller.bank_account_holder,
        }
