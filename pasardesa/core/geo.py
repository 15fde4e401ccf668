"""A place on the map from what people paste: a Google Maps or OpenStreetMap
link, a ``geo:`` URI or "lat, lng" typed by hand.

Villagers rarely know their coordinates, but anyone can long-press the map
and share the link. Short links (``maps.app.goo.gl``, ``goo.gl/maps``,
``osm.org/go``) only say where they lead when fetched, and the server never
fetches an address a user gave it, so they are refused with a way out.
"""

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NUMBER = r"[-+]?\d{1,3}(?:\.\d+)?"
# Google's place links name the pin as !3d<lat>!4d<lng>; "@lat,lng,zoom" is
# the map's centre, which is the pin only when nothing else is given.
_GOOGLE_PIN = re.compile(rf"!3d({_NUMBER})!4d({_NUMBER})")
_GOOGLE_CENTRE = re.compile(rf"@({_NUMBER}),({_NUMBER})")
_OSM_MAP = re.compile(rf"map=\d+(?:\.\d+)?/({_NUMBER})/({_NUMBER})")
_PAIR = re.compile(rf"^({_NUMBER})\s*[,;/ ]\s*({_NUMBER})$")
# "-8,2161 124,5234": decimal commas, the two numbers apart by a space or ";".
_PAIR_DECIMAL_COMMA = re.compile(r"^([-+]?\d{1,3}(?:,\d+)?)\s*[; ]\s*([-+]?\d{1,3}(?:,\d+)?)$")
_SHORT_HOSTS = ("goo.gl", "maps.app.goo.gl", "g.co", "osm.org")
_QUERY_KEYS = ("q", "query", "ll", "center", "destination", "daddr")
_SIX_DECIMALS = Decimal("0.000001")


def parse_location(text: str) -> tuple[Decimal, Decimal] | None:
    """``(latitude, longitude)`` rounded to 6 decimals (about 10 cm), or None
    for empty text; raises ``ValidationError`` with a plain message for text
    that names no place."""
    text = (text or "").strip()
    if not text:
        return None
    found = _from_url(text) if "://" in text or text.startswith("geo:") else _from_pair(text)
    if found is None:
        raise ValidationError(
            _(
                "Tidak terbaca sebagai lokasi. Tempel link Google Maps atau OpenStreetMap, "
                "atau tulis angkanya seperti -8.2161, 124.5234."
            ),
            code="invalid",
        )
    latitude, longitude = found
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ValidationError(
            _("Angka lokasi di luar peta (lintang -90 s.d. 90, bujur -180 s.d. 180)."),
            code="range",
        )
    return latitude, longitude


def _from_pair(text: str) -> tuple[Decimal, Decimal] | None:
    match = _PAIR.match(text)
    if match:
        return _decimals(*match.groups())
    match = _PAIR_DECIMAL_COMMA.match(text)
    if match:
        return _decimals(*(number.replace(",", ".") for number in match.groups()))
    return None


def _from_url(text: str) -> tuple[Decimal, Decimal] | None:
    if text.startswith("geo:"):
        return _from_pair(text[4:].split(";")[0].split("?")[0])
    parts = urlsplit(text)
    host = (parts.hostname or "").lower()
    if host in _SHORT_HOSTS or host.endswith(".app.goo.gl"):
        raise ValidationError(
            _(
                "Link pendek tidak bisa dibaca. Buka link itu di peta, lalu salin link "
                "lengkap dari kolom alamat, atau tulis angka lintang dan bujurnya."
            ),
            code="short_link",
        )
    path = unquote(parts.path)
    query = parse_qs(parts.query)
    if "mlat" in query and "mlon" in query:
        return _decimals(query["mlat"][0], query["mlon"][0])
    for pattern, where in ((_GOOGLE_PIN, path), (_GOOGLE_CENTRE, path)):
        match = pattern.search(where)
        if match:
            return _decimals(*match.groups())
    for key in _QUERY_KEYS:
        if key in query:
            found = _from_pair(query[key][0].strip())
            if found:
                return found
    match = _OSM_MAP.search(unquote(parts.fragment)) or _OSM_MAP.search(parts.query)
    if match:
        return _decimals(*match.groups())
    return None


def _decimals(latitude: str, longitude: str) -> tuple[Decimal, Decimal] | None:
    try:
        values = tuple(
            Decimal(number).quantize(_SIX_DECIMALS, rounding=ROUND_HALF_UP)
            for number in (latitude, longitude)
        )
    except InvalidOperation:
        return None
    return values  # type: ignore[return-value]
