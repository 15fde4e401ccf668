"""The buyer's pages: cart, checkout, confirmation and order tracking.

All work without JavaScript: every change is a POST form with CSRF; the
village is picked with a plain GET search. Private pages are never cached.
"""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from pasardesa.core.forms import add_service_errors
from pasardesa.core.web import absolute_uri, redirect_back
from pasardesa.orders import selectors
from pasardesa.orders.cart import Cart
from pasardesa.orders.forms import CheckoutForm, with_current_prices
from pasardesa.orders.models import MAX_QUANTITY, ActorRole, Checkout, OrderStatus
from pasardesa.orders.offer_views import my_offer_tokens
from pasardesa.orders.services import (
    CartChanged,
    IllegalTransition,
    place_checkout,
    transition_order,
)
from pasardesa.orders.state import next_steps
from pasardesa.orders.whatsapp import seller_link
from pasardesa.regions.models import Region
from pasardesa.regions.selectors import search_villages

# The checkouts this session placed: only these confirmation pages open.
PLACED_KEY = "placed_checkouts"
_PLACED_KEEP = 20


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# --- Cart -------------------------------------------------------------------------


@never_cache
@require_GET
def cart(request):
    cart = Cart(request.session)
    groups = cart.groups()
    context = {
        "groups": groups,
        "total_idr": sum(group.subtotal_idr for group in groups),
        "dropped": cart.dropped,
        "offers_lapsed": cart.offers_lapsed,
        "max_quantity": MAX_QUANTITY,
        "my_offers": selectors.offers_by_tokens(my_offer_tokens(request)[::-1]),
    }
    return _private(render(request, "orders/cart.html", context))


# The product page is the same bytes for everybody (so phones get a 304 and
# shared caches work); a CSRF token would make every copy different. Adding to
# a cart is harmless to forge: the session cookie is SameSite=Lax, so a
# cross-site POST lands in a new, empty session, and the buyer sees the cart
# before anything is placed. Changing, removing, checkout and cancel keep CSRF.
@csrf_exempt
@require_POST
def cart_add(request):
    try:
        quantity = Cart(request.session).add(
            request.POST.get("product", ""), request.POST.get("quantity", "1")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Masuk keranjang (jumlah sekarang %(n)d).") % {"n": quantity})
    return redirect_back(request, reverse("orders:cart"))


@require_POST
def cart_update(request):
    try:
        Cart(request.session).set(request.POST.get("product", ""), request.POST.get("quantity"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Jumlah diubah."))
    return redirect("orders:cart")


@require_POST
def cart_remove(request):
    Cart(request.session).remove(request.POST.get("product", ""))
    messages.success(request, _("Produk dikeluarkan dari keranjang."))
    return redirect("orders:cart")


# --- Checkout ---------------------------------------------------------------------


def _remember_checkout(request, checkout: Checkout) -> None:
    placed = [k for k in request.session.get(PLACED_KEY, []) if isinstance(k, str)]
    key = str(checkout.idempotency_key)
    if key not in placed:
        placed = [*placed, key][-_PLACED_KEEP:]
    request.session[PLACED_KEY] = placed


def _village_picker(request) -> dict:
    """The GET search for the buyer's village (by name or code) and the pick."""
    query = request.GET.get("cari", "").strip()[:100]
    picked = request.GET.get("desa", "").strip()[:13]
    picked_village = (
        Region.objects.filter(code=picked, level=Region.Level.DESA).first() if picked else None
    )
    return {
        "village_query": query,
        "villages": search_villages(query, limit=15) if len(query) >= 3 else [],
        "picked_village": picked_village,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def checkout(request):
    cart = Cart(request.session)
    groups = cart.groups()
    changes = []
    picker = _village_picker(request)
    if request.method == "POST":
        form = CheckoutForm(request.POST, groups=groups)
        if form.is_valid():
            try:
                placed = place_checkout(
                    cart_lines=[line for group in groups for line in group.lines],
                    user=request.user,
                    **form.service_kwargs(),
                )
            except CartChanged as exc:
                changes = exc.changes
                groups = cart.groups()  # an agreed price that lapsed is gone now
                form = CheckoutForm(with_current_prices(request.POST, groups), groups=groups)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                cart.clear()
                _remember_checkout(request, placed)
                return redirect("orders:confirmation", key=placed.idempotency_key)
    else:
        if not groups:
            messages.info(request, _("Keranjang Anda masih kosong."))
            return redirect("orders:cart")
        initial = {"village": picker["picked_village"].code} if picker["picked_village"] else {}
        form = CheckoutForm(initial=initial, groups=groups)
    context = {
        "form": form,
        "groups": groups,
        "changes": changes,
        "total_idr": sum(group.subtotal_idr for group in groups),
        "dropped": cart.dropped,
        "offers_lapsed": cart.offers_lapsed,
        **picker,
    }
    return _private(render(request, "orders/checkout.html", context))


@never_cache
@require_GET
def confirmation(request, key: uuid.UUID):
    if str(key) not in request.session.get(PLACED_KEY, []):
        raise Http404
    pk = Checkout.objects.filter(idempotency_key=key).values_list("pk", flat=True).first()
    placed = selectors.checkout_with_orders(pk) if pk else None
    if placed is None:
        raise Http404
    orders = []
    for order in placed.orders.all():
        order.checkout = placed
        tracking_url = absolute_uri(request, reverse("orders:track", args=[order.tracking_token]))
        orders.append((order, seller_link(order, tracking_url), tracking_url))
    return _private(
        render(
            request,
            "orders/confirmation.html",
            {
                "checkout": placed,
                "orders": orders,
                "total_idr": sum(order.subtotal_idr for order, _l, _u in orders),
            },
        )
    )


# --- Tracking -------------------------------------------------------------------------


def _order_or_404(token: str):
    order = selectors.order_by_tracking_token(token)
    if order is None:
        raise Http404
    return order


@never_cache
@require_GET
def track(request, token: str):
    order = _order_or_404(token)
    can_cancel = any(
        to == OrderStatus.CANCELLED for to, _step in next_steps(order.status, ActorRole.BUYER)
    )
    return _private(
        render(request, "orders/track.html", {"order": order, "can_cancel": can_cancel})
    )


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
