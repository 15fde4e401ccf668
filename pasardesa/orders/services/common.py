"""What the checkout and the offer services check the same way."""

import datetime
import secrets
import uuid
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from pasardesa.core.phones import normalize_phone
from pasardesa.core.state import IllegalTransition

MAX_NOTE_LENGTH = 500
MAX_NAME_LENGTH = 120
# Numbers people read aloud on the phone: no 0/O, 1/I/L.
_NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def clean_key(idempotency_key) -> uuid.UUID:
    """The form's hidden idempotency key, or a message to reload the page."""
    try:
        return (
            idempotency_key
            if isinstance(idempotency_key, uuid.UUID)
            else uuid.UUID(str(idempotency_key))
        )
    except ValueError as exc:
        raise ValidationError(
            _("Formulir ini sudah kedaluwarsa. Muat ulang halaman lalu coba lagi."),
            code="bad_key",
        ) from exc


def clean_contact(name: str, phone: str, errors: dict[str, str]) -> tuple[str, str]:
    """The buyer's name and normalised WhatsApp number; what is wrong with
    either goes into ``errors`` under ``buyer_name`` / ``buyer_phone``."""
    name = (name or "").strip()
    if not name:
        errors["buyer_name"] = _("Tulis nama Anda.")
    elif len(name) > MAX_NAME_LENGTH:
        errors["buyer_name"] = _("Nama paling panjang 120 huruf.")
    normalized = ""
    try:
        normalized = normalize_phone(phone or "")
    except ValidationError as exc:
        errors["buyer_phone"] = exc.messages[0]
    return name, normalized


def clean_note(note: str, field: str = "note") -> str:
    """A free-text note, stripped; too long raises under ``field``."""
    note = (note or "").strip()
    if len(note) > MAX_NOTE_LENGTH:
        raise ValidationError(
            {field: _("Catatan paling panjang %(max)d huruf.") % {"max": MAX_NOTE_LENGTH}}
        )
    return note


def new_numbers(
    model: type[models.Model], prefix: str, count: int, today: datetime.date
) -> list[str]:
    """``count`` fresh ``model.number`` values like ``PD-250817-K7QM2X``. The
    unique constraint is the guarantee; the check only makes a (rare) collision
    a retry, not an error."""
    numbers: list[str] = []
    while len(numbers) < count:
        candidates = {
            f"{prefix}-{today:%y%m%d}-"
            + "".join(secrets.choice(_NUMBER_ALPHABET) for _n in range(6))
            for _attempt in range(count - len(numbers))
        } - set(numbers)
        taken = set(model.objects.filter(number__in=candidates).values_list("number", flat=True))
        numbers += sorted(candidates - taken)
    return numbers


def private_token() -> str:
    """A buyer's private link: whoever has it sees the record, so 192 random bits."""
    return secrets.token_urlsafe(24)


def expire_due(due: models.QuerySet, expire: Callable[[int], object]) -> int:
    """Call ``expire(pk)`` for each row of ``due`` (oldest deadline first), each
    in its own transaction; return how many expired.

    Several job runners may sweep at once: each claims a row with
    ``SELECT … FOR UPDATE SKIP LOCKED`` and passes over the rows another
    runner holds. A row answered since the list was read is no longer in
    ``due`` (or refuses with ``IllegalTransition``) and is skipped.
    """
    expired = 0
    for pk in list(due.order_by("expires_at", "pk").values_list("pk", flat=True)):
        try:
            with transaction.atomic():
                if not list(
                    due.filter(pk=pk).select_for_update(skip_locked=True).values_list("pk")
                ):
                    continue
                expire(pk)
        except IllegalTransition:
            continue
        expired += 1
    return expired
