"""Run a create action once per idempotency key (see DESIGN: forms that create)."""

import uuid
from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.db import IntegrityError, transaction

from pasardesa.core.models import IdempotencyKey

T = TypeVar("T")


class IdempotencyKeyField(forms.UUIDField):
    """A hidden field carrying a fresh key each time the form is first shown."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("initial", uuid.uuid4)
        super().__init__(**kwargs)


def scope(app: str, service: str, actor=None) -> str:
    """The one scope format of idempotency keys: ``"<app>.<service>:<actor>"``.

    ``actor`` is the person (a user, by pk) or whatever the key belongs to (an
    id); ``None`` is an anonymous person, ``"anon"``. A key is only ever
    looked up within its scope, so one person's key never returns another's row.
    """
    anonymous = actor is None or getattr(actor, "is_authenticated", True) is False
    who = "anon" if anonymous else getattr(actor, "pk", actor)
    return f"{app}.{service}:{who}"


@transaction.atomic
def run_once(
    *, scope: str, key: uuid.UUID, action: Callable[[], T], load: Callable[[str], T]
) -> tuple[T, bool]:
    """Call ``action`` unless ``key`` was seen in ``scope``; return (result, created).

    A repeat returns ``load(pk)`` of the first result. Two concurrent requests
    with one key queue on the unique constraint: one creates, the other loads.
    If ``action`` raises, the key is released with the transaction.
    """
    try:
        with transaction.atomic():
            record = IdempotencyKey.objects.create(scope=scope, key=key)
    except IntegrityError:
        record = IdempotencyKey.objects.get(scope=scope, key=key)
        return load(record.result), False
    result = action()
    record.result = str(result.pk)
    record.save(update_fields=["result"])
    return result, True
