"""The seller's offers in the dashboard (/kelola/penjual/<seller_pk>/tawaran/…):
the inbox with counts per status, an offer's page with its history, and the
answers (accept, counter, decline).

The seller is resolved through ``sellers.permissions`` and the offer through
that seller, so another seller's offer is a 404 whatever the URL says. An
answer is one call of ``transition_offer`` with the status and round the page
showed: a price that changed since is never accepted unseen.
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from pasardesa.core.web import dashboard_view, paginate
from pasardesa.orders.models import ActorRole
from pasardesa.orders.selectors import seller_offer, seller_offers
from pasardesa.orders.views.offers import answer_offer, offer_page
from pasardesa.orders.whatsapp import offer_buyer_link
from pasardesa.sellers.permissions import managed_seller_or_404

OFFERS_PER_PAGE = 20


@dashboard_view("GET")
def inbox(request, seller_pk: int):
    seller = managed_seller_or_404(request, seller_pk)
    found = seller_offers(seller=seller, status=request.GET.get("status", ""))
    return render(
        request,
        "orders/manage/offers.html",
        {
            "seller": seller,
            "inbox": found,
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
    return render(
        request,
        "orders/manage/offer.html",
        {
            **offer_page(offer, ActorRole.SELLER),
            "seller": seller,
            "wa_link": offer_buyer_link(offer),
        },
    )


@dashboard_view("POST")
def step(request, seller_pk: int, number: str):
    seller = managed_seller_or_404(request, seller_pk)
    offer = _offer_or_404(seller, number)
    answer_offer(
        request,
        offer,
        actor_role=ActorRole.SELLER,
        done=_('Tawaran %(number)s sekarang "%(status)s". Kabari pembeli lewat WhatsApp.'),
    )
    return redirect("orders:seller_offer", seller.pk, offer.number)
