"""Forms for setting up where money is paid: a QRIS sticker (photo or text),
its confirmation, and the store's rekening bersama."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasardesa.payments.qris import MAX_PAYLOAD_CHARS


class QrisStickerForm(forms.Form):
    """A photo or screenshot of the QRIS sticker, or its text pasted."""

    photo = forms.FileField(
        label=_("Foto atau tangkapan layar stiker QRIS"),
        required=False,
        # No shrinking script here: a QR code wants its pixels as they are.
        widget=forms.FileInput(attrs={"accept": "image/*"}),
    )
    text = forms.CharField(
        label=_("Atau tempel isi QRIS"),
        required=False,
        # Room for a paste with spaces around it; the reader refuses > 512.
        max_length=MAX_PAYLOAD_CHARS * 2,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Teks yang dimulai dengan 000201, dari aplikasi pemindai QR."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("photo") and not (data.get("text") or "").strip():
            raise forms.ValidationError(
                _("Unggah foto stiker QRIS atau tempel isinya."), code="empty"
            )
        return data


class QrisConfirmForm(forms.Form):
    """ "Apakah ini QRIS Anda?": the payload read, carried back to be read again."""

    payload = forms.CharField(widget=forms.HiddenInput, max_length=MAX_PAYLOAD_CHARS)
    answer = forms.ChoiceField(choices=[("ya", _("Ya")), ("bukan", _("Bukan"))])


class EscrowForm(forms.Form):
    """The store's rekening bersama: who holds it, the bank account, the fee, the timers."""

    holder_name = forms.CharField(
        label=_("Pemegang rekening bersama"),
        max_length=120,
        help_text=_("Mis. BUMDes Dulolong Maju. Pembeli membaca nama ini."),
    )
    bank_name = forms.CharField(
        label=_("Bank"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "BRI"}),
    )
    bank_account_number = forms.CharField(
        label=_("Nomor rekening"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    bank_account_holder = forms.CharField(
        label=_("Atas nama"),
        max_length=120,
        required=False,
        help_text=_("Kosongkan ketiganya kalau pembeli hanya membayar lewat QRIS."),
    )
    fee_percent = forms.CharField(
        label=_("Biaya desa (persen)"),
        max_length=8,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "0"}),
        help_text=_("Pendapatan BUMDes dari setiap pesanan, mis. 1,5. Paling tinggi 10."),
    )
    send_days = forms.IntegerField(
        label=_("Penjual harus mengirim dalam (hari)"), min_value=1, max_value=14
    )
    release_hours = forms.IntegerField(
        label=_("Dana dilepas otomatis setelah barang diserahkan (jam)"),
        min_value=24,
        max_value=336,
    )
    extend_days = forms.IntegerField(
        label=_("Pembeli boleh memperpanjang sekali (hari)"), min_value=1, max_value=14
    )
    unpaid_expiry_hours = forms.IntegerField(
        label=_("Batas waktu bayar (jam)"),
        min_value=1,
        max_value=168,
        help_text=_("Pesanan yang belum dibayar dalam waktu ini dibatalkan dan stoknya kembali."),
    )
    is_active = forms.BooleanField(
        label=_("Terima pembayaran lewat rekening bersama"), required=False
    )

    @staticmethod
    def initial_for(store, escrow) -> dict:
        initial = {"unpaid_expiry_hours": store.unpaid_expiry_hours}
        if escrow is None:
            return initial | {
                "send_days": 2,
                "release_hours": 48,
                "extend_days": 3,
                "is_active": True,
            }
        whole, rest = divmod(escrow.fee_basis_points, 100)
        fee = f"{whole},{rest:02d}".rstrip("0").rstrip(",") if rest else str(whole)
        return initial | {
            "holder_name": escrow.holder_name,
            "bank_name": escrow.bank_name,
            "bank_account_number": escrow.bank_account_number,
            "bank_account_holder": escrow.bank_account_holder,
            "fee_percent": fee,
            "send_days": escrow.send_days,
            "release_hours": escrow.release_hours,
            "extend_days": escrow.extend_days,
            "is_active": escrow.is_active,
        }
