"""Photo uploads: checked, then re-encoded to small WebP files without metadata."""

import io
import random

import pillow_heif
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, ImageDraw, ImageStat

from pasardesa.core import images
from pasardesa.core.images import (
    DETAIL_BOX,
    DETAIL_TARGET_BYTES,
    ERROR_BROKEN,
    ERROR_NOT_IMAGE,
    ERROR_TOO_LARGE,
    ERROR_TOO_MANY_PIXELS,
    MAX_UPLOAD_BYTES,
    THUMB_BOX,
    THUMB_TARGET_BYTES,
    process_photo,
)
from tests.demo_fixtures import png_declaring

pillow_heif.register_heif_opener()

ORIENTATION = 0x0112
GPS_IFD = 0x8825


# --- building test photos -------------------------------------------------------------------


def photo_like(width: int, height: int, *, seed: int = 0, noise: float = 0.35) -> Image.Image:
    """Gradients, blobs and seeded sensor-like noise: about as hard to compress as a photo."""
    rnd = random.Random(seed)
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    blue = Image.linear_gradient("L").rotate(90).resize((width, height))
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rnd.randrange(width), rnd.randrange(height)
        size = rnd.randrange(10, max(11, width // 3))
        draw.ellipse((x, y, x + size, y + size), fill=tuple(rnd.randrange(256) for _ in "rgb"))
    grain = Image.frombytes("RGB", (width, height), rnd.randbytes(width * height * 3))
    return Image.blend(image, grain, noise)


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def content_of(encoded) -> bytes:
    encoded.content.seek(0)
    return encoded.content.read()


def upload(data: bytes, name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def webp_chunks(data: bytes) -> list[bytes]:
    """The RIFF chunk ids of a WebP file (asserting it is one)."""
    assert data[:4] == b"RIFF"
    assert data[8:12] == b"WEBP"
    assert int.from_bytes(data[4:8], "little") + 8 == len(data)
    chunks, offset = [], 12
    while offset < len(data):
        chunks.append(data[offset : offset + 4])
        size = int.from_bytes(data[offset + 4 : offset + 8], "little")
        offset += 8 + size + (size & 1)
    return chunks


def assert_small_webp(processed, *, source_size: tuple[int, int]) -> None:
    source_ratio = source_size[0] / source_size[1]
    for encoded, box, target in (
        (processed.thumb, THUMB_BOX, THUMB_TARGET_BYTES),
        (processed.detail, DETAIL_BOX, DETAIL_TARGET_BYTES),
    ):
        data = content_of(encoded)
        assert len(data) == encoded.size
        assert 0 < encoded.size <= target
        assert encoded.content.name.endswith(".webp")
        assert max(encoded.width, encoded.height) <= box
        # Never enlarged beyond the original.
        assert encoded.width <= source_size[0]
        assert encoded.height <= source_size[1]
        assert encoded.width / encoded.height == pytest.approx(source_ratio, rel=0.03)
        decoded = Image.open(io.BytesIO(data))
        assert decoded.format == "WEBP"
        assert decoded.size == (encoded.width, encoded.height)
        decoded.load()
    # The detail image keeps at least as much as the thumbnail.
    assert processed.detail.width >= processed.thumb.width


def assert_refused(data: bytes, code: str, message, name: str = "foto.jpg") -> None:
    with pytest.raises(ValidationError) as excinfo:
        process_photo(upload(data, name))
    assert excinfo.value.code == code
    assert excinfo.value.messages == [str(message)]


@pytest.fixture(scope="module")
def camera_photo() -> Image.Image:
    return photo_like(2400, 1800, seed=7)


# --- accepted photos --------------------------------------------------------------------------


class TestAcceptedPhotos:
    def test_given_a_phone_jpeg_when_processed_then_small_webp_versions(self, camera_photo):
        data = encode(camera_photo, "JPEG", quality=92)
        assert len(data) > 1_000_000  # a real-size upload, not a toy

        processed = process_photo(upload(data))

        assert_small_webp(processed, source_size=camera_photo.size)
        # A big photo fills the boxes as far as the byte budget allows.
        assert processed.detail.width >= 640

    def test_given_a_png_with_alpha_when_processed_then_transparent_parts_are_white(self):
        image = photo_like(900, 600, seed=3).convert("RGBA")
        mask = Image.new("L", image.size, 0)
        ImageDraw.Draw(mask).ellipse((150, 50, 750, 550), fill=255)
        image.putalpha(mask)
        data = encode(image, "PNG")

        processed = process_photo(upload(data, "logo.png"))

        assert_small_webp(processed, source_size=image.size)
        detail = Image.open(io.BytesIO(content_of(processed.detail)))
        assert detail.mode == "RGB"
        corner = detail.getpixel((2, 2))
        assert min(corner) >= 240, corner

    def test_given_a_webp_when_processed_then_accepted(self):
        image = photo_like(2000, 1500, seed=4)
        processed = process_photo(upload(encode(image, "WEBP", quality=90), "foto.webp"))
        assert_small_webp(processed, source_size=image.size)

    def test_given_an_iphone_heic_when_processed_then_accepted(self):
        # Less grain than the other photos: encoding HEVC noise is slow.
        image = photo_like(1200, 900, seed=5, noise=0.15)
        data = encode(image, "HEIF", quality=50)
        assert data[4:12] == b"ftypheic"

        processed = process_photo(upload(data, "IMG_0001.HEIC"))

        assert_small_webp(processed, source_size=image.size)

    @pytest.mark.parametrize("mode", ["L", "CMYK"])
    def test_given_grey_or_cmyk_jpeg_when_processed_then_rgb_webp(self, mode):
        image = photo_like(600, 400, seed=6).convert(mode)
        processed = process_photo(upload(encode(image, "JPEG")))
        assert_small_webp(processed, source_size=image.size)

    def test_given_a_gif_when_processed_then_accepted_as_a_still_photo(self):
        # Behaviour of the code: GIF is in ACCEPTED_FORMATS (the refusal message
        # only names JPG, PNG, WebP and HEIC). An animated GIF keeps its first frame.
        frames = [photo_like(200, 150, seed=s).convert("P") for s in range(3)]
        data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])

        processed = process_photo(upload(data, "animasi.gif"))

        assert_small_webp(processed, source_size=(200, 150))
        assert webp_chunks(content_of(processed.detail)) in ([b"VP8 "], [b"VP8L"])

    def test_given_a_small_photo_when_processed_then_not_enlarged(self):
        image = photo_like(120, 90, seed=8)
        processed = process_photo(upload(encode(image, "JPEG")))
        assert (processed.detail.width, processed.detail.height) == (120, 90)
        assert (processed.thumb.width, processed.thumb.height) == (120, 90)

    def test_given_a_file_object_without_size_when_processed_then_measured(self):
        data = encode(photo_like(300, 200), "JPEG")
        processed = process_photo(io.BytesIO(data))
        assert processed.detail.width == 300

    def test_given_exactly_ten_megabytes_when_processed_then_not_refused_for_size(self):
        data = encode(photo_like(300, 200), "JPEG")
        padded = data + b"\x00" * (MAX_UPLOAD_BYTES - len(data))
        assert len(padded) == MAX_UPLOAD_BYTES
        assert process_photo(upload(padded)).detail.width == 300

    def test_given_the_same_photo_twice_then_same_content_addressed_names(self):
        data = encode(photo_like(300, 200), "JPEG")
        first = process_photo(upload(data), stem="kopi")
        second = process_photo(upload(data), stem="kopi")
        assert first.detail.content.name == second.detail.content.name
        assert first.detail.content.name.startswith("kopi-d-")
        assert first.thumb.content.name.startswith("kopi-t-")
        assert first.thumb.content.name != first.detail.content.name


class TestMetadataAndOrientation:
    @pytest.fixture
    def sideways_jpeg_with_gps(self) -> bytes:
        """What a phone held upright stores: pixels 400x200 plus Orientation=6 and GPS."""
        image = Image.new("RGB", (400, 200), (220, 20, 20))
        ImageDraw.Draw(image).rectangle((200, 0, 399, 199), fill=(20, 20, 220))
        exif = Image.Exif()
        exif[ORIENTATION] = 6
        exif[0x010F] = "Samsung"  # Make
        exif[0x0110] = "Galaxy A05"  # Model
        exif[GPS_IFD] = {
            1: "S",
            2: (8.0, 13.0, 30.5),
            3: "E",
            4: (124.0, 31.0, 12.25),
        }
        data = encode(image, "JPEG", exif=exif.tobytes(), quality=95)
        stored = Image.open(io.BytesIO(data))
        assert stored.size == (400, 200)
        assert stored.getexif()[ORIENTATION] == 6
        assert stored.getexif().get_ifd(GPS_IFD)[2] == (8.0, 13.0, 30.5)
        return data

    def test_given_orientation_6_when_processed_then_portrait(self, sideways_jpeg_with_gps):
        processed = process_photo(upload(sideways_jpeg_with_gps))

        for encoded in (processed.thumb, processed.detail):
            assert encoded.height > encoded.width
        assert (processed.detail.width, processed.detail.height) == (200, 400)
        detail = Image.open(io.BytesIO(content_of(processed.detail))).convert("RGB")
        # Orientation 6 means "turn 90° clockwise to view": the stored left
        # (red) half becomes the top, the right (blue) half the bottom.
        top = detail.getpixel((100, 50))
        bottom = detail.getpixel((100, 350))
        assert top[0] > 150 and top[2] < 80, top
        assert bottom[2] > 150 and bottom[0] < 80, bottom

    def test_given_exif_and_gps_when_processed_then_no_metadata_in_output(
        self, sideways_jpeg_with_gps
    ):
        processed = process_photo(upload(sideways_jpeg_with_gps))

        for encoded in (processed.thumb, processed.detail):
            data = content_of(encoded)
            chunks = webp_chunks(data)
            assert chunks in ([b"VP8 "], [b"VP8L"]), chunks
            for marker in (b"EXIF", b"Exif", b"XMP", b"ICCP", b"Samsung", b"Galaxy"):
                assert marker not in data
            decoded = Image.open(io.BytesIO(data))
            assert not decoded.getexif()
            assert "exif" not in decoded.info
            assert "xmp" not in decoded.info
            assert "icc_profile" not in decoded.info


# --- refused files ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_jpeg() -> bytes:
    return encode(photo_like(640, 480, seed=9), "JPEG", quality=90)


class TestRefusedFiles:
    def test_given_a_text_file_renamed_jpg_then_not_a_photo(self):
        assert_refused(b"Daftar harga:\nKopi 25.000\n" * 20, "not_image", ERROR_NOT_IMAGE)

    def test_given_an_empty_file_then_not_a_photo(self):
        assert_refused(b"", "not_image", ERROR_NOT_IMAGE)

    @pytest.mark.parametrize(
        "markup",
        [
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b'<script>alert(1)</script><rect width="10" height="10"/></svg>',
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
            b"<!doctype html><html><body><img src=x onerror=alert(1)></body></html>",
        ],
    )
    def test_given_svg_or_html_then_not_a_photo(self, markup):
        assert_refused(markup, "not_image", ERROR_NOT_IMAGE, name="foto.svg")

    @pytest.mark.parametrize(("fmt", "params"), [("BMP", {}), ("TIFF", {}), ("PDF", {})])
    def test_given_another_image_format_then_not_a_photo(self, fmt, params):
        assert_refused(encode(photo_like(64, 64), fmt, **params), "not_image", ERROR_NOT_IMAGE)

    def test_given_a_jpeg_cut_in_half_then_broken(self, small_jpeg):
        assert_refused(small_jpeg[: len(small_jpeg) // 2], "broken", ERROR_BROKEN)

    def test_given_a_heic_cut_in_half_then_broken(self):
        data = encode(photo_like(640, 480, seed=10), "HEIF", quality=60)
        assert_refused(data[: len(data) // 2], "broken", ERROR_BROKEN, name="foto.heic")

    def test_given_an_eleven_megabyte_file_then_too_large(self, small_jpeg):
        data = small_jpeg + b"\x00" * (11 * 1024 * 1024)
        assert_refused(data, "too_large", ERROR_TOO_LARGE)

    def test_given_one_byte_over_ten_megabytes_then_too_large(self, small_jpeg):
        data = small_jpeg + b"\x00" * (MAX_UPLOAD_BYTES + 1 - len(small_jpeg))
        assert_refused(data, "too_large", ERROR_TOO_LARGE)

    @pytest.mark.parametrize(
        ("width", "height"),
        [
            (20_000, 20_000),  # 400 MP: above Pillow's own bomb limit
            (10_000, 10_000),  # 100 MP: Pillow only warns; the warning is an error here
            (8_500, 8_500),  # 72 MP: below Pillow's limit, above our 64 MP
        ],
    )
    def test_given_a_decompression_bomb_then_refused_before_decoding(self, width, height):
        data = png_declaring(width, height)
        assert len(data) < 5_000
        assert_refused(data, "too_many_pixels", ERROR_TOO_MANY_PIXELS, name="bom.png")

    def test_given_a_real_highly_compressible_72_megapixel_png_then_refused(self):
        data = encode(Image.new("L", (8_500, 8_500)), "PNG", optimize=True)
        assert len(data) < 100_000
        assert_refused(data, "too_many_pixels", ERROR_TOO_MANY_PIXELS, name="bom.png")

    def test_given_exactly_sixty_four_megapixels_then_not_refused_for_pixels(self):
        # 8000 x 8000 is the limit itself: it gets decoded (Pillow fills the
        # rows missing from this header-only file), never refused for pixels.
        try:
            processed = process_photo(upload(png_declaring(8_000, 8_000), "besar.png"))
        except ValidationError as error:
            assert error.code == "broken"
        else:
            assert (processed.detail.width, processed.detail.height) == (960, 960)

    def test_refusal_messages_are_plain_indonesian(self):
        assert "bukan foto" in str(ERROR_NOT_IMAGE)
        assert "rusak" in str(ERROR_BROKEN)
        assert "10 MB" in str(ERROR_TOO_LARGE)
        assert "terlalu besar" in str(ERROR_TOO_MANY_PIXELS)

    @pytest.mark.parametrize("corruption", ["nal_length", "ispe_height"])
    def test_given_a_corrupt_heic_then_broken_not_a_server_error(self, corruption):
        # pillow_heif's decoder raises EOFError and RuntimeError, not OSError,
        # for these corrupt iPhone uploads: still "broken", never a 500.
        data = bytearray(encode(photo_like(48, 32, seed=11), "HEIF"))
        if corruption == "nal_length":
            # The first HEVC unit in mdat claims 16 MB.
            start = data.index(b"mdat") + 4
            data[start : start + 4] = (0x00FFFFFF).to_bytes(4, "big")
        else:
            # The coded image height in 'ispe' claims 1.5 billion rows.
            start = data.index(b"ispe") + 8
            data[start + 4 : start + 8] = (0x59000040).to_bytes(4, "big")
        try:
            process_photo(upload(bytes(data), "IMG_0002.HEIC"))
        except ValidationError as error:
            assert error.code == "broken"
            assert error.messages == [str(ERROR_BROKEN)]
        except Exception as error:  # the point of the test: nothing else may escape
            pytest.fail(f"corrupt HEIC escaped as {type(error).__name__}: {error}")
        else:
            pytest.fail("corrupt HEIC was accepted")


class TestUnusualPixelFormats:
    def test_given_a_16_bit_grey_png_when_processed_then_tones_are_kept(self):
        # A plain convert("RGB") of a 16-bit ("I;16") image clips every value
        # above 255, so a 16-bit scan would come out almost entirely white.
        gradient = Image.linear_gradient("L").resize((300, 200))
        sixteen_bit = gradient.convert("I").point(lambda v: v * 257).convert("I;16")
        data = encode(sixteen_bit, "PNG")
        assert Image.open(io.BytesIO(data)).mode == "I;16"

        processed = process_photo(upload(data, "scan.png"))

        detail = Image.open(io.BytesIO(content_of(processed.detail))).convert("L")
        expected_mean = ImageStat.Stat(gradient).mean[0]
        assert ImageStat.Stat(detail).mean[0] == pytest.approx(expected_mean, abs=20)


# --- whatever the bytes, only ValidationError -------------------------------------------------


@pytest.fixture(scope="module")
def seed_files() -> list[bytes]:
    small = photo_like(48, 32, seed=12)
    return [
        encode(small, "JPEG"),
        encode(small.convert("RGBA"), "PNG"),
        encode(small.convert("P"), "GIF"),
        encode(small, "WEBP"),
    ]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_given_damaged_jpeg_png_gif_or_webp_then_photo_or_validation_error(seed_files, data):
    original = data.draw(st.sampled_from(seed_files))
    damaged = bytearray(original)
    if data.draw(st.booleans()):
        damaged = damaged[: data.draw(st.integers(0, len(original) - 1))]
    else:
        for _ in range(data.draw(st.integers(1, 8))):
            position = data.draw(st.integers(0, len(original) - 1))
            damaged[position] = data.draw(st.integers(0, 255))
    try:
        processed = process_photo(upload(bytes(damaged)))
    except ValidationError as error:
        assert error.code in {"not_image", "broken", "too_many_pixels"}
    else:
        assert processed.thumb.size <= THUMB_TARGET_BYTES
        assert processed.detail.size <= DETAIL_TARGET_BYTES


def test_heif_support_is_on():
    assert images.HEIF_SUPPORTED
