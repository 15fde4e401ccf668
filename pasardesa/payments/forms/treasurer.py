"""The treasurer's forms: a payout, a refund, a bank balance to reconcile."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasardesa.core.forms import RupiahField
from pasardesa.core.idempotency import IdempotencyKeyField

_REFERENCE = {
    "label": _("Nomor referensi transfer"),
    "max_length": 60,
    "help_text": _("Dari bukti transfer bank, supaya pembayaran bisa dicocokkan."),
}


class PayoutForm(forms.Form):
    # A double tap or a retry on a flaky connection pays once.
    idempotency_key = IdempotencyKeyField()
    amount = RupiahField(label=_("Jumlah dibayarkan (Rp)"))
    reference = forms.CharField(**_REFERENCE)

    def clean_amount(self):
        amount = self.cleaned_data.get("amount")
        if not amount:
            raise forms.ValidationError(_("Tulis jumlah yang dibayarkan, lebih dari Rp0."))
        return amount


class RefundForm(forms.Form):
    idempotency_key = IdempotencyKeyField()
    paid_to = forms.CharField(
        label=_("Rekening atau dompet digital pembeli"),
        max_length=200,
        required=False,
        help_text=_("Kosongkan untuk memakai rekening yang ditulis pembeli."),
    )
    reference = forms.CharField(**_REFERENCE)


class ReconciliationForm(forms.Form):
    date = forms.DateField(
        label=_("Tanggal saldo"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        error_messages={"invalid": _("Tulis tanggal seperti 31/12/2025.")},
    )
    bank_balance = RupiahField(label=_("Saldo di rekening bank (Rp)"))

    def clean_bank_balance(self):
        amount = self.cleaned_data.get("bank_balance")
        if amount is None:
            raise forms.ValidationError(_("Tulis saldo bank, mis. 1.250.000."))
        return amount
