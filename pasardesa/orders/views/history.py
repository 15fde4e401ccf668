"""A logged-in buyer's order history (/kelola/pesanan-saya/).

Only the orders placed while logged in belong to an account; an order placed
anonymously stays reachable through its private tracking link alone. The
account's latest offers (tawar) are listed above the orders. The page
reads ``selectors.buyer_orders`` (a fixed number of queries per page) and links
every order to its tracking page, where the buyer follows or cancels it.
"""

from django.shortcuts import render

from pasardesa.core.web import dashboard_view, paginate
from pasardesa.orders.selectors import buyer_offers, buyer_orders

ORDERS_PER_PAGE = 20
OFFERS_SHOWN = 10


@dashboard_view("GET")
def history(request):
    page_obj = paginate(request, buyer_orders(request.user), ORDERS_PER_PAGE)
    offers = buyer_offers(request.user)[:OFFERS_SHOWN]
    response = render(request, "orders/history.html", {"page_obj": page_obj, "offers": offers})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
