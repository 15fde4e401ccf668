"""Helpers for views."""

import re
from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

_UNSAFE_IN_NEXT = re.compile(r"[\x00-\x20\x7f\\]")


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
    """A dashboard page: logged in, never cached (private data), only ``methods``.

    A page served on GET answers HEAD too (uptime monitors ask with HEAD).
    """
    allowed = list(methods or ["GET"])
    if "GET" in allowed and "HEAD" not in allowed:
        allowed.append("HEAD")

    def decorate(view):
        @login_required
        @never_cache
        @require_http_methods(allowed)
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def safe_next(request, default: str = "") -> str:
    """The ``next`` the request carries (POST, else GET) when it is a path on
    this site, else ``default``.

    Only a path starting with one ``/`` counts: a bare word, ``-1`` or a
    foreign URL would pass Django's same-site check and then be taken by
    ``redirect()`` for a URL name (a 500) or leave the site. Our own links
    are percent-encoded, so a raw space, control character or backslash
    means somebody typed it: refused too.
    """
    target = request.POST.get("next") or request.GET.get("next") or ""
    if (
        target.startswith("/")
        and not target.startswith("//")
        and not _UNSAFE_IN_NEXT.search(target)
        and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    ):
        return target
    return default


def redirect_back(request, default: str):
    """Back to the page the form was on (``next``), never off-site; else ``default``."""
    return redirect(safe_next(request) or default)


def too_many_requests(request, message: str):
    """The plain page of a rate limit: what happened and when to try again (429)."""
    response = render(request, "core/429.html", {"message": message}, status=429)
    response["Retry-After"] = "3600"
    return response
