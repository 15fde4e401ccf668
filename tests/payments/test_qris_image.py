"""Reading a QRIS sticker from a seller's photo or screenshot, on the server."""

import io
import random

import pytest
import segno
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageFilter

from pasardesa.core.images import ERROR_NOT_IMAGE, ERROR_TOO_MANY_PIXELS
from pasardesa.payments import qris
from pasardesa.payments.qris import decode_qr_image, parse_static_qris
from tests.demo_fixtures import png_declaring

from .qris_samples import GOPAY_STATIC, NOBU_STATIC, static_payload, template


def qr_image(text: str, *, scale: int = 6) -> Image.Image:
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def photographed(sticker: Image.Image, *, seed: int = 1) -> Image.Image:
    """The sticker on a grey counter, shot a little crooked, soft and grainy."""
    rng = random.Random(seed)
    sticker = sticker.resize((sticker.width * 3 // 2, sticker.height * 3 // 2), Image.BILINEAR)
    sticker = sticker.rotate(7, resample=Image.BICUBIC, expand=True, fillcolor=(150, 140, 130))
    scene = Image.new("RGB", (sticker.width + 300, sticker.height + 220), (150, 140, 130))
    scene.paste(sticker, (170, 90))
    scene = scene.filter(ImageFilter.GaussianBlur(1.2))
    noise = Image.effect_noise(scene.size, 30).convert("RGB")
    scene = Image.blend(scene, noise, 0.12)
    return scene.resize((int(scene.width * rng.uniform(0.8, 0.9)), scene.height), Image.BILINEAR)


def upload(image: Image.Image, fmt: str, name: str, **params) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{fmt.lower()}")


def assert_refused(file, code: str, message) -> None:
    with pytest.raises(ValidationError) as excinfo:
        decode_qr_image(file)
    assert excinfo.value.code == code
    assert excinfo.value.messages == [str(message)]


class TestReadBack:
    def test_given_a_png_screenshot_then_the_payload_is_read(self):
        file = upload(qr_image(GOPAY_STATIC), "PNG", "qris.png")

        text = decode_qr_image(file)

        assert text == GOPAY_STATIC
        assert parse_static_qris(text).merchant_name == "aldo soft"

    def test_given_a_photographed_sticker_as_jpeg_then_the_payload_is_read(self):
        file = upload(photographed(qr_image(NOBU_STATIC)), "JPEG", "foto.jpg", quality=70)

        assert decode_qr_image(file) == NOBU_STATIC

    def test_given_a_photographed_sticker_as_png_then_the_payload_is_read(self):
        file = upload(photographed(qr_image(GOPAY_STATIC), seed=2), "PNG", "foto.png")

        assert decode_qr_image(file) == GOPAY_STATIC

    def test_given_a_sticker_with_an_alternate_language_name_then_read_exactly(self):
        payload = static_payload(t64=template("64", s00="ID", s01="Warung Bu Srí 🙂"))

        text = decode_qr_image(upload(qr_image(payload), "PNG", "qris.png"))

        assert text == payload
        assert parse_static_qris(text).merchant_name == "WARUNG BU SRI"

    def test_given_two_copies_of_the_same_sticker_then_read_once(self):
        one = qr_image(GOPAY_STATIC)
        scene = Image.new("RGB", (one.width * 2 + 40, one.height), "white")
        scene.paste(one, (0, 0))
        scene.paste(one, (one.width + 40, 0))

        assert decode_qr_image(upload(scene, "PNG", "dua.png")) == GOPAY_STATIC


class TestRefused:
    def test_given_two_different_qr_codes_then_refused(self):
        left, right = qr_image(GOPAY_STATIC), qr_image(NOBU_STATIC)
        height = max(left.height, right.height)
        scene = Image.new("RGB", (left.width + right.width + 40, height), "white")
        scene.paste(left, (0, 0))
        scene.paste(right, (left.width + 40, 0))

        assert_refused(upload(scene, "PNG", "dua.png"), "several_qr", qris.ERROR_SEVERAL_QR)

    def test_given_a_blank_image_then_refused_as_blank(self):
        blank = Image.new("RGB", (800, 600), (250, 250, 250))
        assert_refused(upload(blank, "JPEG", "kosong.jpg"), "blank", qris.ERROR_BLANK)

    def test_given_a_photo_without_any_qr_then_refused(self):
        stripes = Image.new("RGB", (400, 300), "white")
        stripes.paste((20, 20, 20), (0, 0, 200, 300))
        assert_refused(upload(stripes, "PNG", "foto.png"), "no_qr", qris.ERROR_NO_QR)

    def test_given_a_text_file_then_refused_as_not_an_image(self):
        file = SimpleUploadedFile("qris.jpg", GOPAY_STATIC.encode(), content_type="image/jpeg")
        assert_refused(file, "not_image", ERROR_NOT_IMAGE)

    def test_given_a_decompression_bomb_then_refused_before_decoding(self):
        file = SimpleUploadedFile("bom.png", png_declaring(20_000, 20_000))
        assert_refused(file, "too_many_pixels", ERROR_TOO_MANY_PIXELS)
