"""The buyer's side of bargaining (tawar): make an offer on a negotiable product,
follow it through its private link, answer the seller's counter, and put an
agreed price in the cart.

All plain POST forms with CSRF, usable without JavaScript; the pages are
private (never cached, not indexed). The offers this browser made are kept in
the session, so the cart page can list them even for a buyer without an account.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from pasardesa.catalog.selectors import public_products
from pasardesa.core.forms import add_service_errors
from pasardesa.core.phones import normalize_phone
from pasardesa.core.ratelimit import RateLimit, client_ip
from pasardesa.core.state import IllegalTransition
from pasardesa.core.web import absolute_uri
from pasardesa.orders import selectors
from pasardesa.orders.cart import Cart
from pasardesa.orders.forms import OfferForm, OfferStepForm
from pasardesa.orders.models import ActorRole, OfferStatus
from pasardesa.orders.services import make_offer, transition_offer
from pasardesa.orders.state import OFFER_MACHINE
from pasardesa.orders.views.common import private
from pasardesa.orders.whatsapp import offer_seller_link

# Enough for a buyer haggling over a market's worth of goods; too few to flood
# sellers' inboxes from one phone or one address.
OFFERS_BY_IP = RateLimit("offer:ip", 30, 60 * 60)
OFFERS_BY_PHONE = RateLimit("offer:phone", 10, 60 * 60)

# The offers this browser made (their tokens), newest last.
MY_OFFERS_KEY = "my_offers"
_MY_OFFERS_KEEP = 20


def _remember_offer(request, token: str) -> None:
    mine = [t for t in request.session.get(MY_OFFERS_KEY, []) if isinstance(t, str)]
    if token not in mine:
        request.session[MY_OFFERS_KEY] = [*mine, token][-_MY_OFFERS_KEEP:]


def phone_key(typed: str) -> str:
    """The typed number normalised, to count it by; empty when it is not a number."""
    try:
        return normalize_phone(typed[:32])
    except ValidationError:
        return ""


def my_offer_tokens(request) -> list[str]:
    return [t for t in request.session.get(MY_OFFERS_KEY, []) if isinstance(t, str)]


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def offer_new(request, pk: int):
    product = public_products().select_related("seller__store").filter(pk=pk).first()
    if product is None or not product.is_negotiable:
        raise Http404
    status = 200
    if request.method == "POST":
        form = OfferForm(request.POST)
        ip, phone = client_ip(request), phone_key(request.POST.get("buyer_phone", ""))
        if OFFERS_BY_IP.exceeded(ip) or (phone and OFFERS_BY_PHONE.exceeded(phone)):
            form.is_valid()  # show the other fields' errors too
            form.add_error(None, _("Terlalu banyak tawaran dalam satu jam. Coba lagi nanti."))
            status = 429
        elif form.is_valid():
            try:
                offer = make_offer(
                    product_id=product.pk, user=request.user, **form.service_kwargs()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                OFFERS_BY_IP.hit(ip)
                OFFERS_BY_PHONE.hit(offer.buyer_phone)
                _remember_offer(request, offer.token)
                messages.success(
                    request,
                    _("Tawaran tercatat. Kabari penjual lewat WhatsApp supaya cepat dijawab."),
                )
                return redirect("orders:offer", token=offer.token)
    else:
        user = request.user
        initial = {"quantity": "1"}
        if user.is_authenticated:
            initial |= {"buyer_name": user.name, "buyer_phone": user.phone}
        form = OfferForm(initial=initial)
    return private(
        render(request, "orders/offer_new.html", {"product": product, "form": form}, status=status)
    )


def offer_page(offer, role: str) -> dict:
    """What both sides' offer pages show: the offer, whether it is still in
    play and whether its time ran out (the expiry job may not have run yet),
    the answers ``role`` may give now (none once it lapsed; ordering is the
    checkout's own button) and the order it went into."""
    in_play = offer.status in OFFER_MACHINE.open
    lapsed = in_play and offer.expires_at <= timezone.now()
    steps = [
        {"to": to, "action": step.action, "needs_price": step.needs_price}
        for to, step in OFFER_MACHINE.next_steps(offer.status, role)
        if to != OfferStatus.ORDERED and not lapsed
    ]
    order_line = getattr(offer, "order_line", None)
    return {
        "offer": offer,
        "in_play": in_play,
        "lapsed": lapsed,
        "steps": steps,
        "price_steps": any(step["needs_price"] for step in steps),
        "order": order_line.order if order_line else None,
    }


def _offer_or_404(token: str):
    offer = selectors.offer_by_token(token)
    if offer is None:
        raise Http404
    return offer


@never_cache
@require_safe
def offer_detail(request, token: str):
    offer = _offer_or_404(token)
    answer_url = absolute_uri(
        request, reverse("orders:seller_offer", args=[offer.seller_id, offer.number])
    )
    context = {
        **offer_page(offer, ActorRole.BUYER),
        # The seller is told of what waits for them: an offer, an agreement.
        "wa_link": offer_seller_link(offer, answer_url)
        if offer.status in (OfferStatus.PENDING, OfferStatus.ACCEPTED)
        else None,
        "own_url": absolute_uri(request, reverse("orders:offer", args=[offer.token])),
    }
    return private(render(request, "orders/offer.html", context))


@never_cache
@require_POST
def offer_step(request, token: str):
    offer = _offer_or_404(token)
    answer_offer(
        request,
        offer,
        actor_role=ActorRole.BUYER,
        done=_('Tawaran %(number)s sekarang "%(status)s".'),
    )
    return redirect("orders:offer", token=offer.token)


def answer_offer(request, offer, *, actor_role: str, done: str) -> None:
    """One posted answer (``OfferStepForm``) through ``transition_offer``; the
    outcome, good or refused, is a message on the offer page. ``done`` is the
    success message, with ``%(number)s`` and ``%(status)s``."""
    form = OfferStepForm(request.POST)
    if not form.is_valid():
        if form.has_error("price_idr"):
            messages.error(request, " ".join(form.errors["price_idr"]))
        else:
            messages.error(
                request, _("Langkah ini tidak dikenal. Muat ulang halaman lalu coba lagi.")
            )
        return
    try:
        transition_offer(
            offer=offer,
            actor=request.user if request.user.is_authenticated else None,
            actor_role=actor_role,
            **form.service_kwargs(),
        )
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, done % {"number": offer.number, "status": OFFER_MACHINE.label(offer.status)}
        )


@never_cache
@require_POST
def offer_to_cart(request, token: str):
    """ "Pesan dengan harga ini": the agreed price goes into the cart, then checkout."""
    offer = _offer_or_404(token)
    try:
        Cart(request.session).add_offer(offer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("orders:offer", token=offer.token)
    messages.success(
        request, _("Harga tawaran masuk keranjang. Lengkapi data lalu tekan Pesan sekarang.")
    )
    return redirect("orders:checkout")
