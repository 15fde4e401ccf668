"""The "tutup sementara" form, the same for a seller and for a whole store;
the rules (a day not past, a short note) are in ``stores.services.clean_closure``."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasardesa.stores.models import CLOSED_NOTE_MAX_LENGTH


class ClosureForm(forms.Form):
    """Which button was pressed ("1" closes, "0" opens again), the last day
    closed and a note for buyers. Works without JavaScript: the date is a
    plain date input, typed ``20/05/2026`` where the browser has no picker."""

    closed = forms.TypedChoiceField(
        choices=[("1", _("Tutup sementara")), ("0", _("Buka lagi"))],
        coerce=lambda value: value == "1",
        error_messages={
            "required": _("Pilih tutup atau buka."),
            "invalid_choice": _("Pilih tutup atau buka."),
        },
    )
    closed_until = forms.DateField(
        label=_("Tutup sampai tanggal (boleh kosong)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Hari terakhir tutup. Kosongkan bila belum tahu; buka lagi dengan tombol."),
        error_messages={"invalid": _("Tulis tanggal seperti 20/05/2026.")},
    )
    closed_note = forms.CharField(
        label=_("Pesan untuk pembeli (boleh kosong)"),
        required=False,
        max_length=CLOSED_NOTE_MAX_LENGTH,
        help_text=_("Misalnya: Libur Lebaran, pesanan dilayani lagi tanggal 5."),
    )

    @classmethod
    def initial_for(cls, *, until, note) -> dict:
        return {"closed_until": until, "closed_note": note}
