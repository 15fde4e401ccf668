"""The "Gunakan lokasi saya" button on the seller's location fields: gone when
the phone has JavaScript off (it could do nothing), filling the fields with the
phone's position when it has it."""

import pytest

from tests.e2e.phone import log_in

pytestmark = pytest.mark.e2e

OPERATOR_PHONE = "0811-3800-0001"  # a demo account; any logged-in person may register a stall
ALOR = {"latitude": -8.2161234, "longitude": 124.5234567}


def test_without_javascript_there_is_no_dead_location_button(new_phone_context, demo_market):
    from pasardesa.demo.loader import DEMO_PASSWORD

    page = new_phone_context(java_script_enabled=False).new_page()
    log_in(page, demo_market, OPERATOR_PHONE, DEMO_PASSWORD)
    # When the register page opens on a phone without JavaScript
    page.goto(f"{demo_market}/kelola/penjual/daftar/?toko=dulolong")
    # Then the button is not shown, and the map link field is there instead
    assert page.locator("#geo").count() == 1
    assert not page.locator("#geo").is_visible()
    assert page.locator("input[name=map_link]").is_visible()


def test_with_javascript_the_button_fills_the_phones_position(new_phone_context, demo_market):
    from pasardesa.demo.loader import DEMO_PASSWORD

    context = new_phone_context()
    context.grant_permissions(["geolocation"], origin=demo_market)
    context.set_geolocation(ALOR)
    page = context.new_page()
    log_in(page, demo_market, OPERATOR_PHONE, DEMO_PASSWORD)
    page.goto(f"{demo_market}/kelola/penjual/daftar/?toko=dulolong")
    # When the seller taps "Gunakan lokasi saya"
    page.locator("#geo").click()
    # Then latitude and longitude hold the phone's position
    page.wait_for_function("document.getElementById('id_latitude').value !== ''")
    assert page.input_value("#id_latitude") == "-8.216123"
    assert page.input_value("#id_longitude") == "124.523457"
    assert "Lokasi terisi" in page.locator("#geo-msg").inner_text()
