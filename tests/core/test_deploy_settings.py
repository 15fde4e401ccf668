"""Deployment switches read from the environment at start-up (a fresh
interpreter per case: settings are read once per process)."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

_PRINT = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD, "
    "getattr(s, 'SECURE_PROXY_SSL_HEADER', None), s.TRUSTED_PROXIES]))"
)


def _settings_with(**env) -> list:
    result = subprocess.run(
        [sys.executable, "-c", _PRINT],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "pasardesa.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_https_turns_on_hsts_without_preload():
    # Given HTTPS switched on, nothing else
    seconds, preload, proxy_header, _ = _settings_with(PASARDESA_HTTPS="1")
    # Then HSTS is sent, not preload (hard to undo), and no unconditional proxy header
    assert seconds == 31536000
    assert preload is False
    assert proxy_header is None


def test_preload_only_when_asked():
    _, preload, _, _ = _settings_with(PASARDESA_HTTPS="1", PASARDESA_HSTS_PRELOAD="1")
    assert preload is True


def test_trusted_proxies_are_read_from_the_environment():
    *_, proxies = _settings_with(PASARDESA_TRUSTED_PROXIES="127.0.0.1, 10.0.0.0/8")
    assert proxies == ["127.0.0.1", "10.0.0.0/8"]


def test_a_typo_in_trusted_proxies_stops_the_start():
    # A mistyped proxy must not silently trust nobody (or somebody else)
    with pytest.raises(subprocess.CalledProcessError) as failed:
        _settings_with(PASARDESA_TRUSTED_PROXIES="127.0.0.1,10.0.0.300")
    assert "10.0.0.300" in failed.value.stderr
