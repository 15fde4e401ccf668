"""What every page's header shows of the buyer's cart."""

from pasardesa.orders.cart import Cart


def cart(request):
    """``cart_count``: how many items the cart holds, read from the session only
    when a template shows it (a page that never asks adds no ``Vary: Cookie``)."""
    return {"cart_count": lambda: Cart(request.session).total_quantity}
