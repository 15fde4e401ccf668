"""Login attempt and sign-up limits (see ``pasardesa.core.ratelimit``).

A number may fail 5 times in 15 minutes, an IP address 20 times: enough for a
person who mistypes, too few to guess a password. One address may create 5
accounts an hour: a family sharing a phone or a village office signing up its
people gets through, a script filling the market with accounts does not.
"""

from pasardesa.core.ratelimit import RateLimit, client_ip

__all__ = ["SIGNUPS_BY_IP", "client_ip", "is_locked", "record_failure", "reset"]

WINDOW_SECONDS = 15 * 60
MAX_FAILURES_PER_PHONE = 5
MAX_FAILURES_PER_IP = 20

_BY_PHONE = RateLimit("login-fail:phone", MAX_FAILURES_PER_PHONE, WINDOW_SECONDS)
_BY_IP = RateLimit("login-fail:ip", MAX_FAILURES_PER_IP, WINDOW_SECONDS)
SIGNUPS_BY_IP = RateLimit("signup:ip", 5, 60 * 60)


def _limits(phone: str, ip: str) -> list[tuple[RateLimit, str]]:
    return [(_BY_IP, ip), *([(_BY_PHONE, phone)] if phone else [])]


def is_locked(*, phone: str, ip: str) -> bool:
    return any(limit.exceeded(value) for limit, value in _limits(phone, ip))


def record_failure(*, phone: str, ip: str) -> None:
    for limit, value in _limits(phone, ip):
        limit.hit(value)


def reset(*, phone: str) -> None:
    """A successful login clears the number's count (not the IP's)."""
    _BY_PHONE.reset(phone)
