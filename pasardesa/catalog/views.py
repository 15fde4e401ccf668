from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from pasardesa.catalog import selectors
from pasardesa.catalog.forms import ProductSearchForm
from pasardesa.catalog.whatsapp import MAX_WHATSAPP_QUANTITY, order_link
from pasardesa.core.web import absolute_uri, paginate


@require_safe
def search(request):
    form = ProductSearchForm(request.GET or None)
    filters = form.filters() if request.GET else {}
    page_obj = paginate(request, selectors.product_list(**filters))
    return render(
        request,
        "catalog/search.html",
        {
            "form": form,
            "page_obj": page_obj,
            "search_query": filters.get("query", ""),
            "categories": selectors.categories(),
            "current_category": filters.get("category"),
        },
    )


def _public_product_or_404(pk: int):
    product = selectors.product_detail(pk)
    if product is None:
        raise Http404
    return product


@require_safe
def product(request, pk: int, slug: str):
    product = _public_product_or_404(pk)
    if slug != product.slug:
        return redirect(product, permanent=True)
    product_url = absolute_uri(request, product.get_absolute_url())
    return render(
        request,
        "catalog/product.html",
        {
            "product": product,
            "seller": product.seller,
            "whatsapp_url": order_link(product, 1, product_url),
            "related": selectors.related_products(product),
        },
    )


@require_safe
def product_whatsapp(request, pk: int):
    """The "Pesan via WhatsApp" form target: works without JavaScript."""
    product = _public_product_or_404(pk)
    try:
        quantity = int(request.GET.get("jumlah", "1"))
    except ValueError:
        quantity = 1
    quantity = min(max(quantity, 1), MAX_WHATSAPP_QUANTITY)
    if product.stock:
        quantity = min(quantity, product.stock)
    product_url = absolute_uri(request, product.get_absolute_url())
    link = order_link(product, quantity, product_url)
    if link is None or product.is_sold_out or product.seller.closure_now is not None:
        # The product page explains why ("Tutup sementara", "Stok habis", no
        # number). Outside opening hours the message goes: the seller reads it
        # when they open.
        return redirect(product)
    return redirect(link)
