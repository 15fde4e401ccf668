"""Photo uploads: checked, then re-encoded to small WebP files.

A phone photo (JPEG, PNG, WebP, or HEIC where Pillow can read it) of up to
10 MB becomes a thumbnail (about 6 KB) and a detail image (about 40 KB): EXIF
and other metadata dropped, orientation applied. The original is never stored,
so it can never be served.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

try:  # HEIC is what iPhones and some Android phones shoot; optional codec.
    from pillow_heif import register_heif_opener

    register_heif_opener()
    HEIF_SUPPORTED = True
except ImportError:  # pragma: no cover - depends on the platform's wheels
    HEIF_SUPPORTED = False

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# 64 megapixels covers the 50 MP full-resolution mode of cheap phones; anything
# above is refused before it is decoded, so a small file cannot expand to
# gigabytes. JPEGs are decoded at reduced scale (draft), so even large ones
# cost little memory.
MAX_PIXELS = 64_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "HEIF", "MPO", "GIF"}

THUMB_BOX = 320
THUMB_TARGET_BYTES = 6_000
DETAIL_BOX = 960
DETAIL_TARGET_BYTES = 40_000

ERROR_TOO_LARGE = _("Foto terlalu besar. Ukuran maksimal 10 MB.")
ERROR_NOT_IMAGE = _("Berkas ini bukan foto. Kirim foto JPG, PNG, WebP atau HEIC.")
ERROR_BROKEN = _("Foto rusak atau tidak lengkap. Coba ambil atau kirim ulang fotonya.")
ERROR_TOO_MANY_PIXELS = _("Ukuran foto (piksel) terlalu besar. Kecilkan fotonya lalu coba lagi.")


@dataclass(frozen=True)
class EncodedImage:
    content: ContentFile
    width: int
    height: int

    @property
    def size(self) -> int:
        return self.content.size


@dataclass(frozen=True)
class ProcessedPhoto:
    thumb: EncodedImage
    detail: EncodedImage


def _open_checked(upload) -> Image.Image:
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(ERROR_TOO_LARGE, code="too_large")
    if size == 0:
        raise ValidationError(ERROR_NOT_IMAGE, code="not_image")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(upload)
            if image.format not in ACCEPTED_FORMATS:
                raise ValidationError(ERROR_NOT_IMAGE, code="not_image")
            if image.width * image.height > MAX_PIXELS:
                raise ValidationError(ERROR_TOO_MANY_PIXELS, code="too_many_pixels")
            if image.format in ("JPEG", "MPO"):
                image.draft("RGB", (DETAIL_BOX, DETAIL_BOX))
            image.load()  # a truncated file fails here, not half-way through saving
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(ERROR_TOO_MANY_PIXELS, code="too_many_pixels") from exc
    except UnidentifiedImageError as exc:
        raise ValidationError(ERROR_NOT_IMAGE, code="not_image") from exc
    except Exception as exc:
        # Decoders of untrusted bytes raise more than OSError (pillow_heif:
        # EOFError, RuntimeError); to the seller every one means a broken file.
        raise ValidationError(ERROR_BROKEN, code="broken") from exc
    return image


def _normalised(image: Image.Image) -> Image.Image:
    try:
        image = ImageOps.exif_transpose(image)
    except Exception as exc:  # malformed EXIF from odd cameras or crafted files
        raise ValidationError(ERROR_BROKEN, code="broken") from exc
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale (scans, exports): scale to 8 bits, or it clips to white.
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        # WebP could keep alpha, but a white background is smaller and looks the
        # same on our white cards.
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def _encode_within(image: Image.Image, box: int, target_bytes: int, stem: str) -> EncodedImage:
    """Fit ``image`` in a ``box`` square and find the best quality under the target.

    Lowers quality first, then the size (in proportion to the overshoot), so
    detail survives where it can and a noisy photo costs few encoding rounds.
    """
    current = image.copy()
    current.thumbnail((box, box), Image.Resampling.LANCZOS)
    while True:
        for quality in (75, 60, 45, 30):
            buffer = io.BytesIO()
            current.save(buffer, "WEBP", quality=quality, method=4)
            data = buffer.getvalue()
            if len(data) <= target_bytes:
                break
        if len(data) <= target_bytes or max(current.size) <= 64:
            break
        scale = min(0.9, max(0.5, (target_bytes / len(data)) ** 0.5))
        current = current.resize(
            (max(1, int(current.width * scale)), max(1, int(current.height * scale))),
            Image.Resampling.LANCZOS,
        )
    # Content-addressed names: a changed photo gets a new URL, so images can be
    # cached for a year.
    digest = hashlib.sha256(data).hexdigest()[:16]
    return EncodedImage(
        content=ContentFile(data, name=f"{stem}-{digest}.webp"),
        width=current.width,
        height=current.height,
    )


def open_checked_image(upload) -> Image.Image:
    """The upload as an RGB image, after the size, type and bomb checks.

    For readers of an image's content (a QR sticker) that need no stored copy;
    raises the same ``ValidationError``s as ``process_photo``.
    """
    return _normalised(_open_checked(upload))


def process_photo(upload, *, stem: str = "foto") -> ProcessedPhoto:
    """Check an uploaded photo and return its thumbnail and detail WebP versions.

    Raises ``ValidationError`` with a plain Indonesian message for a file that is
    not a photo, is broken, too big, or a decompression bomb.
    """
    image = _normalised(_open_checked(upload))
    return ProcessedPhoto(
        thumb=_encode_within(image, THUMB_BOX, THUMB_TARGET_BYTES, f"{stem}-t"),
        detail=_encode_within(image, DETAIL_BOX, DETAIL_TARGET_BYTES, f"{stem}-d"),
    )
