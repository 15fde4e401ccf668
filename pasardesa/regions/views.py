from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from pasardesa.catalog import selectors as catalog
from pasardesa.core.web import paginate
from pasardesa.regions.models import Region
from pasardesa.regions.selectors import region_path
from pasardesa.stores.selectors import child_markets, stores_in_region

MAX_STORES_LISTED = 24


@require_GET
def detail(request, code: str):
    region = get_object_or_404(Region, code=code)
    return render(
        request,
        "regions/detail.html",
        {
            "region": region,
            "path": region_path(region),
            "child_markets": child_markets(region),
            "stores": stores_in_region(region.code)[:MAX_STORES_LISTED],
            "page_obj": paginate(request, catalog.product_list(region_code=region.code)),
        },
    )
