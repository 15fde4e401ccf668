"""Helpers for views."""

from django.conf import settings
from django.core.paginator import Page, Paginator


def absolute_uri(request, path: str) -> str:
    """Full URL of ``path``, for links that leave the site (WhatsApp, Open Graph)."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def paginate(request, queryset, per_page: int | None = None) -> Page:
    paginator = Paginator(queryset, per_page or settings.CATALOG_PAGE_SIZE)
    # get_page turns "abc", "-3" or "999999" into the nearest real page.
    return paginator.get_page(request.GET.get("halaman"))
