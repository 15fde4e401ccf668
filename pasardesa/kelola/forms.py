"""Forms of the village operator's and the regional admin's consoles.

Plain forms (not ModelForms): a failed form must not touch the store object the
page is still showing. Phone numbers are cleaned to E.164 by ``PhoneField``.
"""

from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasardesa.accounts.forms import PhoneField
from pasardesa.catalog import selectors as catalog
from pasardesa.catalog.models import Category, Product
from pasardesa.core.forms import ModelMultipleChoiceField, PhotoInput
from pasardesa.core.idempotency import IdempotencyKeyField
from pasardesa.core.phones import format_phone_national
from pasardesa.regions.models import Region
from pasardesa.stores.models import Store, StoreMember
from pasardesa.stores.services import ORDER_EXPIRY_MAX_HOURS, ORDER_EXPIRY_MIN_HOURS

REASON_REQUIRED = _("Tulis alasannya; penjual akan membacanya.")
ORDER_EXPIRY_ERROR = _("Isi angka bulat antara 1 dan 168 jam (7 hari).")


class StoreProfileForm(forms.Form):
    name = forms.CharField(label=_("Nama toko"), max_length=120)
    tagline = forms.CharField(
        label=_("Slogan (boleh kosong)"),
        max_length=160,
        required=False,
        help_text=_("Satu kalimat pendek, misalnya: Kopi dan tenun dari Alor."),
    )
    description = forms.CharField(
        label=_("Tentang desa"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    whatsapp = PhoneField(
        label=_("WhatsApp pengelola (boleh kosong)"),
        required=False,
        help_text=_("Nomor yang dihubungi pembeli bila ada pertanyaan tentang toko."),
    )
    address = forms.CharField(
        label=_("Alamat kantor (boleh kosong)"), max_length=255, required=False
    )
    order_expiry_hours = forms.IntegerField(
        label=_("Batas waktu jawab pesanan (jam)"),
        min_value=ORDER_EXPIRY_MIN_HOURS,
        max_value=ORDER_EXPIRY_MAX_HOURS,
        # Left empty, the store keeps its current time (a form posted without
        # the field, e.g. from an older page, changes nothing).
        required=False,
        help_text=_(
            "Pesanan yang tidak dijawab penjual dalam waktu ini kedaluwarsa dan stoknya "
            "kembali. Antara 1 dan 168 jam (7 hari); biasanya 24."
        ),
        error_messages={
            "invalid": ORDER_EXPIRY_ERROR,
            "min_value": ORDER_EXPIRY_ERROR,
            "max_value": ORDER_EXPIRY_ERROR,
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
    )
    logo = forms.FileField(
        label=_("Logo baru (boleh kosong)"),
        required=False,
        # No camera: a logo is usually a picture already on the phone.
        widget=PhotoInput(attrs={"capture": False}),
        help_text=_("Foto JPG, PNG, WebP atau HEIC, paling besar 10 MB; akan diperkecil."),
    )
    remove_logo = forms.BooleanField(label=_("Hapus logo"), required=False)
    featured_product = forms.ModelChoiceField(
        label=_("Produk unggulan desa"),
        queryset=Product.objects.none(),  # this store's public products, see __init__
        required=False,
        empty_label=_("— tidak ada —"),
        help_text=_("Hanya produk yang sedang tampil di toko ini."),
    )
    shown_categories = ModelMultipleChoiceField(
        label=_("Kategori yang tampil di halaman toko"),
        queryset=Category.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, store: Store, *args, **kwargs):
        self.store = store
        kwargs.setdefault(
            "initial",
            {
                "name": store.name,
                "tagline": store.tagline,
                "description": store.description,
                "whatsapp": format_phone_national(store.whatsapp),
                "address": store.address,
                "order_expiry_hours": store.order_expiry_hours,
                "featured_product": getattr(catalog.featured_product(store), "pk", None),
                "shown_categories": [c.pk for c in catalog.visible_categories(store)],
            },
        )
        super().__init__(*args, **kwargs)
        self.fields["featured_product"].queryset = catalog.featured_choices(store).select_related(
            "seller"
        )
        self.fields["featured_product"].label_from_instance = lambda p: (
            f"{p.name} – {p.seller.business_name}"
        )

    def clean_shown_categories(self):
        shown = self.cleaned_data["shown_categories"]
        if not shown and Category.objects.exists():
            raise ValidationError(_("Pilih minimal satu kategori yang tampil."))
        return shown

    def hidden_categories(self) -> list[Category]:
        shown = {c.pk for c in self.cleaned_data["shown_categories"]}
        return [c for c in Category.objects.all() if c.pk not in shown]


class VerifyForm(forms.Form):
    """Verifying a seller: what the operator checked, and an optional note."""

    met_in_person = forms.BooleanField(label=_("Sudah bertemu langsung"), required=False)
    id_card_seen = forms.BooleanField(label=_("KTP/NIK sudah dilihat"), required=False)
    location_checked = forms.BooleanField(label=_("Lokasi usaha sudah dicek"), required=False)
    reason = forms.CharField(
        label=_("Catatan (boleh kosong)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReasonForm(forms.Form):
    """Rejecting or suspending a seller, or taking a product down: a reason is a must."""

    reason = forms.CharField(
        label=_("Alasan (dibaca penjual)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": REASON_REQUIRED},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(REASON_REQUIRED)
        return reason


class NoteForm(forms.Form):
    reason = forms.CharField(
        label=_("Catatan (boleh kosong)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeactivateStoreForm(forms.Form):
    """Closing a whole store: the reason is kept and its operators read it."""

    reason = forms.CharField(
        label=_("Alasan (dibaca pengelola toko)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis alasannya; pengelola toko akan membacanya.")},
    )


class AddMemberForm(forms.Form):
    phone = PhoneField()
    role = forms.ChoiceField(
        label=_("Peran"),
        choices=StoreMember.Role.choices,
        initial=StoreMember.Role.COURIER,
        widget=forms.RadioSelect,
    )


class AppointOperatorForm(forms.Form):
    phone = PhoneField(
        label=_("Nomor WhatsApp pengelola baru"),
        help_text=_("Orangnya menerima undangan ini sendiri setelah masuk dengan nomor ini."),
    )


class OpenStoreForm(forms.Form):
    """Open the store of one village of ``region`` and appoint its first operator."""

    village = forms.CharField(widget=forms.HiddenInput, max_length=13)
    # A double tap or a retry on a flaky connection opens the store once.
    idempotency_key = IdempotencyKeyField(required=False)
    name = forms.CharField(
        label=_("Nama toko (boleh kosong)"),
        max_length=120,
        required=False,
        help_text=_('Kosongkan untuk memakai "Toko Desa <nama desa>".'),
    )
    operator_phone = PhoneField(
        label=_("Nomor WhatsApp pengelola pertama"),
        help_text=_("Orangnya menerima undangan ini sendiri setelah masuk dengan nomor ini."),
    )

    def __init__(self, region: Region, *args, **kwargs):
        self.region = region
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("village", "")
        village = (
            Region.objects.filter(
                code=code, level=Region.Level.DESA, code__startswith=self.region.code + "."
            ).first()
            if code
            else None
        )
        if village is None:
            # A hidden field: its error goes on top of the form, where it is seen.
            self.errors.pop("village", None)
            raise ValidationError(
                _("Pilih dulu desa/kelurahan di wilayah ini lewat pencarian."), code="village"
            )
        cleaned["village"] = village
        return cleaned

    @cached_property
    def chosen_village(self) -> Region | None:
        """The chosen village (for the page's heading), valid or not yet."""
        code = self.data.get("village") if self.is_bound else self.initial.get("village")
        if not code:
            return None
        return Region.objects.filter(
            code=code, level=Region.Level.DESA, code__startswith=self.region.code + "."
        ).first()
