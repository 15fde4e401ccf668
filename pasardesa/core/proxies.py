"""Who is really on the other end of a request, behind a reverse proxy.

Behind nginx every request arrives from the proxy's address, so rate limits
keyed on ``REMOTE_ADDR`` would count every visitor as one. The proxy passes
the visitor's address in ``X-Forwarded-For`` and the scheme in
``X-Forwarded-Proto``, but anybody can send those headers: they are believed
only when the connecting peer is listed in ``settings.TRUSTED_PROXIES``
(``PASARDESA_TRUSTED_PROXIES``, addresses or networks; empty by default, so a
server reached directly trusts no header).
"""

import ipaddress
from functools import lru_cache

from django.conf import settings

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _address(value: str) -> Address | None:
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    # An IPv4 peer on a dual-stack socket shows up as ::ffff:a.b.c.d.
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address: Address | None) -> bool:
    if address is None:
        return False
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def peer_is_trusted_proxy(request) -> bool:
    return _trusted(_address(request.META.get("REMOTE_ADDR", "")))


def client_ip(request) -> str:
    """The visitor's address: ``REMOTE_ADDR``, or behind trusted proxies the
    first address in ``X-Forwarded-For`` (walking from the right) that is not
    itself a trusted proxy.

    Each proxy appends the address it was connected from, so only the entries
    right of the first untrusted one are facts; anything further left was
    written by the visitor. A malformed entry ends the walk at the last real
    address rather than letting the walk reach what the visitor wrote.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    nearest = _address(remote)
    if not _trusted(nearest):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _address(entry)
        if address is None:
            break
        nearest = address
        if not _trusted(address):
            break
    return str(nearest)


def forwarded_scheme(request) -> str | None:
    """``http`` or ``https`` as the trusted proxy saw it, else ``None``."""
    if not peer_is_trusted_proxy(request):
        return None
    # A proxy that appends rather than overwrites puts its own value last.
    value = request.META.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
    return value if value in {"http", "https"} else None
