"""The buyer's private order page (``/pesanan/<token>/``) and cancelling."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from pasardesa.core.state import IllegalTransition
from pasardesa.orders import selectors
from pasardesa.orders.models import ActorRole, OrderStatus
from pasardesa.orders.services import transition_order
from pasardesa.orders.state import next_steps
from pasardesa.orders.views.common import private

# --- Tracking -------------------------------------------------------------------------


def _order_or_404(token: str):
    order = selectors.order_by_tracking_token(token)
    if order is None:
        raise Http404
    return order


@never_cache
@require_safe
def track(request, token: str):
    order = _order_or_404(token)
    can_cancel = any(
        to == OrderStatus.CANCELLED for to, _step in next_steps(order.status, ActorRole.BUYER)
    )
    return private(render(request, "orders/track.html", {"order": order, "can_cancel": can_cancel}))


@never_cache
@require_POST
def cancel(request, token: str):
    order = _order_or_404(token)
    try:
        transition_order(
            order=order,
            to_status=OrderStatus.CANCELLED,
            actor=request.user if request.user.is_authenticated else None,
            actor_role=ActorRole.BUYER,
        )
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Pesanan dibatalkan."))
    return redirect("orders:track", token=order.tracking_token)
