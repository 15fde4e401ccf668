"""Checkout and its confirmation. The village is searched with a second submit
button of the same form, so the page works without JavaScript and keeps what
the buyer typed; private pages are never cached."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from pasardesa.core.forms import add_service_errors
from pasardesa.core.ratelimit import RateLimit, client_ip
from pasardesa.core.web import absolute_uri
from pasardesa.orders import selectors
from pasardesa.orders.cart import Cart
from pasardesa.orders.forms import CheckoutForm, with_current_prices
from pasardesa.orders.models import Checkout
from pasardesa.orders.services import (
    CartChanged,
    place_checkout,
)
from pasardesa.orders.views.common import private
from pasardesa.orders.views.offers import phone_key
from pasardesa.orders.whatsapp import seller_link
from pasardesa.regions.selectors import search_villages, villages_by_code

# The checkouts this session placed: only these confirmation pages open.
PLACED_KEY = "placed_checkouts"
_PLACED_KEEP = 20


# --- Checkout ---------------------------------------------------------------------


def _checkout_limits(request, typed_phone: str) -> list[tuple[RateLimit, str]]:
    """The hourly checkout limits (settings) and what each counts: the
    client's address, and the buyer's number when it is a number."""
    hour = 60 * 60
    limits = [
        (RateLimit("checkout:ip", settings.CHECKOUTS_PER_IP_PER_HOUR, hour), client_ip(request))
    ]
    if phone := phone_key(typed_phone):
        limits.append(
            (RateLimit("checkout:phone", settings.CHECKOUTS_PER_PHONE_PER_HOUR, hour), phone)
        )
    return limits


def _remember_checkout(request, checkout: Checkout) -> None:
    placed = [k for k in request.session.get(PLACED_KEY, []) if isinstance(k, str)]
    key = str(checkout.idempotency_key)
    if key not in placed:
        placed = [*placed, key][-_PLACED_KEEP:]
    request.session[PLACED_KEY] = placed


# The submit button that searches villages instead of placing the order.
SEARCH_BUTTON = "cari_desa"


def _village_choices(form: CheckoutForm, groups) -> dict:
    """The villages the buyer picks from: the one picked, the sellers' own
    (most buyers are neighbours) and what the search found, each once."""
    query = (form["cari"].value() or "").strip()[:100]
    found = search_villages(query, limit=15) if len(query) >= 3 else []
    picked = (form["village"].value() or "").strip()
    sellers_villages = [group.seller.store.village_id for group in groups]
    options = villages_by_code([picked, *sellers_villages, *(v.code for v in found)])
    return {
        "village_query": query,
        "villages_found": found,
        "village_options": options,
        "picked_village": picked,
    }


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def checkout(request):
    cart = Cart(request.session)
    groups = cart.groups()
    changes = []
    status = 200
    if request.method == "POST" and SEARCH_BUTTON in request.POST:
        # A village search keeps everything typed so far and places nothing.
        data = with_current_prices(request.POST, groups)
        form = CheckoutForm(initial=data.dict(), groups=groups)
    elif request.method == "POST":
        form = CheckoutForm(request.POST, groups=groups)
        if form.is_valid():
            limits = _checkout_limits(request, form.cleaned_data["buyer_phone"])
            # A retry of a checkout already placed here is answered, never counted.
            retry = str(form.cleaned_data["idempotency_key"]) in request.session.get(PLACED_KEY, [])
            if not retry and any(limit.exceeded(value) for limit, value in limits):
                # The page comes back as it was (cart, details): nothing is lost.
                form.add_error(
                    None,
                    _(
                        "Terlalu banyak pesanan dari nomor atau jaringan ini dalam satu jam. "
                        "Keranjang dan isian Anda tetap tersimpan; coba lagi nanti."
                    ),
                )
                status = 429
        if form.is_valid():
            try:
                placed = place_checkout(
                    items=form.cart_items(),
                    buyer=form.buyer_details(),
                    choices=form.choices(),
                    expected_prices=form.expected_prices(),
                    idempotency_key=form.cleaned_data["idempotency_key"],
                    user=request.user,
                )
            except CartChanged as exc:
                changes = exc.changes
                groups = cart.groups()  # an agreed price that lapsed is gone now
                form = CheckoutForm(with_current_prices(request.POST, groups), groups=groups)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                if not retry:
                    for limit, value in limits:
                        limit.hit(value)
                cart.clear()
                _remember_checkout(request, placed)
                return redirect("orders:confirmation", key=placed.idempotency_key)
    else:
        if not groups:
            messages.info(request, _("Keranjang Anda masih kosong."))
            return redirect("orders:cart")
        form = CheckoutForm(initial={"village": groups[0].seller.store.village_id}, groups=groups)
    context = {
        "form": form,
        "groups": groups,
        "changes": changes,
        "total_idr": sum(group.subtotal_idr for group in groups),
        "dropped": cart.dropped,
        "offers_lapsed": cart.offers_lapsed,
        "search_button": SEARCH_BUTTON,
        **_village_choices(form, groups),
    }
    return private(render(request, "orders/checkout.html", context, status=status))


@never_cache
@require_safe
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
        # The seller gets their own page of the order; the tracking link is the buyer's.
        answer_url = absolute_uri(
            request, reverse("orders:seller_order", args=[order.seller_id, order.number])
        )
        orders.append((order, seller_link(order, answer_url), tracking_url))
    return private(
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
