"""QRIS: reading a seller's static sticker and rebuilding it for one exact amount.

A QRIS is an EMVCo Merchant-Presented Mode (MPM) payload: a run of
tag-length-value fields (2-digit tag, 2-digit length, value), some of which are
templates holding their own sub-fields, closed by a CRC-16/CCITT-FALSE.

No maintained Python library parses and rebuilds these with the checks we need,
so this module does, by the rules of EMVCo QRCPS-MPM 1.1 and Bank Indonesia's
QRIS profile:

- Lengths count characters, not bytes. Every value is in the EMVCo common
  character set (printable ASCII, 0x20-0x7E), except inside the Merchant
  Information Language Template (tag 64), whose alternate-language name and
  city may use any printable Unicode (UTF-8 in the QR). So a merchant name with
  "é" in tag 59 is refused; the same name in tag 64 is kept. The CRC runs over
  the UTF-8 bytes, which for ASCII are the characters themselves.
- A payload is at most 512 characters (EMVCo); longer text is refused before it
  is parsed.
- The dynamic payload is built field by field from the parsed structure and
  serialised in ascending tag order (00 first, 63 last): never by replacing
  substrings, so a "5802ID" inside a merchant name can never be mistaken for a
  field.
"""

import re
from dataclasses import dataclass

import zxingcpp
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasardesa.core.images import open_checked_image

MAX_PAYLOAD_CHARS = 512
MAX_AMOUNT_IDR = 9_999_999_999_999  # tag 54 holds at most 13 characters
MAX_REFERENCE_CHARS = 25  # tag 62 sub-tag 05, Reference Label

# The national QRIS repository's GUID: Bank Indonesia's profile puts it in
# tag 51 with the NMID (National Merchant ID) in sub-tag 02 and the merchant
# criteria (UMI, UKE, UME, UBE, URE) in sub-tag 03. Acquirers' own templates
# (26-45: COM.GO-JEK.WWW, ID.DANA.WWW, ID.CO.SHOPEE.WWW, ...) come beside it.
QRIS_GUIDS = frozenset({"ID.CO.QRIS.WWW"})
MERCHANT_ACCOUNT_TAGS = frozenset(f"{n:02d}" for n in range(26, 52))
TEMPLATE_TAGS = MERCHANT_ACCOUNT_TAGS | {"62", "64"}
UNICODE_TEMPLATE = "64"
# Tip or convenience fee: passing the merchant's fee to the buyer is not
# allowed, so a dynamic payload never carries them.
TIP_AND_FEE_TAGS = frozenset({"55", "56", "57"})

POINT_OF_INITIATION_STATIC = "11"
POINT_OF_INITIATION_DYNAMIC = "12"

ERROR_EMPTY = _("Teks QRIS kosong. Tempel isi QRIS atau unggah foto stikernya.")
ERROR_TOO_LONG = _("Teks ini terlalu panjang untuk QRIS (maksimal 512 karakter).")
ERROR_URL = _("Ini alamat situs web, bukan QRIS. Pindai stiker QRIS toko Anda.")
ERROR_NOT_QRIS = _("Ini bukan kode QRIS. Pastikan yang dipindai stiker QRIS toko Anda.")
ERROR_CHARACTERS = _("QRIS berisi huruf atau tanda yang tidak diizinkan. Pindai ulang stikernya.")
ERROR_MALFORMED = _("Isi QRIS rusak atau terpotong. Pindai ulang stikernya.")
ERROR_DUPLICATE = _("Isi QRIS rusak: ada bagian yang tertulis dua kali.")
ERROR_CRC_MISSING = _("Kode pemeriksa QRIS tidak ada di akhir. Pindai ulang stikernya.")
ERROR_CRC = _("Kode pemeriksa QRIS tidak cocok: ada huruf yang salah. Pindai ulang stikernya.")
ERROR_DYNAMIC = _(
    "Ini QRIS dinamis (untuk satu pembayaran). Yang dipakai adalah QRIS statis dari stiker toko."
)
ERROR_INITIATION = _("Jenis QRIS tidak dikenal. Gunakan QRIS statis dari stiker toko.")
ERROR_NO_MERCHANT_ACCOUNT = _("QRIS ini tidak memuat data akun QRIS penjual (ID.CO.QRIS.WWW).")
ERROR_NO_NMID = _("QRIS ini tidak memuat NMID (nomor merchant nasional).")
ERROR_CURRENCY = _("QRIS ini bukan untuk pembayaran dalam rupiah.")
ERROR_COUNTRY = _("QRIS ini bukan QRIS Indonesia.")
ERROR_NO_NAME = _("QRIS ini tidak memuat nama merchant.")
ERROR_NO_CITY = _("QRIS ini tidak memuat kota merchant.")
ERROR_AMOUNT = _("Jumlah harus bilangan bulat rupiah dari Rp1 sampai Rp9.999.999.999.999.")
ERROR_REFERENCE = _("Nomor referensi 1–25 karakter: huruf, angka, dan tanda baca biasa.")
ERROR_NO_QR = _("Tidak ada kode QR yang terbaca di foto ini. Foto ulang stikernya lebih dekat.")
ERROR_SEVERAL_QR = _("Ada lebih dari satu kode QR di foto ini. Foto satu stiker QRIS saja.")
ERROR_BLANK = _("Foto ini kosong (polos). Foto stiker QRIS toko Anda.")

_URL = re.compile(r"^\s*([a-z][a-z0-9+.-]*://|www\.)", re.IGNORECASE)
_ASCII_PRINTABLE = re.compile(r"^[\x20-\x7e]*$")
_DIGITS = re.compile(r"^[0-9]+$")


@dataclass(frozen=True)
class Field:
    """One TLV data object; a template has ``subfields`` and no own value."""

    tag: str
    value: str = ""
    subfields: tuple["Field", ...] | None = None

    def sub(self, tag: str) -> str | None:
        for field in self.subfields or ():
            if field.tag == tag:
                return field.value
        return None

    def serialised(self) -> str:
        value = self.value if self.subfields is None else serialise(self.subfields)
        if len(value) > 99:
            raise ValidationError(ERROR_TOO_LONG, code="too_long")
        return f"{self.tag}{len(value):02d}{value}"


@dataclass(frozen=True)
class StaticQris:
    """A checked static QRIS: ``fields`` in the sticker's order, CRC (63) last.

    Templates 26-51, 62 and 64 come with their sub-fields; anything else
    (unreserved templates 80-99 included) is kept as an opaque value and passed
    on unchanged.
    """

    payload: str
    fields: tuple[Field, ...]
    merchant_name: str
    merchant_city: str
    nmid: str
    acquirer_guids: tuple[str, ...]


def crc16_ccitt_false(data: bytes) -> int:
    """CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, xorout 0."""
    crc = 0xFFFF
    for byte in data:
        crc ^= byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


def _crc_hex(text_before_crc_value: str) -> str:
    return f"{crc16_ccitt_false(text_before_crc_value.encode('utf-8')):04X}"


def serialise(fields) -> str:
    return "".join(field.serialised() for field in fields)


def _parse_fields(text: str, *, templates: frozenset[str], unicode_ok: bool) -> tuple[Field, ...]:
    fields: list[Field] = []
    seen: set[str] = set()
    position = 0
    while position < len(text):
        head = text[position : position + 4]
        if len(head) < 4 or not _DIGITS.match(head):
            raise ValidationError(ERROR_MALFORMED, code="malformed")
        tag, length = head[:2], int(head[2:])
        value = text[position + 4 : position + 4 + length]
        if length == 0 or len(value) < length:
            raise ValidationError(ERROR_MALFORMED, code="malformed")
        if tag in seen:
            raise ValidationError(ERROR_DUPLICATE, code="duplicate")
        seen.add(tag)
        if tag in templates:
            sub_unicode = tag == UNICODE_TEMPLATE
            subfields = _parse_fields(value, templates=frozenset(), unicode_ok=sub_unicode)
            fields.append(Field(tag, subfields=subfields))
        else:
            if not unicode_ok and not _ASCII_PRINTABLE.match(value):
                raise ValidationError(ERROR_CHARACTERS, code="characters")
            fields.append(Field(tag, value))
        position += 4 + length
    return tuple(fields)


def parse_payload(text: str) -> tuple[Field, ...]:
    """Check an EMVCo MPM payload's structure and CRC; return its fields in order.

    Says nothing about QRIS or static/dynamic: ``parse_static_qris`` does.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValidationError(ERROR_EMPTY, code="empty")
    # A pasted payload often carries a line break; a payload ends in hex
    # digits, so surrounding white space is never part of it.
    text = text.strip()
    if len(text) > MAX_PAYLOAD_CHARS:
        raise ValidationError(ERROR_TOO_LONG, code="too_long")
    if _URL.match(text):
        raise ValidationError(ERROR_URL, code="url")
    if not text.startswith("000201"):
        raise ValidationError(ERROR_NOT_QRIS, code="not_qris")
    if any(not ch.isprintable() for ch in text):
        raise ValidationError(ERROR_CHARACTERS, code="characters")
    fields = _parse_fields(text, templates=TEMPLATE_TAGS, unicode_ok=False)
    crc = fields[-1]
    if crc.tag != "63" or len(crc.value) != 4 or not re.match(r"^[0-9A-Fa-f]{4}$", crc.value):
        raise ValidationError(ERROR_CRC_MISSING, code="crc_missing")
    # The CRC covers everything up to and including its own tag and length.
    if _crc_hex(text[:-4]) != crc.value.upper():
        raise ValidationError(ERROR_CRC, code="crc")
    return fields


def parse_static_qris(text: str) -> StaticQris:
    """Check a pasted or scanned static QRIS and read what the seller confirms.

    Raises ``ValidationError`` with a plain Indonesian message (and a ``code``)
    for anything that is not a valid static QRIS.
    """
    text = text.strip() if isinstance(text, str) else text
    fields = parse_payload(text)
    by_tag = {field.tag: field for field in fields}
    initiation = by_tag.get("01")
    if initiation is not None and initiation.value == POINT_OF_INITIATION_DYNAMIC:
        raise ValidationError(ERROR_DYNAMIC, code="dynamic")
    if initiation is None or initiation.value != POINT_OF_INITIATION_STATIC:
        raise ValidationError(ERROR_INITIATION, code="initiation")
    accounts = [f for f in fields if f.tag in MERCHANT_ACCOUNT_TAGS]
    qris_account = next(
        (f for f in accounts if (f.sub("00") or "").upper() in QRIS_GUIDS),
        None,
    )
    if qris_account is None:
        raise ValidationError(ERROR_NO_MERCHANT_ACCOUNT, code="no_merchant_account")
    nmid = (qris_account.sub("02") or "").strip()
    if not nmid:
        raise ValidationError(ERROR_NO_NMID, code="no_nmid")
    if _value(by_tag, "53") != "360":
        raise ValidationError(ERROR_CURRENCY, code="currency")
    if _value(by_tag, "58") != "ID":
        raise ValidationError(ERROR_COUNTRY, code="country")
    name = _value(by_tag, "59").strip()
    if not name:
        raise ValidationError(ERROR_NO_NAME, code="no_name")
    city = _value(by_tag, "60").strip()
    if not city:
        raise ValidationError(ERROR_NO_CITY, code="no_city")
    return StaticQris(
        payload=text,
        fields=fields,
        merchant_name=name,
        merchant_city=city,
        nmid=nmid,
        acquirer_guids=tuple(f.sub("00") for f in accounts if f.sub("00")),
    )


def _value(by_tag: dict[str, Field], tag: str) -> str:
    field = by_tag.get(tag)
    return field.value if field is not None and field.subfields is None else ""


def build_payload(fields) -> str:
    """Serialise ``fields`` in ascending tag order and close with a fresh CRC."""
    body = serialise(sorted((f for f in fields if f.tag != "63"), key=lambda f: f.tag)) + "6304"
    payload = body + _crc_hex(body)
    if len(payload) > MAX_PAYLOAD_CHARS:
        raise ValidationError(ERROR_TOO_LONG, code="too_long")
    return payload


def dynamic_qris(static: StaticQris, amount_idr: int, reference: str | None = None) -> str:
    """The static QRIS for one payment of ``amount_idr`` whole rupiah.

    Tag 01 becomes 12, tag 54 carries the amount (digits only), the reference
    goes into tag 62 sub-tag 05 next to what the sticker had there, and tip or
    fee tags 55-57 are dropped.
    """
    if (
        not isinstance(amount_idr, int)
        or isinstance(amount_idr, bool)
        or not 1 <= amount_idr <= MAX_AMOUNT_IDR
    ):
        raise ValidationError(ERROR_AMOUNT, code="amount")
    if reference is not None and (
        not 1 <= len(reference) <= MAX_REFERENCE_CHARS
        or not _ASCII_PRINTABLE.match(reference)
        or reference != reference.strip()
    ):
        raise ValidationError(ERROR_REFERENCE, code="reference")
    dropped = {"01", "54", "63"} | TIP_AND_FEE_TAGS
    fields = [f for f in static.fields if f.tag not in dropped]
    fields += [Field("01", POINT_OF_INITIATION_DYNAMIC), Field("54", str(amount_idr))]
    if reference is not None:
        additional = next((f for f in fields if f.tag == "62"), None)
        kept = [s for s in (additional.subfields if additional else ()) if s.tag != "05"]
        merged = Field("62", subfields=tuple(sorted([*kept, Field("05", reference)], key=_tag)))
        fields = [f for f in fields if f.tag != "62"] + [merged]
    return build_payload(fields)


def _tag(field: Field) -> str:
    return field.tag


def decode_qr_image(upload) -> str:
    """The text of the one QR code in an uploaded photo or screenshot.

    The upload passes the photo pipeline's checks first (size, type,
    decompression bomb), so the decoder only ever sees a bounded image.
    """
    image = open_checked_image(upload)
    low, high = image.convert("L").getextrema()
    if high - low < 32:
        raise ValidationError(ERROR_BLANK, code="blank")
    barcodes = zxingcpp.read_barcodes(
        image,
        formats=(zxingcpp.BarcodeFormat.QRCode, zxingcpp.BarcodeFormat.MicroQRCode),
        # Plain, not HRI: the payload exactly as encoded, UTF-8 of tag 64 included.
        text_mode=zxingcpp.TextMode.Plain,
    )
    texts = {barcode.text for barcode in barcodes if barcode.valid and barcode.text}
    if not texts:
        raise ValidationError(ERROR_NO_QR, code="no_qr")
    if len(texts) > 1:
        raise ValidationError(ERROR_SEVERAL_QR, code="several_qr")
    return texts.pop()
