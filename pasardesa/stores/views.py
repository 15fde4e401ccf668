from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from pasardesa.catalog import selectors as catalog
from pasardesa.core.web import paginate
from pasardesa.regions.selectors import region_path
from pasardesa.sellers.selectors import public_sellers
from pasardesa.stores import selectors


@require_GET
def detail(request, slug: str):
    store = selectors.store_by_slug(slug)
    if store is None:
        raise Http404
    categories = selectors.visible_categories(store)
    category = next((c for c in categories if c.slug == request.GET.get("kategori")), None)
    products = catalog.product_list(
        base=catalog.public_products()
        .filter(seller__store=store)
        .exclude(category__in=store.hidden_categories.all()),
        category=category,
    )
    return render(
        request,
        "stores/detail.html",
        {
            "store": store,
            "path": region_path(store.village),
            "featured": selectors.featured_product(store),
            "sellers": public_sellers(store=store),
            "page_obj": paginate(request, products),
            "categories": categories,
            "current_category": category,
        },
    )
