"""A new seller joins a village store, from sign-up to a product buyers can see.

Given the demo market on a live server, when a villager signs up with their
WhatsApp number, registers a stall in Dulolong with a photo, the village
operator verifies them (with JavaScript off, on another phone), and the seller
adds a product with a photo taken by the phone, then the product appears with
its photo on the public store page.
"""

import io
import re

import pytest
from PIL import Image, ImageDraw

from tests.e2e.phone import log_in

pytestmark = pytest.mark.e2e

PASSWORD = "ikan-segar-dulolong-7"
OPERATOR_PHONE = "0811-3800-0001"  # the demo operator of Toko Desa Dulolong


def phone_photo(path, colour) -> str:
    """A JPEG as a phone camera would hand it over (with some texture)."""
    image = Image.new("RGB", (1200, 900), colour)
    draw = ImageDraw.Draw(image)
    for x in range(0, 1200, 40):
        draw.line([(x, 0), (1200 - x, 900)], fill=(255, 255, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_seller_registers_is_verified_and_their_product_goes_public(
    new_phone_context, demo_market, tmp_path
):
    base = demo_market
    from pasardesa.demo.loader import DEMO_PASSWORD

    # Given a villager signing up with their WhatsApp number
    seller_phone = new_phone_context().new_page()
    seller_phone.goto(f"{base}/akun/daftar/")
    seller_phone.fill("input[name=name]", "Ibu Siti Lamma")
    seller_phone.fill("input[name=phone]", "0852-3900-1122")
    seller_phone.fill("input[name=password1]", PASSWORD)
    seller_phone.fill("input[name=password2]", PASSWORD)
    seller_phone.click("form.form button[type=submit]")
    assert "/kelola/" in seller_phone.url

    # When she registers her stall in Dulolong, with a photo
    seller_phone.goto(f"{base}/kelola/penjual/daftar/?toko=dulolong")
    seller_phone.fill("input[name=business_name]", "Ikan Asap Mama Siti")
    seller_phone.fill("input[name=owner_name]", "Siti Lamma")
    seller_phone.fill("input[name=whatsapp]", "0852-3900-1122")
    seller_phone.fill("textarea[name=description]", "Ikan cakalang asap dari Dulolong.")
    seller_phone.fill("input[name=latitude]", "-8.2155")
    seller_phone.fill("input[name=longitude]", "124.5301")
    seller_phone.set_input_files("input[name=photo]", phone_photo(tmp_path / "lapak.jpg", "#7a4"))
    seller_phone.click("form.form button[type=submit]")
    seller_phone.wait_for_url(re.compile(r"/kelola/penjual/\d+/$"))
    seller_dashboard = seller_phone.url
    assert "Menunggu verifikasi" in seller_phone.content()

    # Then she is not public yet
    anonymous = new_phone_context(java_script_enabled=False).new_page()
    anonymous.goto(f"{base}/desa/dulolong/")
    assert "Ikan Asap Mama Siti" not in anonymous.content()

    # When the village operator verifies her, on a phone with JavaScript off
    operator_phone = new_phone_context(java_script_enabled=False).new_page()
    log_in(operator_phone, base, OPERATOR_PHONE, DEMO_PASSWORD)
    operator_phone.goto(f"{base}/kelola/toko/dulolong/")
    operator_phone.click("text=Ikan Asap Mama Siti")
    verify_form = operator_phone.locator("form", has_text="Verifikasi penjual")
    for box in verify_form.locator("input[type=checkbox]").all():
        box.check()
    verify_form.locator("button[type=submit]").click()
    assert "Terverifikasi" in operator_phone.content()

    # And she adds a product with a photo from her phone's camera
    seller_phone.goto(seller_dashboard)
    assert "Terverifikasi" in seller_phone.content()
    seller_phone.click("text=Tambah produk")
    seller_phone.fill("input[name=name]", "Ikan Cakalang Asap")
    seller_phone.select_option("select[name=category]", label="Hasil Laut & Ternak")
    seller_phone.fill("textarea[name=description]", "Cakalang utuh diasap kayu kenari.")
    seller_phone.fill("input[name=price]", "35.000")
    seller_phone.fill("input[name=unit]", "ekor")
    seller_phone.fill("input[name=stock]", "12")
    seller_phone.set_input_files("input[name=photos]", phone_photo(tmp_path / "ikan.jpg", "#a63"))
    seller_phone.click("form.form button[type=submit]")
    # (the photo is shrunk first: the form goes a moment after the tap)
    seller_phone.wait_for_url(re.compile(r"/kelola/produk/\d+/$"))
    assert "“Ikan Cakalang Asap” sudah ditambahkan." in seller_phone.content()

    # Then buyers see it, with its photo, on the village's public store page
    anonymous.goto(f"{base}/desa/dulolong/")
    card = anonymous.locator("li.card", has_text="Ikan Cakalang Asap")
    assert card.count() == 1
    assert "Rp35.000" in card.inner_text()
    thumbnail = card.locator("img").get_attribute("src")
    assert thumbnail.endswith(".webp")
    response = anonymous.request.get(base + thumbnail)
    assert response.ok
    assert len(response.body()) <= 6_000
    assert "Ikan Asap Mama Siti" in anonymous.content()
