"""Writes to accounts."""

from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from pasardesa.accounts.models import AccountEvent, User


@transaction.atomic
def register_user(*, phone: str, name: str, password: str, email: str = "") -> User:
    return User.objects.create_user(phone, password, name=name.strip(), email=email.strip())


@dataclass(frozen=True)
class ResetLink:
    user: User
    path: str


def record_event(
    *,
    phone: str,
    kind: str,
    actor: User | None = None,
    role: str = "",
    place: str = "",
    note: str = "",
) -> AccountEvent:
    """One line of a person's "Riwayat akun". Called inside the service that
    makes the change, so the change and its record commit together."""
    return AccountEvent.objects.create(
        phone=phone,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        role=role,
        place=place[:160],
        note=note[:500],
    )


def password_reset_link(*, user: User) -> ResetLink:
    """A one-time link to set a new password, valid for PASSWORD_RESET_TIMEOUT (24 h).

    Django's token covers the password hash and last login, so the link dies
    once it has been used. Who may ask for one is decided by the caller's
    permission check; a link someone else asks for goes through
    :func:`issue_reset_link`, which tells the person.
    """
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return ResetLink(
        user=user, path=reverse("accounts:reset", kwargs={"uidb64": uid, "token": token})
    )


def user_for_reset_link(*, uidb64: str, token: str) -> User | None:
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, UnicodeDecodeError):
        return None
    user = User.objects.filter(pk=pk, is_active=True).first()
    if user is None or not default_token_generator.check_token(user, token):
        return None
    return user


@transaction.atomic
def issue_reset_link(*, user: User, issued_by: User, place: str) -> ResetLink:
    """A reset link made by someone else (an operator for a person of ``place``),
    written into the person's history: a reset they did not ask for is seen."""
    record_event(phone=user.phone, kind=AccountEvent.Kind.RESET_LINK, actor=issued_by, place=place)
    return password_reset_link(user=user)


@transaction.atomic
def set_password(*, user: User, password: str) -> User:
    """The new password from a reset link; the person's history records it."""
    user.set_password(password)
    user.save(update_fields=["password"])
    record_event(phone=user.phone, kind=AccountEvent.Kind.PASSWORD_RESET)
    return user
