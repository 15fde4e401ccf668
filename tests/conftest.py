import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files go to a fresh folder per test, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def on_postgres(db):
    from django.db import connection

    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _static_without_manifest(settings):
    """Tests do not run collectstatic; the admin's {% static %} must still resolve."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Production hashing is deliberately slow; tests check behaviour, not cost."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _default_language():
    """A request to /en/ leaves English active in the thread; start and end in Indonesian."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
