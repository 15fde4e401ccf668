from django.db.models import QuerySet

from pasardesa.accounts.models import AccountEvent, User
from pasardesa.core.phones import normalize_phone


def account_with_phone(phone: str) -> User | None:
    """The one rule of "the account with this number": the WhatsApp number
    however it is written (``0812-…``, ``62812…``, ``+62 812…``), or None.

    Raises ``ValidationError`` when ``phone`` is not a phone number.
    """
    return User.objects.filter(phone=normalize_phone(phone)).first()


def account_history(user: User, *, limit: int = 100) -> QuerySet[AccountEvent]:
    """What changed on ``user``'s roles and password, newest first (their number's rows)."""
    return AccountEvent.objects.filter(phone=user.phone).select_related("actor")[:limit]
