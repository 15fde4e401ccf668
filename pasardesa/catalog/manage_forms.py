"""Forms of the seller's product dashboard: what people type, checked, with
plain Indonesian errors. The writes are in ``pasardesa.catalog.services``."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasardesa.catalog.models import (
    DEFAULT_MAX_PER_ORDER,
    MAX_ORDER_QUANTITY,
    MAX_PHOTOS_PER_PRODUCT,
    Category,
    Product,
)
from pasardesa.catalog.services import ProductData
from pasardesa.core.forms import PhotoInput, RupiahField, as_key
from pasardesa.core.idempotency import IdempotencyKeyField

# Suggested units (the field stays free text: "karung", "ekor", "porsi"…).
UNITS = ["pcs", "kg", "ikat", "bungkus", "botol", "liter", "paket", "jam", "sesi", "lembar"]
MAX_STOCK = 1_000_000
CSV_MAX_BYTES = 1024 * 1024
# The "hapus" boxes of photos kept from an earlier post of the form.
DISCARD_FIELD = "hapus_foto"


class MultiplePhotoInput(PhotoInput):
    """The file input, and above it the photos already sent with this form
    (``kept``, see ``hold_photos``), each with a "hapus" box."""

    allow_multiple_selected = True
    template_name = "catalog/manage/photos_widget.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.kept = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["kept"] = self.kept
        context["widget"]["discard_name"] = DISCARD_FIELD
        return context


class MultiplePhotoField(forms.FileField):
    """Several photos from one ``<input type=file multiple>``; each is checked
    and re-encoded later by ``add_product_photo``."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            MultiplePhotoInput(attrs={"multiple": True}),
        )
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultiplePhotoField, self).clean(f, initial) for f in files if f]


class ProductForm(forms.Form):
    # The photo comes right after the name: on a phone it is the first thing a
    # seller has at hand, and the last of ten fields was easy to miss.
    field_order = ["name", "photos"]

    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=Product.Kind.choices,
        initial=Product.Kind.GOODS,
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=_("Nama produk"), max_length=120)
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.all(),
        empty_label=_("— pilih kategori —"),
        error_messages={"invalid_choice": _("Pilih kategori dari daftar.")},
    )
    description = forms.CharField(
        label=_("Keterangan"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ukuran, bahan, rasa, cara pesan, waktu pengerjaan…"),
    )
    price = RupiahField(label=_("Harga (Rp)"))
    unit = forms.CharField(
        label=_("Satuan"),
        max_length=20,
        initial="pcs",
        widget=forms.TextInput(attrs={"list": "satuan", "autocomplete": "off"}),
        help_text=_("Harga ini untuk satu apa? pcs, kg, ikat, jam…"),
    )
    discount_percent = forms.IntegerField(
        label=_("Diskon (%)"),
        required=False,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Isi salah satu: diskon persen atau diskon rupiah."),
        error_messages={
            "invalid": _("Tulis angka bulat, contoh 10."),
            "min_value": _("Diskon persen harus antara 0 dan 100."),
            "max_value": _("Diskon persen harus antara 0 dan 100."),
        },
    )
    discount_idr = RupiahField(
        label=_("Diskon (Rp)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "0"}),
    )
    stock = forms.IntegerField(
        label=_("Stok"),
        required=False,
        min_value=0,
        max_value=MAX_STOCK,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_("Kosongkan bila tidak dihitung (misalnya jasa)."),
        error_messages={
            "invalid": _("Tulis angka bulat, contoh 20."),
            "min_value": _("Stok tidak boleh kurang dari 0."),
            "max_value": _("Stok paling banyak 1.000.000."),
        },
    )
    max_per_order = forms.IntegerField(
        label=_("Maksimal per pesanan"),
        required=False,
        min_value=1,
        max_value=MAX_ORDER_QUANTITY,
        initial=DEFAULT_MAX_PER_ORDER,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        help_text=_(
            "Paling banyak yang boleh dipesan sekali pesan, supaya stok Anda tidak "
            "ditahan orang iseng. Kosongkan bila tidak dibatasi."
        ),
        error_messages={
            "invalid": _("Tulis angka bulat, contoh 20."),
            "min_value": _("Maksimal per pesanan paling sedikit 1."),
            "max_value": _("Maksimal per pesanan paling banyak 9.999."),
        },
    )
    is_negotiable = forms.BooleanField(label=_("Bisa ditawar"), required=False)
    photos = MultiplePhotoField(
        label=_("Foto (boleh beberapa sekaligus)"),
        help_text=_("Paling banyak 5 foto. Foto pertama menjadi sampul."),
    )

    # Ties the photos of a post that came back with an error to the next post
    # (see ``hold_photos``); on the add form it also makes the product once.
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, photo_count: int = 0, **kwargs):
        self.photo_count = photo_count
        self.kept_photos = []
        super().__init__(*args, **kwargs)
        if photo_count:
            left = max(0, MAX_PHOTOS_PER_PRODUCT - photo_count)
            photos = self.fields["photos"]
            photos.label = _("Tambah foto")
            photos.help_text = _("Sudah %(have)d foto; bisa tambah %(left)d lagi.") % {
                "have": photo_count,
                "left": left,
            }
            if not left:
                # Only the input is switched off: a file still sent is refused
                # by clean_photos, never silently dropped.
                photos.widget.attrs["disabled"] = True
                photos.help_text = _("Sudah %(max)d foto. Hapus satu foto untuk menambah.") % {
                    "max": MAX_PHOTOS_PER_PRODUCT
                }

    @staticmethod
    def initial_for(product: Product) -> dict:
        return {
            "kind": product.kind,
            "name": product.name,
            "category": product.category_id,
            "description": product.description,
            "price": product.price_idr,
            "unit": product.unit,
            "discount_percent": product.discount_percent,
            "discount_idr": product.discount_idr,
            "stock": product.stock,
            "max_per_order": product.max_per_order,
            "is_negotiable": product.is_negotiable,
        }

    def clean_photos(self):
        photos = self.cleaned_data["photos"]
        left = MAX_PHOTOS_PER_PRODUCT - self.photo_count
        if len(photos) > left:
            raise ValidationError(
                _(
                    "Satu produk paling banyak %(max)d foto. Produk ini sudah punya %(have)d, "
                    "Anda memilih %(chosen)d. Pilih paling banyak %(left)d foto."
                )
                % {
                    "max": MAX_PHOTOS_PER_PRODUCT,
                    "have": self.photo_count,
                    "chosen": len(photos),
                    "left": max(0, left),
                },
                code="too_many_photos",
            )
        return photos

    def show_kept(self, photos) -> None:
        """Show ``photos`` (held from earlier posts) beside the file input."""
        self.kept_photos = list(photos)
        self.fields["photos"].widget.kept = self.kept_photos

    def discarded(self) -> set[int]:
        """The kept photos ticked "hapus", as ids (anything else is ignored)."""
        getlist = getattr(self.data, "getlist", None)
        values = getlist(DISCARD_FIELD) if getlist else []
        return {key for key in map(as_key, values) if key is not None}

    def clean_unit(self):
        return self.cleaned_data["unit"].strip() or "pcs"

    def clean(self):
        cleaned = super().clean()
        # 0 means "no discount", as an empty field does.
        percent = cleaned.get("discount_percent") or None
        rupiah = cleaned.get("discount_idr") or None
        cleaned["discount_percent"], cleaned["discount_idr"] = percent, rupiah
        price = cleaned.get("price")
        if percent and rupiah:
            self.add_error(
                "discount_idr",
                _("Isi salah satu saja: diskon persen ATAU diskon rupiah, tidak keduanya."),
            )
        elif rupiah and price is not None and rupiah > price:
            self.add_error("discount_idr", _("Diskon tidak boleh lebih besar dari harga."))
        return cleaned

    def product_data(self, *, status: str = Product.Status.ACTIVE) -> ProductData:
        data = self.cleaned_data
        return ProductData(
            name=data["name"],
            category=data["category"],
            price_idr=data["price"],
            kind=data["kind"],
            description=data["description"],
            unit=data["unit"],
            stock=data["stock"],
            max_per_order=data["max_per_order"],
            discount_percent=data["discount_percent"],
            discount_idr=data["discount_idr"],
            is_negotiable=data["is_negotiable"],
            status=status,
        )


class ProductAddForm(ProductForm):
    """The add form: its key makes the product once (``create_product_with_photos``)."""


class StockForm(forms.Form):
    # "Stok habis" is not here: it asks for confirmation first (product_sold_out).
    ACTIONS = [("atur", _("Simpan")), ("tambah", "+1"), ("kurang", "-1")]
    aksi = forms.ChoiceField(choices=ACTIONS)
    jumlah = forms.IntegerField(required=False, min_value=0, max_value=MAX_STOCK)


class VisibilityForm(forms.Form):
    tampil = forms.TypedChoiceField(choices=[("1", "1"), ("0", "0")], coerce=lambda v: v == "1")


class PhotoMoveForm(forms.Form):
    arah = forms.ChoiceField(choices=[("naik", _("Naik")), ("turun", _("Turun"))])


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV"),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=_("Paling besar 1 MB dan 1.000 baris."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CSV_MAX_BYTES:
            raise ValidationError(
                _("Berkas terlalu besar (paling besar 1 MB). Bagi menjadi beberapa berkas."),
                code="too_large",
            )
        return upload
