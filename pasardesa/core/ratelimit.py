"""Counters of attempts per person or address, kept in the shared cache (Redis
or the database cache table), so every app server process sees the same count.

A ``RateLimit`` counts hits of one kind (failed logins per number, offers per
IP address…) in a fixed window that starts with the first hit; the value
counted (a phone number, an IP address) is hashed before it becomes a key.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from pasardesa.core.proxies import client_ip

__all__ = ["RateLimit", "client_ip"]


@dataclass(frozen=True)
class RateLimit:
    name: str
    limit: int
    window_seconds: int

    def _key(self, value: str) -> str:
        digest = hashlib.sha256(value.encode()).hexdigest()[:32]
        return f"{self.name}:{digest}"

    def exceeded(self, value: str) -> bool:
        """Whether ``value`` has used up its hits in the current window."""
        return (cache.get(self._key(value)) or 0) >= self.limit

    def hit(self, value: str) -> None:
        key = self._key(value)
        # add() starts the window; incr() keeps its expiry.
        if not cache.add(key, 1, self.window_seconds):
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.add(key, 1, self.window_seconds)

    def reset(self, value: str) -> None:
        cache.delete(self._key(value))
