"""Small text helpers shared by the apps."""

import secrets

from django.utils.text import slugify


def unique_slug(model, text: str, *, max_length: int = 70, field: str = "slug") -> str:
    """A slug for ``text`` not yet used by ``model``; adds a short random tail on clash."""
    base = slugify(text)[:max_length].strip("-") or "x"
    slug = base
    while model._default_manager.filter(**{field: slug}).exists():
        slug = f"{base[: max_length - 5]}-{secrets.token_hex(2)}"
    return slug
