from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasardesa.core.money import MAX_PRICE_IDR, format_rupiah, parse_rupiah


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on the form: on the field it names
    when the form has that field, else at the top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


class RupiahField(forms.CharField):
    """Whole rupiah as people write them: "12.500", "Rp 12.500", "12500"."""

    default_error_messages = {
        "invalid": _("Tulis jumlah rupiah tanpa sen, contoh 12.500."),
        "too_big": _("Jumlahnya terlalu besar."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 24)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "placeholder": "12.500"})
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return format_rupiah(value).removeprefix("Rp")
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        if text.strip().startswith("-"):
            raise ValidationError(_("Tidak boleh kurang dari 0."), code="negative")
        try:
            amount = parse_rupiah(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount > MAX_PRICE_IDR:
            raise ValidationError(self.error_messages["too_big"], code="too_big")
        return amount


class PhotoInput(forms.FileInput):
    """A photo file input that, with JavaScript on, shrinks each photo in the
    phone before it is uploaded (``core/photos.js``: longest side 1600 px,
    WebP or JPEG at 85 %): ten camera photos are 15 MB, a few minutes on a weak
    signal. The script is deferred and comes only with forms that have a photo
    (``{{ form.media }}`` in ``core/_form.html``); without JavaScript the photo
    goes up as it is. Either way ``core.images`` checks and re-encodes it.
    """

    def __init__(self, attrs=None):
        # The phone's camera straight away; the status text the script shows.
        defaults = {
            "accept": "image/*",
            "capture": "environment",
            "data-kecilkan": _("Memperkecil foto…"),
        }
        super().__init__({**defaults, **(attrs or {})})

    class Media:
        js = [forms.Script("core/photos.js", defer=True)]


# Primary keys are 64-bit (BigAutoField); a longer number is no row's key.
_MAX_KEY = 2**63 - 1


def beyond_any_key(value) -> bool:
    """Whether ``value`` is a whole number no 64-bit key can hold."""
    text = str(value).strip().removeprefix("-").removeprefix("+")
    # isascii: "²" and "١" pass isdigit() but int() refuses the first.
    return text.isascii() and text.isdigit() and (len(text) > 19 or int(text) > _MAX_KEY)


def as_key(value) -> int | None:
    """``value`` as a row key: a positive whole number a 64-bit key can hold,
    written in plain digits; None for anything else (a forged form field)."""
    if not isinstance(value, str) or not (value.isascii() and value.isdigit()):
        return None
    return int(value) if 0 < len(value) <= 19 and 0 < int(value) <= _MAX_KEY else None


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, answering a 20-digit "id" as an invalid choice.

    Django checks each value one by one (safe), then reads them all with
    ``pk__in``, where SQLite raises ``OverflowError`` for a number beyond 64
    bits: a 500 from one forged checkbox. The message does not repeat the
    value (it may be 5,000 digits long).
    """

    default_error_messages = {
        "invalid_choice": _("Ada pilihan yang tidak tersedia; pilih dari daftar."),
    }

    def _check_values(self, value):
        for item in value:
            if beyond_any_key(item):
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": item},
                )
        return super()._check_values(value)
