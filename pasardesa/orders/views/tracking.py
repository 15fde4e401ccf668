"""The buyer's private order page (``/pesanan/<token>/``) and cancelling.

The link alone is not the buyer: it may have been forwarded or seen by
someone else. The session that placed the checkout, or the account that
placed it, cancels with one tap; anyone else opening the link is asked for
the WhatsApp number the order was placed with and a reason
(``cancel_by_buyer``), and a few wrong numbers lock the link's cancel for an hour.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from pasardesa.core.forms import add_service_errors
from pasardesa.core.ratelimit import RateLimit
from pasardesa.core.state import IllegalTransition
from pasardesa.orders import selectors
from pasardesa.orders.models import ActorRole, Order, OrderStatus
from pasardesa.orders.services import cancel_by_buyer
from pasardesa.orders.services.transitions import MAX_CANCEL_REASON
from pasardesa.orders.state import next_steps
from pasardesa.orders.views.checkout import PLACED_KEY
from pasardesa.orders.views.common import private

# Wrong numbers per order link: enough for typos, too few to try numbers.
CANCEL_PROOF_FAILURES = RateLimit("order-cancel:fail", 5, 60 * 60)


class CancelForm(forms.Form):
    """What another device gives to cancel: the buyer's number and a reason."""

    buyer_phone = forms.CharField(
        label=gettext_lazy("Nomor WhatsApp yang dipakai saat memesan"),
        max_length=32,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "inputmode": "tel", "placeholder": "0812-3456-7890"}
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Alasan membatalkan (dibaca penjual)"),
        max_length=MAX_CANCEL_REASON,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": MAX_CANCEL_REASON}),
    )


# --- Tracking -------------------------------------------------------------------------


def _order_or_404(token: str) -> Order:
    order = selectors.order_by_tracking_token(token)
    if order is None:
        raise Http404
    return order


def placed_here(request, order: Order) -> bool:
    """Whether this browser is the buyer's own: its session placed the
    checkout, or it is logged in to the account that placed it."""
    user = request.user
    if user.is_authenticated and order.checkout.buyer_id == user.pk:
        return True
    return str(order.checkout.idempotency_key) in request.session.get(PLACED_KEY, [])


def _page(request, order: Order, form: CancelForm | None = None, status: int = 200):
    can_cancel = any(
        to == OrderStatus.CANCELLED for to, _step in next_steps(order.status, ActorRole.BUYER)
    )
    own = placed_here(request, order)
    context = {
        "order": order,
        "can_cancel": can_cancel,
        # Another device sees the proof fields; the buyer's own one a single button.
        "cancel_form": None if own or not can_cancel else (form or CancelForm()),
    }
    return private(render(request, "orders/track.html", context, status=status))


@never_cache
@require_safe
def track(request, token: str):
    return _page(request, _order_or_404(token))


@never_cache
@require_POST
def cancel(request, token: str):
    order = _order_or_404(token)
    own = placed_here(request, order)
    form = CancelForm(request.POST)
    form.is_valid()  # bounds the lengths; the service checks the rest
    data = {name: form.cleaned_data.get(name, "") for name in ("buyer_phone", "note")}
    if not own and CANCEL_PROOF_FAILURES.exceeded(token):
        form.add_error(
            None, _("Terlalu banyak nomor yang salah. Coba lagi satu jam lagi dari HP pemesan.")
        )
        return _page(request, order, form, status=429)
    try:
        cancel_by_buyer(
            order=order,
            actor=request.user if request.user.is_authenticated else None,
            placed_here=own,
            phone=data["buyer_phone"],
            reason=data["note"],
        )
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        if own:
            messages.error(request, " ".join(exc.messages))
            return redirect("orders:track", token=order.tracking_token)
        if "buyer_phone" in getattr(exc, "error_dict", {}):
            CANCEL_PROOF_FAILURES.hit(token)
        form = CancelForm(request.POST)
        form.is_valid()
        add_service_errors(form, exc)
        return _page(request, order, form)
    else:
        messages.success(request, _("Pesanan dibatalkan."))
    return redirect("orders:track", token=order.tracking_token)
