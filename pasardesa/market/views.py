"""The buyer pages that read several apps: the home page, a region's market,
a village store and a seller. All are plain GETs, cacheable, light."""

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from pasardesa.catalog import selectors as catalog
from pasardesa.core.web import absolute_uri, paginate
from pasardesa.core.whatsapp import whatsapp_link
from pasardesa.market import selectors
from pasardesa.regions.models import Region
from pasardesa.regions.selectors import region_path
from pasardesa.regions.timezones import zone_abbreviation
from pasardesa.sellers.selectors import public_sellers, seller_by_slug
from pasardesa.stores.selectors import child_markets, store_by_slug

MAX_STORES_LISTED = 24


@require_safe
def home(request):
    return render(
        request,
        "market/home.html",
        {
            "stores": selectors.active_stores(limit=12),
            "provinces": child_markets(None, stores=selectors.listed_stores()),
            "newest": catalog.newest_products(),
            "categories": catalog.categories(),
        },
    )


@require_safe
def region(request, code: str):
    region = get_object_or_404(Region, code=code)
    return render(
        request,
        "market/region.html",
        {
            "region": region,
            "path": region_path(region),
            "child_markets": child_markets(region, stores=selectors.listed_stores()),
            "stores": selectors.stores_in_region(region.code, limit=MAX_STORES_LISTED),
            "page_obj": paginate(request, catalog.product_list(region_code=region.code)),
        },
    )


@require_safe
def store(request, slug: str):
    store = store_by_slug(slug)
    if store is None:
        raise Http404
    categories = catalog.visible_categories(store)
    category = next((c for c in categories if c.slug == request.GET.get("kategori")), None)
    page_obj = paginate(request, catalog.store_products(store, category=category))
    # Unfiltered, the page's own count says whether anything is for sale (no
    # extra query); a category filter only comes from a page that had products.
    is_open = bool(page_obj.paginator.count) if category is None else True
    return render(
        request,
        "market/store.html",
        {
            "store": store,
            "path": region_path(store.village),
            "featured": catalog.featured_product(store),
            "sellers": public_sellers(store=store),
            "page_obj": page_obj,
            "categories": categories,
            "current_category": category,
            "is_open_for_buyers": is_open,
        },
    )


@require_safe
def seller(request, slug: str):
    seller = seller_by_slug(slug)
    if seller is None:
        raise Http404
    products = catalog.product_list(base=catalog.public_products().filter(seller=seller))
    with translation.override(settings.LANGUAGE_CODE):  # written to the seller
        greeting = _("Halo %(seller)s, saya lihat toko Anda di Pasar Desa: %(url)s") % {
            "seller": seller.business_name,
            "url": absolute_uri(request, seller.get_absolute_url()),
        }
    return render(
        request,
        "market/seller.html",
        {
            "seller": seller,
            "store": seller.store,
            "path": region_path(seller.store.village),
            "whatsapp_url": whatsapp_link(seller.whatsapp, greeting),
            "zone": zone_abbreviation(seller.store.village_id),
            "page_obj": paginate(request, products),
        },
    )
