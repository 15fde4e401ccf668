from django.shortcuts import render

from pasardesa.catalog.selectors import seller_products
from pasardesa.core.web import dashboard_view, paginate
from pasardesa.orders.selectors import seller_to_answer
from pasardesa.sellers.forms import ResubmitForm
from pasardesa.sellers.models import Seller
from pasardesa.sellers.permissions import managed_seller_or_404, sellers_owned_by

PRODUCTS_PER_PAGE = 20


@dashboard_view("GET")
def seller_home(request, pk: int):
    """The seller's home: status and its history, what waits for an answer
    (orders, offers), and a compact list of the products: the stock actions
    are on each product's own page, one tap away."""
    seller = managed_seller_or_404(request, pk)
    return render(
        request,
        "kelola/seller_home.html",
        {
            "seller": seller,
            "events": list(seller.status_events.select_related("actor")[:10]),
            "is_owner": sellers_owned_by(request.user).filter(pk=seller.pk).exists(),
            "to_answer": seller_to_answer(seller),
            "page_obj": paginate(request, seller_products(seller), PRODUCTS_PER_PAGE),
            "resubmit_form": ResubmitForm() if seller.status == Seller.Status.REJECTED else None,
        },
    )
