"""Payments on the orders app's pages: ``{% load payments %}``.

The orders app sits below payments and never imports it; its templates load
these tags instead, so the tracking page, the confirmation, the seller's
order page and inbox say where the money is without orders knowing how.
"""

from django import template
from django.template.loader import render_to_string

from pasardesa.core.money import format_rupiah
from pasardesa.orders.views.tracking import placed_here
from pasardesa.payments.forms.buyer import BuyerProofForm, RefundAccountForm
from pasardesa.payments.models import PaymentStatus
from pasardesa.payments.selectors.buyer import awaiting_order_ids, refund_owed
from pasardesa.payments.selectors.buyer import payment_of as _payment_of
from pasardesa.payments.services.flow import REFUND_ACCOUNT_STATUSES

register = template.Library()

S = PaymentStatus
ROLES = ("buyer", "seller")


@register.simple_tag(takes_context=True)
def payment_panel(context, order, role: str = "buyer", seller=None) -> str:
    """Where the money of ``order`` is, in words, with the buttons of ``role``:
    the buyer (tracking page) or the seller (their order page, ``seller`` given).
    Empty for an order paid in cash on the spot."""
    payment = _payment_of(order)
    if payment is None or role not in ROLES:
        return ""
    payment.order = order
    request = context.get("request")
    values = {
        "payment": payment,
        "order": order,
        "escrow": getattr(payment.store, "escrow", None) if payment.is_escrow else None,
        "S": S,
    }
    if role == "seller":
        values |= {
            "seller": seller,
            "can_confirm": not payment.is_escrow and payment.status == S.AWAITING,
        }
        return render_to_string("payments/seller/_panel.html", values, request=request)
    own = request is not None and placed_here(request, order)
    sent = payment.is_escrow and payment.status == S.SENT
    values |= {
        "own": own,
        "can_receive": sent,
        "can_extend": sent and not payment.extended,
        "has_complaint": payment.is_escrow and hasattr(payment, "complaint"),
        **_refund(payment, own),
        # Another device must give the buyer's number to move the money.
        "proof_form": None if own or not sent else BuyerProofForm(),
    }
    return render_to_string("payments/buyer/_panel.html", values, request=request)


def _refund(payment, own: bool) -> dict:
    """What the panel says about money going back to the buyer: owed (and
    where to), or paid back (to where, with the treasurer's reference)."""
    if not payment.is_escrow or payment.status not in REFUND_ACCOUNT_STATUSES:
        return {}
    paid = list(payment.refunds.order_by("pk"))
    owed = refund_owed(payment)
    return {
        "refund_owed": owed,
        "refunds_paid": paid,
        "refund_form": None
        if paid
        else RefundAccountForm(initial={"refund_to": payment.refund_to}),
        "refund_needs_phone": not own,
    }


@register.simple_tag
def payment_of(order):
    """``{% payment_of order as payment %}``: the order's payment, or None (cash)."""
    return _payment_of(order)


@register.simple_tag
def unpaid_among(orders) -> set[int]:
    """``{% unpaid_among page_obj.object_list as unpaid %}``: the ids of the
    orders still waiting to be paid first, in one query for the whole list."""
    return awaiting_order_ids(orders)


@register.simple_tag
def escrow_fee(escrow, amount_idr) -> str:
    """The village fee on ``amount_idr`` in rupiah, e.g. ``Rp1.875``; "" without a fee."""
    if escrow is None or not escrow.fee_basis_points:
        return ""
    return format_rupiah(escrow.fee_for(int(amount_idr)))
