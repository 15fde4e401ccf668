from functools import cache
from pathlib import Path

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe

from pasardesa.core.money import format_rupiah
from pasardesa.core.phones import format_phone_national
from pasardesa.core.web import absolute_uri

register = template.Library()

_CSS_PATH = Path(__file__).resolve().parent.parent / "static" / "core" / "site.css"


@cache
def _site_css() -> str:
    # Whitespace folded: every byte here is paid by every page view.
    lines = (line.strip() for line in _CSS_PATH.read_text().splitlines())
    return "".join(line for line in lines if line and not line.startswith("/*"))


@register.simple_tag
def inline_css():
    """The site's stylesheet, inlined so a page needs no second request."""
    css = _CSS_PATH.read_text() if settings.DEBUG else _site_css()
    return mark_safe(f"<style>{css}</style>")


@register.filter
def rupiah(amount):
    return format_rupiah(amount)


@register.filter
def phone_national(e164):
    return format_phone_national(e164)


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    return absolute_uri(context["request"], path)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (for page links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
