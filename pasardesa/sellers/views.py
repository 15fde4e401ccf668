from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from pasardesa.catalog import selectors as catalog
from pasardesa.core.web import absolute_uri, paginate
from pasardesa.core.whatsapp import whatsapp_link
from pasardesa.regions.selectors import region_path
from pasardesa.regions.timezones import zone_abbreviation
from pasardesa.sellers.selectors import seller_by_slug


@require_GET
def detail(request, slug: str):
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
        "sellers/detail.html",
        {
            "seller": seller,
            "store": seller.store,
            "path": region_path(seller.store.village),
            "whatsapp_url": whatsapp_link(seller.whatsapp, greeting),
            "zone": zone_abbreviation(seller.store.village_id),
            "page_obj": paginate(request, products),
        },
    )
