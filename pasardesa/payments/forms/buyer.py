"""The buyer's payment forms. They only bound input; the photo pipeline
(``core.images``, via ``buyer_says_paid``) judges the proof photo."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PaidForm(forms.Form):
    """ "Saya sudah bayar", with an optional photo of the transfer receipt."""

    bukti = forms.FileField(
        label=_("Foto bukti bayar (boleh dilewati)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/*"}),
        help_text=_(
            "Foto atau tangkapan layar struk transfer. JPG, PNG, WebP atau HEIC, maks. 10 MB."
        ),
    )


class BuyerProofForm(forms.Form):
    """What another device gives to act as the buyer: the number the order was placed with."""

    buyer_phone = forms.CharField(
        label=_("Nomor WhatsApp yang dipakai saat memesan"),
        max_length=32,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "placeholder": "0812-3456-7890"}
        ),
    )


class RefundAccountForm(BuyerProofForm):
    """Where the buyer's refund goes, in their words; another device adds the number."""

    refund_to = forms.CharField(
        label=_("Rekening untuk pengembalian dana"),
        max_length=200,
        help_text=_("Bank atau e-wallet, nomor, dan atas nama. Mis. BRI 0123456789 a.n. Nur Aini"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Tulis bank atau e-wallet, nomor rekening, dan atas nama.")},
    )
