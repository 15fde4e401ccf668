"""Pages of the payments app: seller.

The seller is resolved as on their order pages (``managed_seller_or_404``)
and the payment through that seller, so another seller's order is a 404
whatever the URL says. A seller confirms only money paid straight to them
(transfer, QRIS); money in the rekening bersama is the treasurer's to confirm.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from pasardesa.core.state import IllegalTransition
from pasardesa.core.web import dashboard_view
from pasardesa.payments.models import Payment, PaymentRole
from pasardesa.payments.selectors.buyer import seller_balance
from pasardesa.payments.services import confirm_payment
from pasardesa.sellers.permissions import managed_seller_or_404


@dashboard_view("POST")
def confirm(request, seller_pk: int, number: str):
    """ "Uang sudah masuk": the seller saw the transfer or QRIS payment arrive."""
    seller = managed_seller_or_404(request, seller_pk)
    payment = (
        Payment.objects.select_related("order", "store", "seller")
        .filter(seller=seller, order__number=number)
        .exclude(method="escrow")
        .first()
    )
    if payment is None:
        raise Http404
    try:
        confirm_payment(payment=payment, actor=request.user, actor_role=PaymentRole.SELLER)
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Pembayaran pesanan %(number)s tercatat sudah masuk.") % {"number": number},
        )
    return redirect("orders:seller_order", seller.pk, number)


@dashboard_view("GET")
def balance(request, seller_pk: int):
    """What the village holds for the seller, what it paid them, what is still held."""
    seller = managed_seller_or_404(request, seller_pk)
    return render(
        request,
        "payments/seller/balance.html",
        {"seller": seller, "balance": seller_balance(seller)},
    )


_SELLER = "kelola/penjual/<int:seller_pk>/"

urlpatterns = [
    path(_SELLER + "pesanan/<str:number>/uang-masuk/", confirm, name="seller_confirm"),
    path(_SELLER + "saldo/", balance, name="seller_balance"),
]
