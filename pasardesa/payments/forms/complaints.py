"""Forms of complaints: the buyer's complaint and answers, the seller's
answer, and a decider's decision. They parse input into typed values; the
services (``payments.services.complaints``) enforce the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasardesa.core.forms import RupiahField
from pasardesa.core.idempotency import IdempotencyKeyField
from pasardesa.payments.models import MAX_COMPLAINT_TEXT, ComplaintReason

_TEXT_ATTRS = {"rows": 3, "maxlength": MAX_COMPLAINT_TEXT}


class PhotosInput(forms.ClearableFileInput):
    """Up to three photos in one field (the phone's gallery picker)."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        super().__init__({"accept": "image/*", "multiple": True, **(attrs or {})})


class BuyerPhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Nomor WhatsApp yang dipakai saat memesan"))
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"autocomplete": "tel", "inputmode": "tel", "placeholder": "0812-3456-7890"}
            ),
        )
        super().__init__(**kwargs)


class ComplaintForm(forms.Form):
    """The buyer's complaint. ``photos`` are read by the view from
    ``request.FILES.getlist("foto")``; the field here only draws the input."""

    reason = forms.ChoiceField(
        label=_("Apa masalahnya?"), choices=ComplaintReason.choices, widget=forms.RadioSelect
    )
    description = forms.CharField(
        label=_("Ceritakan masalahnya (dibaca penjual)"),
        max_length=MAX_COMPLAINT_TEXT,
        widget=forms.Textarea(attrs=_TEXT_ATTRS),
    )
    foto = forms.FileField(
        label=_("Foto barang (paling banyak 3)"), required=False, widget=PhotosInput()
    )
    idempotency_key = IdempotencyKeyField(required=False)

    def __init__(self, *args, ask_phone: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_phone:
            self.fields["buyer_phone"] = BuyerPhoneField()


class BuyerAnswerForm(forms.Form):
    """One button of the buyer's complaint page: the step's name, the words,
    the number when the browser is not the one that placed the order."""

    answer = forms.ChoiceField(
        choices=[
            (n, n)
            for n in ("accept", "refuse", "sent_back", "appeal", "accept_decision", "message")
        ]
    )
    text = forms.CharField(max_length=MAX_COMPLAINT_TEXT, required=False)
    buyer_phone = BuyerPhoneField()


class SellerAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[
            (n, n)
            for n in (
                "agree",
                "offer",
                "return",
                "disagree",
                "received_back",
                "appeal",
                "accept_decision",
                "message",
            )
        ]
    )
    text = forms.CharField(
        label=_("Pesan untuk pembeli"),
        max_length=MAX_COMPLAINT_TEXT,
        required=False,
        widget=forms.Textarea(attrs=_TEXT_ATTRS),
    )
    offer_idr = RupiahField(label=_("Jumlah yang dikembalikan ke pembeli (Rp)"), required=False)


class DecideForm(forms.Form):
    """The operator's or the regional admin's decision."""

    outcome = forms.ChoiceField(
        label=_("Keputusan"),
        choices=[
            ("release", _("Lepas semua dana ke penjual")),
            ("refund", _("Kembalikan semua dana ke pembeli")),
            ("split", _("Bagi dana")),
        ],
        widget=forms.RadioSelect,
    )
    seller_part = RupiahField(
        label=_("Bila dibagi: bagian penjual (Rp)"),
        required=False,
        help_text=_("Sisanya dikembalikan ke pembeli."),
    )
    text = forms.CharField(
        label=_("Alasan keputusan (dibaca kedua pihak)"),
        max_length=MAX_COMPLAINT_TEXT,
        required=False,
        widget=forms.Textarea(attrs=_TEXT_ATTRS),
    )
