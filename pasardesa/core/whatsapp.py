"""Links that open a WhatsApp chat with a prepared message."""

from urllib.parse import quote

from pasardesa.core.phones import is_valid_phone, normalize_phone


def whatsapp_link(phone: str, text: str = "") -> str | None:
    """``https://wa.me/<digits>?text=<encoded>``, or None without a valid number.

    A missing or broken number gives None so templates show no dead link.
    """
    if not phone or not is_valid_phone(phone):
        return None
    digits = normalize_phone(phone).lstrip("+")
    link = f"https://wa.me/{digits}"
    if text:
        link += "?text=" + quote(text, safe="")
    return link
