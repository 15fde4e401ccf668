"""The buyer's cart: one cart across sellers and villages, in the session.
Every change is a POST form; the page works without JavaScript."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from pasardesa.core.web import redirect_back
from pasardesa.orders import selectors
from pasardesa.orders.cart import Cart
from pasardesa.orders.models import MAX_QUANTITY
from pasardesa.orders.views.common import private
from pasardesa.orders.views.offers import my_offer_tokens

# --- Cart -------------------------------------------------------------------------


@never_cache
@require_safe
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
    return private(render(request, "orders/cart.html", context))


# The product page carries no CSRF token, so its bytes change only with what the
# visitor's own session shows (the cart count, one message) and a reload gets
# a 304; a token would make every copy different. Adding to
# a cart is harmless to forge: the session cookie is SameSite=Lax, so a
# cross-site POST lands in a new, empty session, and the buyer sees the cart
# before anything is placed. Changing, removing, checkout and cancel keep CSRF.
@csrf_exempt
@require_POST
def cart_add(request):
    try:
        cart = Cart(request.session)
        cart.add(request.POST.get("product", ""), request.POST.get("jumlah", "1"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        count = cart.total_quantity
        messages.success(
            request,
            ngettext(
                "Ditambahkan ke keranjang (%(n)d barang)",
                "Ditambahkan ke keranjang (%(n)d barang)",
                count,
            )
            % {"n": count},
            extra_tags="cart",
        )
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
