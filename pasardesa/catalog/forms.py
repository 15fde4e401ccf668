import re

from django import forms
from django.utils.translation import gettext_lazy as _

from pasardesa.catalog.models import Category, Product
from pasardesa.core.money import MAX_PRICE_IDR
from pasardesa.regions.models import REGION_CODE, Region
from pasardesa.regions.selectors import regions_named

# Digits and dots that are no code: a typo to point out, not a name to look up.
_REGION_CODE_LIKE = re.compile(r"[\d.\s]+")

PRICE_TOO_HIGH = _("Harga terlalu besar (paling besar Rp1.000.000.000.000).")


class ProductSearchForm(forms.Form):
    """The search and filter bar. Every field is optional and forgiving:
    a bad value is reported and ignored, never a server error."""

    SORT_CHOICES = [
        ("", _("Paling cocok")),
        ("terbaru", _("Terbaru")),
        ("termurah", _("Termurah")),
        ("termahal", _("Termahal")),
    ]

    q = forms.CharField(label=_("Kata kunci"), required=False, max_length=200, strip=True)
    wilayah = forms.CharField(
        label=_("Wilayah"),
        required=False,
        max_length=100,
        strip=True,
        widget=forms.TextInput(attrs={"placeholder": _("Desa, kecamatan atau kabupaten")}),
    )
    kategori = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.all(),
        required=False,
        to_field_name="slug",
        empty_label=_("Semua kategori"),
    )
    jenis = forms.ChoiceField(
        label=_("Jenis"),
        choices=[("", _("Barang & jasa")), *Product.Kind.choices],
        required=False,
    )
    harga_min = forms.IntegerField(
        label=_("Harga dari (Rp)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE_IDR,
        error_messages={"max_value": PRICE_TOO_HIGH},
    )
    harga_maks = forms.IntegerField(
        label=_("Harga sampai (Rp)"),
        required=False,
        min_value=0,
        max_value=MAX_PRICE_IDR,
        error_messages={"max_value": PRICE_TOO_HIGH},
    )
    urut = forms.ChoiceField(label=_("Urutkan"), choices=SORT_CHOICES, required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and len(data.get("q", "")) > 200:
            # A pasted essay is cut, not refused: search what fits.
            data = data.copy()
            data["q"] = data["q"][:200]
        super().__init__(data, *args, **kwargs)

    def clean_wilayah(self) -> str:
        """A region code as typed, or the code of the one region the name names.
        A name that fits several leaves ``region_choices`` for the buyer to pick
        (the filter waits until then)."""
        text = self.cleaned_data["wilayah"]
        self.region_choices: list[Region] = []
        if not text or REGION_CODE.fullmatch(text):
            return text
        if _REGION_CODE_LIKE.fullmatch(text):
            raise forms.ValidationError(_("Kode wilayah tidak dikenal, contoh: 53.05.02"))
        found = regions_named(text)
        if not found:
            raise forms.ValidationError(
                _("Wilayah “%(name)s” tidak ditemukan. Tulis nama desa, kecamatan atau kabupaten.")
                % {"name": text}
            )
        if len(found) > 1:
            self.region_choices = found
            return ""
        return found[0].code

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("harga_min"), cleaned.get("harga_maks")
        if low is not None and high is not None and low > high:
            # Say so, and search the range the buyer surely meant.
            self.add_error(None, _("Harga dari lebih besar dari harga sampai; kami tukar."))
            cleaned["harga_min"], cleaned["harga_maks"] = high, low
        return cleaned

    def filters(self) -> dict:
        """The valid part of the input, ready for ``selectors.product_list``."""
        self.is_valid()
        cleaned = self.cleaned_data
        return {
            "query": cleaned.get("q") or "",
            "region_code": cleaned.get("wilayah") or "",
            "category": cleaned.get("kategori"),
            "kind": cleaned.get("jenis") or "",
            "price_min": cleaned.get("harga_min"),
            "price_max": cleaned.get("harga_maks"),
            "sort": cleaned.get("urut") or "",
        }
