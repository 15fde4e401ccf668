"""The seller's orders in the dashboard: inbox, order page, status steps and
the packing note.

The seller is resolved through ``sellers.permissions`` (via
``managed_seller_or_404``) and the order through that seller, so another
seller's order is a 404 whatever the URL or the POST says. A step is one call
of ``transition_order``; whatever it refuses (a double tap, a stale page, a
missing reason) comes back as a message on the order page, never an error page.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from pasardesa.core.web import dashboard_view, paginate
from pasardesa.orders.models import ActorRole, Order, OrderStatus
from pasardesa.orders.selectors import seller_inbox, seller_order
from pasardesa.orders.services import transition_order
from pasardesa.orders.state import IllegalTransition, order_steps, status_label
from pasardesa.orders.whatsapp import buyer_link, delivery_address
from pasardesa.sellers.models import Seller
from pasardesa.sellers.permissions import managed_seller_or_404

ORDERS_PER_PAGE = 20


class StepForm(forms.Form):
    """One button of the order page: the status to move to, the status the
    page showed (to catch a stale page) and the reason, when there is one."""

    ke = forms.ChoiceField(choices=OrderStatus.choices)
    dari = forms.ChoiceField(choices=OrderStatus.choices, required=False)
    catatan = forms.CharField(required=False)


def _order_or_404(seller: Seller, number: str) -> Order:
    order = seller_order(seller=seller, number=number)
    if order is None:
        raise Http404
    return order


@dashboard_view("GET")
def inbox(request, seller_pk: int):
    seller = managed_seller_or_404(request, seller_pk)
    found = seller_inbox(seller=seller, status=request.GET.get("status", ""))
    return render(
        request,
        "orders/manage/inbox.html",
        {
            "seller": seller,
            "inbox": found,
            "page_obj": paginate(request, found.rows, ORDERS_PER_PAGE),
        },
    )


@dashboard_view("GET")
def detail(request, seller_pk: int, number: str):
    seller = managed_seller_or_404(request, seller_pk)
    order = _order_or_404(seller, number)
    holds_stock = any(line.stock_reserved for line in order.lines.all())
    steps = [
        {
            "to": to,
            # Say what declining does for the seller's shelf, where it does.
            "action": _("Tolak & kembalikan stok")
            if to == OrderStatus.DECLINED and holds_stock
            else step.action,
            "needs_note": step.needs_note,
            "takes_note": step.needs_note or step.takes_note,
        }
        for to, step in order_steps(order, ActorRole.SELLER)
    ]
    return render(
        request,
        "orders/manage/detail.html",
        {
            "seller": seller,
            "order": order,
            "steps": steps,
            "address": delivery_address(order),
            "wa_link": buyer_link(order),
        },
    )


@dashboard_view("POST")
def step(request, seller_pk: int, number: str):
    seller = managed_seller_or_404(request, seller_pk)
    order = get_object_or_404(Order, seller=seller, number=number)
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Langkah ini tidak dikenal. Muat ulang halaman lalu coba lagi."))
    elif form.cleaned_data["dari"] and form.cleaned_data["dari"] != order.status:
        messages.error(
            request,
            _(
                'Pesanan ini sudah berubah menjadi "%(status)s" sejak halaman dibuka. '
                "Periksa lagi, lalu pilih langkah berikutnya."
            )
            % {"status": status_label(order.status)},
        )
    else:
        try:
            transition_order(
                order=order,
                to_status=form.cleaned_data["ke"],
                actor=request.user,
                actor_role=ActorRole.SELLER,
                note=form.cleaned_data["catatan"],
            )
        except IllegalTransition as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _('Pesanan %(number)s sekarang "%(status)s".')
                % {"number": order.number, "status": status_label(order.status)},
            )
    return redirect("orders:seller_order", seller.pk, order.number)


@dashboard_view("GET")
def packing_note(request, seller_pk: int, number: str):
    seller = managed_seller_or_404(request, seller_pk)
    order = _order_or_404(seller, number)
    return render(
        request,
        "orders/manage/packing_note.html",
        {"seller": seller, "order": order, "address": delivery_address(order)},
    )
