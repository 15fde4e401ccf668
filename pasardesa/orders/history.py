"""A logged-in buyer's order history (/kelola/pesanan-saya/).

Only the orders placed while logged in belong to an account; an order placed
anonymously stays reachable through its private tracking link alone. The page
reads ``selectors.buyer_orders`` (a fixed number of queries per page) and links
every order to its tracking page, where the buyer follows or cancels it.
"""

from django.shortcuts import render

from pasardesa.core.web import dashboard_view, paginate
from pasardesa.orders.selectors import buyer_orders

ORDERS_PER_PAGE = 20


@dashboard_view("GET")
def history(request):
    page_obj = paginate(request, buyer_orders(request.user), ORDERS_PER_PAGE)
    response = render(request, "orders/history.html", {"page_obj": page_obj})
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
