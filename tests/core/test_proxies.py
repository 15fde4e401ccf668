"""Behind a reverse proxy: the visitor's address and scheme come from the
forwarded headers only when the connecting peer is a trusted proxy."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse

from pasardesa.accounts import ratelimit
from pasardesa.accounts.models import User
from pasardesa.core.proxies import client_ip

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-alor-2026"
PROXY = "10.0.0.2"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def _request(remote: str, forwarded: str | None = None, proto: str | None = None):
    headers = {}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    if proto is not None:
        headers["HTTP_X_FORWARDED_PROTO"] = proto
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


# --- the address ------------------------------------------------------------------


def test_without_trusted_proxies_a_forged_header_is_ignored(settings):
    # Given a server that trusts no proxy (the default)
    settings.TRUSTED_PROXIES = []
    # When a visitor sends X-Forwarded-For to pose as somebody else
    request = _request("203.0.113.7", forwarded="198.51.100.1")
    # Then the connecting address counts
    assert client_ip(request) == "203.0.113.7"


def test_a_forged_header_from_an_untrusted_peer_is_ignored(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    request = _request("203.0.113.7", forwarded="198.51.100.1")
    assert client_ip(request) == "203.0.113.7"


def test_behind_a_trusted_proxy_the_visitor_is_the_forwarded_address(settings):
    settings.TRUSTED_PROXIES = [PROXY]
    request = _request(PROXY, forwarded="198.51.100.1")
    assert client_ip(request) == "198.51.100.1"


def test_what_the_visitor_wrote_left_of_the_real_address_is_not_believed(settings):
    # Given nginx appending the address it saw to what the visitor sent
    settings.TRUSTED_PROXIES = [PROXY]
    request = _request(PROXY, forwarded="1.1.1.1, 8.8.8.8, 198.51.100.1")
    # Then the rightmost untrusted entry is the visitor
    assert client_ip(request) == "198.51.100.1"


def test_trusted_hops_in_a_chain_of_proxies_are_skipped(settings):
    # Given a load balancer network in front of nginx
    settings.TRUSTED_PROXIES = [PROXY, "172.16.0.0/12"]
    request = _request(PROXY, forwarded="6.6.6.6, 198.51.100.1, 172.16.4.5")
    assert client_ip(request) == "198.51.100.1"


@pytest.mark.parametrize(
    "forwarded",
    ["", "   ", "unknown", "198.51.100.1, not-an-ip", "999.1.1.1", "<script>", ","],
)
def test_malformed_entries_are_never_taken_for_an_address(settings, forwarded):
    # Given a broken or hostile header behind the trusted proxy
    settings.TRUSTED_PROXIES = [PROXY]
    request = _request(PROXY, forwarded=forwarded)
    # Then the walk stops at the last real address (the proxy), never beyond
    assert client_ip(request) == PROXY


def test_ipv6_and_mapped_ipv4_peers_are_recognised(settings):
    settings.TRUSTED_PROXIES = ["::1", PROXY]
    assert client_ip(_request("::1", forwarded="2001:db8::5")) == "2001:db8::5"
    assert client_ip(_request("::ffff:10.0.0.2", forwarded="198.51.100.1")) == "198.51.100.1"


# --- the scheme -------------------------------------------------------------------


def test_https_claimed_by_an_untrusted_peer_is_not_believed(client, settings):
    # Given the HTTPS redirect on and no trusted proxy
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = []
    # When a visitor on plain HTTP claims the request came over HTTPS
    response = client.get("/", headers={"x-forwarded-proto": "https"}, REMOTE_ADDR="203.0.113.7")
    # Then it is still sent to HTTPS
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_https_reported_by_the_trusted_proxy_is_believed(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = [PROXY]
    response = client.get("/", headers={"x-forwarded-proto": "https"}, REMOTE_ADDR=PROXY)
    assert response.status_code == 200


def test_plain_http_reported_by_the_trusted_proxy_is_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.TRUSTED_PROXIES = [PROXY]
    response = client.get("/", headers={"x-forwarded-proto": "http"}, REMOTE_ADDR=PROXY)
    assert response.status_code == 301


# --- the login limit, end to end --------------------------------------------------


def _login(client, phone, password, remote, forwarded=None):
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    return client.post(
        reverse("accounts:login"),
        {"phone": phone, "password": password},
        headers=headers,
        REMOTE_ADDR=remote,
    )


def test_failed_logins_of_many_visitors_behind_the_proxy_do_not_lock_out_another(client, settings):
    # Given the site behind a trusted nginx and one real account
    settings.TRUSTED_PROXIES = [PROXY]
    User.objects.create_user("0812-3456-7890", PASSWORD, name="Maria Lake")
    # When 21 different visitors each fail a login on a random number
    for n in range(ratelimit.MAX_FAILURES_PER_IP + 1):
        _login(client, f"0813-0000-{n:04d}", "salah", PROXY, forwarded=f"198.51.100.{n + 1}")
    # Then another visitor with the right password gets in
    response = _login(client, "0812-3456-7890", PASSWORD, PROXY, forwarded="192.0.2.50")
    assert response.status_code == 302
    assert client.session.get("_auth_user_id")


def test_forged_addresses_from_an_untrusted_peer_still_count_against_it(client, settings):
    # Given no trusted proxy
    settings.TRUSTED_PROXIES = []
    User.objects.create_user("0812-3456-7890", PASSWORD, name="Maria Lake")
    # When one attacker fails 20 logins, forging a new X-Forwarded-For each time
    for n in range(ratelimit.MAX_FAILURES_PER_IP):
        _login(
            client, f"0813-0000-{n:04d}", "salah", "203.0.113.7", forwarded=f"198.51.100.{n + 1}"
        )
    # Then the attacker's own address is locked, whatever header it sends
    response = _login(client, "0812-3456-7890", PASSWORD, "203.0.113.7", forwarded="192.0.2.50")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
