"""Browser tests: Playwright driving Debian's Chromium against the live server.

The browser is Debian's ``chromium`` package, never a browser downloaded by
``playwright install``: CI installs it with apt. When it is missing the tests
fail (they never skip), so a CI machine without a browser cannot pass silently.

Playwright's sync API keeps an asyncio loop running in the test thread, and
Django refuses ORM calls from a thread with a running loop. So the demo data
is loaded *before* the browser starts, the browser stops *before* pytest-django
flushes the database, and the test bodies read everything from the pages.
"""

import fcntl
import importlib
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("PASARDESA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A cheap Android phone: 360 CSS pixels wide, touch, mobile Chrome.
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "screen": {"width": 360, "height": 740},
    "device_scale_factor": 1,
    "is_mobile": True,
    "has_touch": True,
    "locale": "id-ID",
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"
    ),
}
SCREENSHOTS_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    if not Path(CHROMIUM).is_file() or not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}. The browser tests need Debian's Chromium: "
            "run `apt-get install -y chromium` (never `playwright install`).",
            pytrace=False,
        )
    return CHROMIUM


def _in_memory_sqlite(connection) -> bool:
    return connection.vendor == "sqlite" and connection.is_in_memory_db()


def _snapshot_dir(tmp_path_factory) -> Path:
    """Where this test run keeps its copy of the demo; shared by xdist workers."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above every worker's own
    path = base / "e2e-demo"
    path.mkdir(exist_ok=True)
    return path


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _load_demo() -> None:
    from django.apps import apps

    from pasardesa.demo import loader
    from pasardesa.regions.services import import_regions

    # A transactional test starts from emptied tables: the starter categories
    # (a data migration) are gone, so put them back the way the migration does.
    starter = importlib.import_module("pasardesa.catalog.migrations.0003_starter_categories")
    starter.add_categories(apps, None)
    import_regions()
    loader.load_demo()


@pytest.fixture
def demo_market(live_server, settings, tmp_path_factory) -> Iterator[str]:
    """The demo market on the live server; returns the server's URL.

    ``live_server`` makes the test transactional (the server thread shares the
    in-memory SQLite database) and pytest-django empties every table after it,
    so the rows the migrations create (categories) are made again here. (A
    serialized rollback would do it too, but clashes with content types that
    an earlier transactional test's flush re-created.)

    Loading the demo (91,599 regions, then photos drawn and re-encoded) takes
    about 20 s, and every browser test needs the same market. So on the
    in-memory SQLite test database the first test of the run saves a copy of
    the whole database (sqlite3's backup API: tables, FTS index, sequences)
    and of the media folder, and every later test, in any xdist worker, copies
    them back in well under a second. Other databases load it in every test.
    """
    from django.db import connection

    media = Path(settings.MEDIA_ROOT)
    if not _in_memory_sqlite(connection):
        _load_demo()
        yield live_server.url
        return

    snapshot = _snapshot_dir(tmp_path_factory)
    saved_db, saved_media = snapshot / "demo.sqlite3", snapshot / "media"
    connection.ensure_connection()
    with _locked(snapshot / "lock"):
        if saved_db.exists():
            with closing(sqlite3.connect(saved_db)) as source:
                source.backup(connection.connection)
            shutil.copytree(saved_media, media, dirs_exist_ok=True)
        else:
            _load_demo()
            shutil.copytree(media, saved_media, dirs_exist_ok=True)
            partial = snapshot / "demo.sqlite3.partial"
            with closing(sqlite3.connect(partial)) as target:
                connection.connection.backup(target)
            partial.replace(saved_db)  # only a complete copy is ever used
    yield live_server.url


@pytest.fixture
def open_market(demo_market) -> str:
    """The demo market with every seller's opening hours dropped, so a test does
    not depend on the hour it runs at (a seller without hours is open whenever
    their switch is on; the demo's deliberately closed sellers stay closed).

    Uses the ORM, so request it before the browser starts (see the module
    docstring). Returns the server's URL like ``demo_market``.
    """
    from pasardesa.sellers.models import OpeningHours

    OpeningHours.objects.all().delete()
    return demo_market


@pytest.fixture
def browser(chromium_executable, demo_market) -> Iterator:
    # Depends on demo_market so it starts after the data is in and stops
    # before the database is flushed (see the module docstring).
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_phone_context(browser, demo_market) -> Callable:
    """Make a phone-sized browser context that can only reach the live server.

    wa.me is answered by a stub page (the test reads the URL it was sent to);
    any other outside address is aborted, so the tests never touch the internet.
    """
    contexts = []

    def make(*, java_script_enabled: bool = True):
        context = browser.new_context(java_script_enabled=java_script_enabled, **PHONE)
        context.set_default_timeout(15_000)

        def outside(route):
            if route.request.url.startswith("https://wa.me/"):
                route.fulfill(
                    status=200,
                    content_type="text/html; charset=utf-8",
                    body="<!doctype html><title>WhatsApp (stub)</title><p>wa.me stub</p>",
                )
            else:
                route.abort()

        context.route(lambda url: not url.startswith(demo_market + "/"), outside)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def screenshot_dir(tmp_path) -> Path:
    """docs/screenshots/ when PASARDESA_SCREENSHOTS=1 (to refresh them), else a tmp folder."""
    if os.environ.get("PASARDESA_SCREENSHOTS") == "1":
        SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS_DIR
    path = tmp_path / "screenshots"
    path.mkdir()
    return path
