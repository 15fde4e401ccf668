"""Helpers for views."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods


def absolute_uri(request, path: str) -> str:
    """Full URL of ``path``, for links that leave the site (WhatsApp, Open Graph)."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)


def paginate(request, queryset, per_page: int | None = None) -> Page:
    paginator = Paginator(queryset, per_page or settings.CATALOG_PAGE_SIZE)
    # get_page turns "abc", "-3" or "999999" into the nearest real page.
    return paginator.get_page(request.GET.get("halaman"))


def dashboard_view(*methods: str):
    """A dashboard page: logged in, never cached (private data), only ``methods``."""

    def decorate(view):
        @login_required
        @never_cache
        @require_http_methods(list(methods or ["GET"]))
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
