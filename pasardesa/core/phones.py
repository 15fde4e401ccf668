"""WhatsApp numbers: stored as E.164 (``+62…``), read from whatever people type."""

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_PHONE_CHARACTERS = re.compile(r"[0-9+\-(). ]+", re.ASCII)

INVALID_PHONE = _(
    "Nomor WhatsApp tidak valid. Tulis seperti 0812-3456-7890 atau +62 812-3456-7890."
)


def normalize_phone(raw: str) -> str:
    """Return the E.164 form of an Indonesian (or international) number.

    ``0812-3456-7890``, ``62812…`` and ``+62 812…`` are one number. Raises
    ``ValidationError`` with a plain Indonesian message when it is not a valid
    number.
    """
    text = (raw or "").strip()
    if not text or len(text) > 32 or not _PHONE_CHARACTERS.fullmatch(text):
        # Letters are refused, not read as a keypad (0812-345-JUAL) or dropped
        # (0812-3456-789O): either would send a buyer to a stranger.
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    # People often write the country code without "+": 62812… is Indonesian.
    digits = "".join(ch for ch in text if ch.isdigit())
    if not text.startswith(("+", "0")) and digits.startswith("62"):
        text = "+" + digits
    try:
        number = phonenumbers.parse(text, "ID")
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(INVALID_PHONE, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID_PHONE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_valid_phone(raw: str) -> bool:
    try:
        normalize_phone(raw)
    except ValidationError:
        return False
    return True


def format_phone_national(e164: str) -> str:
    """``+6281234567890`` → ``0812-3456-7890`` style, for people to read."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "ID")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
