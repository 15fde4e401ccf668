"""Photos from a phone camera, uploaded on a slow connection.

Given a demo seller adding a product with a 3000×2000 camera photo (about
2.4 MB): with JavaScript on, the photo is shrunk in the browser before it is
sent (the request is under 600 KB) and the product gets its photo; with
JavaScript off the plain upload still works, and a form error does not make
the seller send the photo again.
"""

import io
import re
from collections.abc import Iterator

import pytest
from django.core.signals import request_started
from PIL import Image, ImageDraw

from tests.e2e.phone import click_and_wait, log_in

pytestmark = pytest.mark.e2e

SELLER_PHONE = "0811-3800-0002"  # owner of Tenun Ikat Bunga Laut (demo)
SELLER_NAME = "Tenun Ikat Bunga Laut"
BUDGET = 600_000


def camera_photo(path) -> str:
    """A 3000×2000 JPEG with what makes camera photos big: shapes, gradients
    and sensor noise."""
    width, height = 3000, 2000
    ramp = Image.linear_gradient("L").resize((width, height))
    image = Image.merge("RGB", (ramp, ramp.rotate(180), Image.new("L", (width, height), 120)))
    draw = ImageDraw.Draw(image)
    for i in range(60):
        x, y = (i * 137) % width, (i * 89) % height
        draw.ellipse(
            [x, y, x + 300, y + 200], fill=((i * 40) % 255, (i * 70) % 255, (i * 90) % 255)
        )
    image = Image.blend(image, Image.effect_noise((width, height), 40).convert("RGB"), 0.25)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    path.write_bytes(buffer.getvalue())
    return str(path)


def open_add_form(phone, base: str) -> None:
    from pasardesa.demo.loader import DEMO_PASSWORD

    log_in(phone, base, SELLER_PHONE, DEMO_PASSWORD)
    phone.goto(f"{base}/kelola/")
    click_and_wait(phone, phone.locator("a", has_text=SELLER_NAME))
    click_and_wait(phone, phone.locator("a", has_text="Tambah produk"))


def fill_product(phone, name: str, price: str) -> None:
    phone.fill("input[name=name]", name)
    phone.select_option("select[name=category]", index=1)
    phone.fill("input[name=price]", price)
    phone.fill("input[name=stock]", "3")


@pytest.fixture
def uploads() -> Iterator[list[int]]:
    """The body size of every product form post, as the server received it.

    Measured at the server (the live server runs in this process): the
    browser's own record of a request leaves out files read from disk.
    """
    sizes = []

    def record(sender, environ, **kwargs):
        if environ["REQUEST_METHOD"] == "POST" and environ["PATH_INFO"].endswith("/produk/baru/"):
            sizes.append(int(environ.get("CONTENT_LENGTH") or 0))

    request_started.connect(record, dispatch_uid="photo-upload-sizes")
    yield sizes
    request_started.disconnect(dispatch_uid="photo-upload-sizes")


def test_with_javascript_a_camera_photo_is_shrunk_before_upload(
    new_phone_context, demo_market, tmp_path, uploads
):
    photo = camera_photo(tmp_path / "IMG_20260301_101500.jpg")
    assert (tmp_path / "IMG_20260301_101500.jpg").stat().st_size > 2 * BUDGET
    phone = new_phone_context().new_page()
    open_add_form(phone, demo_market)
    # When the seller picks the photo and saves
    fill_product(phone, "Selendang Tenun Motif Bunga", "150.000")
    phone.set_input_files("input[name=photos]", photo)
    phone.click("form.form button[type=submit]")
    phone.wait_for_url(re.compile(r"/kelola/produk/\d+/$"))
    # Then what went over the network was the shrunk photo, in one post
    assert len(uploads) == 1
    assert 20_000 < uploads[0] < BUDGET
    # and the product has it
    assert "“Selendang Tenun Motif Bunga” sudah ditambahkan." in phone.content()
    assert "Foto (1/5)" in phone.content()
    thumb = phone.locator("img[src$='.webp']").first.get_attribute("src")
    assert phone.request.get(demo_market + thumb).ok


def test_without_javascript_the_plain_upload_works_and_survives_an_error(
    new_phone_context, demo_market, tmp_path, uploads
):
    photo = camera_photo(tmp_path / "kain.jpg")
    phone = new_phone_context(java_script_enabled=False).new_page()
    open_add_form(phone, demo_market)
    # When the seller sends the photo with a mistyped price
    fill_product(phone, "Sarung Tenun Alor", "150rb")
    phone.set_input_files("input[name=photos]", photo)
    click_and_wait(phone, phone.locator("form.form button[type=submit]"))
    # Then the photo went up as it is, and the form keeps it while asking for the price
    assert uploads[0] > 2 * BUDGET
    assert "Tulis jumlah rupiah tanpa sen" in phone.content()
    assert "1 foto sudah terkirim dan ikut tersimpan." in phone.content()
    assert phone.locator("input[name=hapus_foto]").count() == 1
    # When she fixes the price and saves, without picking the photo again
    phone.fill("input[name=price]", "150.000")
    click_and_wait(phone, phone.locator("form.form button[type=submit]"))
    # Then nothing big was sent, and the product has the photo
    assert len(uploads) == 2
    assert uploads[1] < 20_000
    assert re.search(r"/kelola/produk/\d+/$", phone.url)
    assert "“Sarung Tenun Alor” sudah ditambahkan." in phone.content()
    assert "Foto (1/5)" in phone.content()
