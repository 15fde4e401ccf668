import pytest
from hypothesis import settings as hypothesis_settings

# Property tests check behaviour, never speed: on a loaded 2-core CI machine a
# first call (phonenumbers loading its metadata) can take 400 ms, and
# Hypothesis's default 200 ms deadline would turn that into a flaky failure.
hypothesis_settings.register_profile("pasardesa", deadline=None)
hypothesis_settings.load_profile("pasardesa")


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


def pytest_collection_modifyitems(config, items):
    """Tests marked ``postgres`` need real concurrent connections: on any other
    database they are skipped, with the reason in the summary (``-ra``).
    ``-m "not postgres"`` leaves them out altogether."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(
        reason=(
            f"PostgreSQL only (the database is {connection.vendor}): real concurrent "
            "connections. Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/<name>"
        )
    )
    for item in items:
        if item.get_closest_marker("postgres"):
            item.add_marker(skip)
