"""What the browser tests do on a phone again and again: check the page fits
360 px, log in, follow a link, read a WhatsApp link's text, write rupiah."""

import re
from urllib.parse import parse_qs, urlsplit

# A cheap Android phone is 360 CSS pixels wide (see PHONE in conftest.py).
PHONE_WIDTH = 360


def assert_fits_phone(page) -> None:
    """Nothing sticks out sideways: no horizontal scrolling at 360 px."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width}px wide (more than {PHONE_WIDTH}px)"


def log_in(page, base: str, phone: str, password: str) -> None:
    """Log in at /akun/masuk/ and wait for the page it leads to."""
    page.goto(f"{base}/akun/masuk/")
    page.fill("input[name=phone]", phone)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form.form button[type=submit]")


def click_and_wait(page, locator) -> None:
    with page.expect_navigation():
        locator.click()


def whatsapp_text(href: str) -> str:
    """The message of a wa.me link (which must be one, with a number)."""
    assert re.fullmatch(r"https://wa\.me/\d{8,15}\?text=[^&#\s]+", href), href
    return parse_qs(urlsplit(href).query, strict_parsing=True)["text"][0]


def rupiah(amount: int) -> str:
    """12500 → "Rp12.500", the way the pages write money."""
    return f"Rp{amount:,}".replace(",", ".")
