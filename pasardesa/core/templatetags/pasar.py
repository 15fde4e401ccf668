import datetime
from functools import cache
from pathlib import Path

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

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


# Every time a person reads is in the zone of the store it is about, labelled
# ("T" prints WIB, WITA or WIT): a seller in Alor registered at 00.40 WITA must
# not read 23.40. The zone is the filter's argument (``store.time_zone``), or
# the current one (``{% timezone %}``, ``timezone.override``) without it.
DATETIME_IN_ZONE = "j M Y H.i T"
DATE_IN_ZONE = "j M Y"


def _in_zone(value, zone) -> datetime.datetime | datetime.date | None:
    if not isinstance(value, datetime.date):
        return None
    if not isinstance(value, datetime.datetime):
        return value
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value, zone or None)


@register.filter(expects_localtime=False)
def datetime_in(value, zone=None) -> str:
    """``4 Jun 2025 00.40 WITA``."""
    local = _in_zone(value, zone)
    return date_format(local, DATETIME_IN_ZONE) if isinstance(local, datetime.datetime) else ""


@register.filter(expects_localtime=False)
def date_in(value, zone=None) -> str:
    """``4 Jun 2025``: the day in the store's zone (the day differs across zones)."""
    local = _in_zone(value, zone)
    return date_format(local, DATE_IN_ZONE) if local is not None else ""


@register.filter(expects_localtime=False)
def reopens(value) -> str:
    """A coming opening as a buyer says it: ``hari ini 08.00 WITA``, ``besok
    08.00 WITA``, ``Senin 08.00 WITA``; ``value`` is already in its zone."""
    if not isinstance(value, datetime.datetime):
        return ""
    today = timezone.localdate(timezone.now(), value.tzinfo)
    clock = date_format(value, "H.i T")
    if value.date() == today:
        return _("hari ini %(time)s") % {"time": clock}
    if value.date() == today + datetime.timedelta(days=1):
        return _("besok %(time)s") % {"time": clock}
    return f"{date_format(value, 'l')} {clock}"
