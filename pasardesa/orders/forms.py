"""The buyer's checkout and offer forms, and the offer step form of both sides.
The cart forms are two plain fields each (product id and quantity) checked by
``Cart`` itself, so they need no form class.

The fields only bound lengths; ``place_checkout`` checks everything else and
its errors land on the field they name (``add_service_errors``).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from pasardesa.core.forms import RupiahField
from pasardesa.core.idempotency import IdempotencyKeyField
from pasardesa.orders.cart import SellerGroup
from pasardesa.orders.models import Fulfilment, OfferStatus, PaymentMethod, payment_methods_for
from pasardesa.orders.services import BuyerDetails, CartItem


def _text(label, max_length, *, required=False, textarea=False, **attrs):
    widget = forms.Textarea(attrs={"rows": 3, **attrs}) if textarea else forms.TextInput(attrs)
    return forms.CharField(
        label=label, max_length=max_length, required=required, widget=widget, strip=True
    )


class CheckoutForm(forms.Form):
    """Buyer details, then per seller ``fulfilment_<id>`` and ``payment_<id>``,
    per product a hidden ``price_<id>`` (the price the buyer was shown) and
    the hidden idempotency key."""

    buyer_name = _text(_("Nama Anda"), 120, required=True, autocomplete="name")
    buyer_phone = _text(
        _("Nomor WhatsApp"),
        30,
        required=True,
        autocomplete="tel",
        inputmode="tel",
        placeholder="0812-3456-7890",
    )
    # Both needed only when a seller delivers (the service decides). The
    # village is a radio list the template draws from ``village_options``.
    address = _text(_("Alamat (jalan, patokan rumah)"), 500, textarea=True, maxlength=500)
    village = _text(_("Desa/kelurahan Anda"), 13)
    cari = _text(_("Cari desa lain"), 100, placeholder=_("Nama desa, mis. Dulolong"), type="search")
    dusun = _text(_("Dusun/lingkungan"), 60)
    rt = _text(_("RT"), 3, inputmode="numeric")
    rw = _text(_("RW"), 3, inputmode="numeric")
    note = _text(_("Catatan untuk penjual"), 500, textarea=True, maxlength=500)
    idempotency_key = IdempotencyKeyField()

    def __init__(self, *args, groups: list[SellerGroup], **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups
        for group in groups:
            seller_id = group.seller.pk
            self.fields[f"fulfilment_{seller_id}"] = forms.ChoiceField(
                label=_("Cara ambil"),
                choices=Fulfilment.choices,
                initial=Fulfilment.PICKUP,
                widget=forms.RadioSelect,
            )
            offered = payment_methods_for(group.seller)
            payments = [
                (value, label) for value, label in PaymentMethod.choices if value in offered
            ]
            self.fields[f"payment_{seller_id}"] = forms.ChoiceField(
                label=_("Cara bayar"),
                choices=payments,
                initial=PaymentMethod.COD,
                widget=forms.RadioSelect,
            )
            for line in group.lines:
                # A string on purpose: whatever comes back (even tampered) goes
                # to the service, which reports a mismatch as a price change.
                self.fields[f"price_{line.product_id}"] = forms.CharField(
                    required=False,
                    max_length=20,
                    initial=line.unit_price_idr,
                    widget=forms.HiddenInput,
                )

    def seller_fields(self):
        """``[(group, fulfilment field, payment field, price fields)]`` for the template."""
        return [
            (
                group,
                self[f"fulfilment_{group.seller.pk}"],
                self[f"payment_{group.seller.pk}"],
                [self[f"price_{line.product_id}"] for line in group.lines],
            )
            for group in self.groups
        ]

    def choices(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            group.seller.pk: (
                data.get(f"fulfilment_{group.seller.pk}", ""),
                data.get(f"payment_{group.seller.pk}", ""),
            )
            for group in self.groups
        }

    def expected_prices(self) -> dict[int, str]:
        return {
            line.product_id: self.cleaned_data.get(f"price_{line.product_id}", "")
            for group in self.groups
            for line in group.lines
        }

    def buyer_details(self) -> BuyerDetails:
        data = self.cleaned_data
        return BuyerDetails(
            name=data["buyer_name"],
            phone=data["buyer_phone"],
            address=data["address"],
            village_code=data["village"],
            dusun=data["dusun"],
            rt=data["rt"],
            rw=data["rw"],
            note=data["note"],
        )

    def cart_items(self) -> list[CartItem]:
        """The lines the page was drawn with, each at its agreed price's offer."""
        return [
            CartItem(line.product_id, line.quantity, line.offer.token if line.offer else None)
            for group in self.groups
            for line in group.lines
        ]


def with_current_prices(data, groups: list[SellerGroup]):
    """A copy of posted ``data`` whose hidden prices are today's: after a
    ``CartChanged`` the page shows the new prices, and confirming again means
    accepting them."""
    data = data.copy()
    for group in groups:
        for line in group.lines:
            data[f"price_{line.product_id}"] = str(line.unit_price_idr)
    return data


class OfferForm(forms.Form):
    """A buyer's offer: unit price and quantity, name and WhatsApp number."""

    price_idr = RupiahField(label=_("Harga tawaran per satuan (Rp)"), required=True)
    quantity = _text(_("Jumlah"), 20, required=True, inputmode="numeric")
    buyer_name = CheckoutForm.base_fields["buyer_name"]
    buyer_phone = CheckoutForm.base_fields["buyer_phone"]
    note = _text(_("Pesan untuk penjual"), 500, textarea=True, maxlength=500)
    idempotency_key = IdempotencyKeyField()

    def service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields}


class OfferStepForm(forms.Form):
    """One answer on an offer page: the status to move to, what the page showed
    (status and round, to catch a stale page), a price for a counter, a note."""

    ke = forms.ChoiceField(choices=OfferStatus.choices)
    dari = forms.ChoiceField(choices=OfferStatus.choices)
    putaran = forms.IntegerField(min_value=1, max_value=100)
    price_idr = RupiahField(label=_("Harga per satuan (Rp)"), required=False)
    catatan = forms.CharField(required=False, max_length=500)

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "to_status": data["ke"],
            "seen_status": data["dari"],
            "seen_round": data["putaran"],
            "price_idr": data["price_idr"],
            "note": data["catatan"],
        }
