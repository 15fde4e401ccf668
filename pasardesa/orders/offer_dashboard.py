"""The seller's offers in the dashboard (/kelola/penjual/<seller_pk>/tawaran/…):
the inbox with counts per status, an offer's page with its history, and the
answers (accept, counter, decline).

The seller is resolved through ``sellers.permissions`` and the offer through
that seller, so another seller's offer is a 404 whatever the URL says. An
answer is one call of ``transition_offer`` with the status and round the page
showed: a price that changed since is never accepted unseen.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pasardesa.core.web import dashboard_view, paginate
from pasardesa.orders.forms import OfferStepForm
from pasardesa.orders.models import ActorRole, OfferStatus
from pasardesa.orders.selectors import seller_offer, seller_offers
from pasardesa.orders.services import IllegalTransition, transition_offer
from pasardesa.orders.state import OFFER_MACHINE
from pasardesa.orders.whatsapp import offer_buyer_link
from pasardesa.sellers.dashboard import managed_seller_or_404

OFFERS_PER_PAGE = 20


@dashboard_view("GET")
def inbox(request, seller_pk: int):
    seller = managed_seller_or_404(request, seller_pk)
    found = seller_offers(seller=seller, status=request.GET.get("status", ""))
    chips = [(value, label, found.counts.get(value, 0)) for value, label in OfferStatus.choices]
    return render(
        request,
        "orders/manage/offers.html",
        {
            "seller": seller,
            "inbox": found,
            "chips": chips,
            "page_obj": paginate(request, found.rows, OFFERS_PER_PAGE),
        },
    )


def _offer_or_404(seller, number: str):
    offer = seller_offer(seller=seller, number=number)
    if offer is None:
        raise Http404
    return offer


@dashboard_view("GET")
def detail(request, seller_pk: int, number: str):
    seller = managed_seller_or_404(request, seller_pk)
    offer = _offer_or_404(seller, number)
    steps = [
        {"to": to, "action": step.action, "needs_price": step.needs_price}
        for to, step in OFFER_MACHINE.next_steps(offer.status, ActorRole.SELLER)
    ]
    order_line = getattr(offer, "order_line", None)
    return render(
        request,
        "orders/manage/offer.html",
        {
            "seller": seller,
            "offer": offer,
            "steps": steps,
            "price_steps": any(s["needs_price"] for s in steps),
            "wa_link": offer_buyer_link(offer),
            "order": order_line.order if order_line else None,
        },
    )


@dashboard_view("POST")
def step(request, seller_pk: int, number: str):
    seller = managed_seller_or_404(request, seller_pk)
    offer = _offer_or_404(seller, number)
    form = OfferStepForm(request.POST)
    if not form.is_valid():
        if form.has_error("price_idr"):
            messages.error(request, " ".join(form.errors["price_idr"]))
        else:
            messages.error(
                request, _("Langkah ini tidak dikenal. Muat ulang halaman lalu coba lagi.")
            )
        return redirect("order_manage:offer", seller.pk, offer.number)
    try:
        transition_offer(
            offer=offer, actor=request.user, actor_role=ActorRole.SELLER, **form.service_kwargs()
        )
    except IllegalTransition as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _('Tawaran %(number)s sekarang "%(status)s". Kabari pembeli lewat WhatsApp.')
            % {"number": offer.number, "status": OFFER_MACHINE.label(offer.status)},
        )
    return redirect("order_manage:offer", seller.pk, offer.number)
