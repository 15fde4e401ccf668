"""Login attempt limits, kept in the shared cache (Redis or the database table).

A number may fail 5 times in 15 minutes, an IP address 20 times: enough for a
person who mistypes, too few to guess a password. Counters live in the shared
cache so every app server process sees the same count.
"""

import hashlib

from django.core.cache import cache

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_PHONE = 5
MAX_FAILURES_PER_IP = 20


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"login-fail:{kind}:{digest}"


def _keys(phone: str, ip: str) -> list[tuple[str, int]]:
    keys = [(_key("ip", ip), MAX_FAILURES_PER_IP)]
    if phone:
        keys.append((_key("phone", phone), MAX_FAILURES_PER_PHONE))
    return keys


def is_locked(*, phone: str, ip: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(phone, ip))


def record_failure(*, phone: str, ip: str) -> None:
    for key, _limit in _keys(phone, ip):
        # add() starts the window; incr() keeps its expiry.
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, WINDOW_SECONDS)


def reset(*, phone: str) -> None:
    """A successful login clears the number's count (not the IP's)."""
    cache.delete(_key("phone", phone))


def client_ip(request) -> str:
    # Behind the reverse proxy gunicorn's --forwarded-allow-ips sets REMOTE_ADDR.
    return request.META.get("REMOTE_ADDR", "")
