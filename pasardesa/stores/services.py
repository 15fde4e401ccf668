"""Writes to village stores."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pasardesa.accounts.models import AccountEvent
from pasardesa.accounts.selectors import account_with_phone
from pasardesa.accounts.services import record_event
from pasardesa.core.idempotency import run_once, scope
from pasardesa.core.images import process_photo
from pasardesa.core.phones import normalize_phone
from pasardesa.core.state import IllegalTransition
from pasardesa.core.text import unique_slug
from pasardesa.regions.models import Region
from pasardesa.stores.models import CLOSED_NOTE_MAX_LENGTH, Store, StoreInvitation, StoreMember
from pasardesa.stores.state import INVITATION_MACHINE, InvitationRole

# How long a seller may leave a new order unanswered (the database checks it too).
ORDER_EXPIRY_MIN_HOURS, ORDER_EXPIRY_MAX_HOURS = 1, 168


def default_store_name(village: Region) -> str:
    """The name everybody sees, so always in the site's language, whoever opens it."""
    with translation.override(settings.LANGUAGE_CODE):
        return _("Toko Desa %(name)s") % {"name": village.name.title()}


@transaction.atomic
def open_store(
    *,
    village: Region,
    name: str = "",
    tagline: str = "",
    description: str = "",
    whatsapp: str = "",
    address: str = "",
) -> Store:
    """Open the store of one desa/kelurahan. A village has at most one store."""
    if village.level != Region.Level.DESA:
        raise ValidationError(_("Toko hanya bisa dibuka untuk desa atau kelurahan."))
    if Store.objects.filter(village=village).exists():
        raise ValidationError(_("Desa ini sudah punya toko."))
    store = Store(
        village=village,
        name=name.strip() or default_store_name(village),
        tagline=tagline,
        description=description,
        whatsapp=normalize_phone(whatsapp) if whatsapp else "",
        address=address,
        slug=unique_slug(Store, village.name),
    )
    store.full_clean()
    store.save()
    return store


_EVENT_ROLE = {
    StoreMember.Role.OPERATOR: AccountEvent.Role.OPERATOR,
    StoreMember.Role.COURIER: AccountEvent.Role.COURIER,
    StoreMember.Role.TREASURER: AccountEvent.Role.TREASURER,
}


def _record(invitation: StoreInvitation, kind: str, *, actor, note: str = "") -> None:
    record_event(
        phone=invitation.phone,
        kind=kind,
        actor=actor,
        role=_EVENT_ROLE[invitation.role],
        place=invitation.store.name,
        note=note,
    )


def _invitee_phone(phone: str, *, field: str) -> str:
    """``phone`` normalised; refused for a deactivated account. A number
    without an account is fine: its owner signs up, then accepts."""
    try:
        phone = normalize_phone(phone)
        user = account_with_phone(phone)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    if user is not None and not user.is_active:
        raise ValidationError({field: _("Akun dengan nomor ini dinonaktifkan.")})
    return phone


@transaction.atomic
def invite_store_member(
    *, store: Store, phone: str, role: str, invited_by, field: str = "phone"
) -> StoreInvitation:
    """Invite the person with WhatsApp ``phone`` to be an operator or courier of
    ``store``. They get no role until they accept (:func:`accept_invitation`).

    Inviting a number that already has a pending invitation for the role
    returns that one, so a double tap is harmless; a number that already
    holds the role is refused. Raises ``ValidationError`` keyed ``field`` or ``role``.
    """
    if role not in StoreMember.Role.values:
        raise ValidationError({"role": _("Pilih peran: pengelola, bendahara, atau kurir.")})
    phone = _invitee_phone(phone, field=field)
    # The store row serialises invitations to it, so two taps make one row.
    store = Store.objects.select_for_update().get(pk=store.pk)
    if StoreMember.objects.filter(store=store, user__phone=phone, role=role).exists():
        raise ValidationError(
            {
                field: _("Orang ini sudah menjadi %(role)s toko ini.")
                % {"role": StoreMember.Role(role).label.lower()}
            }
        )
    invitation, created = StoreInvitation.objects.get_or_create(
        store=store,
        phone=phone,
        role=role,
        status=StoreInvitation.Status.PENDING,
        defaults={"invited_by": invited_by},
    )
    if created:
        _record(invitation, AccountEvent.Kind.INVITED, actor=invited_by)
    return invitation


def _locked(invitation: StoreInvitation) -> StoreInvitation:
    return StoreInvitation.objects.select_for_update().select_related("store").get(pk=invitation.pk)


@transaction.atomic
def accept_invitation(*, invitation: StoreInvitation, user) -> StoreMember:
    """``user`` says yes: they become a member with the invited role.

    Only the account with the invited number may answer; a stale page (already
    answered or withdrawn) raises ``IllegalTransition``.
    """
    invitation = _locked(invitation)
    if invitation.phone != user.phone:
        raise ValidationError(_("Undangan ini untuk nomor WhatsApp lain."))
    INVITATION_MACHINE.check(
        invitation.status, StoreInvitation.Status.ACCEPTED, InvitationRole.INVITEE
    )
    invitation.status = StoreInvitation.Status.ACCEPTED
    invitation.user = user
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "user", "answered_at"])
    member = StoreMember.objects.create(
        store=invitation.store,
        user=user,
        role=invitation.role,
        added_by=invitation.invited_by,
        invitation=invitation,
    )
    _record(invitation, AccountEvent.Kind.ACCEPTED, actor=user)
    return member


@transaction.atomic
def decline_invitation(*, invitation: StoreInvitation, user) -> StoreInvitation:
    """``user`` says no; the store sees it was declined."""
    invitation = _locked(invitation)
    if invitation.phone != user.phone:
        raise ValidationError(_("Undangan ini untuk nomor WhatsApp lain."))
    INVITATION_MACHINE.check(
        invitation.status, StoreInvitation.Status.DECLINED, InvitationRole.INVITEE
    )
    invitation.status = StoreInvitation.Status.DECLINED
    invitation.user = user
    invitation.answered_at = timezone.now()
    invitation.save(update_fields=["status", "user", "answered_at"])
    _record(invitation, AccountEvent.Kind.DECLINED, actor=user)
    return invitation


@transaction.atomic
def revoke_invitation(*, invitation: StoreInvitation, actor) -> StoreInvitation:
    """The store withdraws an invitation nobody has answered yet (an accepted
    one ends by removing the member, :func:`remove_store_member`)."""
    invitation = _locked(invitation)
    if invitation.status == StoreInvitation.Status.ACCEPTED:
        raise IllegalTransition(
            _("Undangan ini sudah diterima; hapus orangnya dari tim bila perlu.")
        )
    INVITATION_MACHINE.check(
        invitation.status, StoreInvitation.Status.REVOKED, InvitationRole.INVITER
    )
    invitation.status = StoreInvitation.Status.REVOKED
    invitation.save(update_fields=["status"])
    _record(invitation, AccountEvent.Kind.REVOKED, actor=actor)
    return invitation


@transaction.atomic
def remove_store_member(*, member: StoreMember, actor=None) -> None:
    """Take a role away. A store always keeps at least one operator.

    The store row is locked first, so two operators removing each other at the
    same moment cannot leave the store with none. The person's history says
    who removed them; their accepted invitation ends (revoked), so they may be
    invited again.
    """
    store = Store.objects.select_for_update().get(pk=member.store_id)
    member = StoreMember.objects.select_related("user", "invitation").get(pk=member.pk)
    if member.role == StoreMember.Role.OPERATOR:
        operators = StoreMember.objects.filter(
            store_id=member.store_id, role=StoreMember.Role.OPERATOR
        ).count()
        if operators <= 1:
            raise ValidationError(
                _("Toko harus punya minimal satu pengelola. Tambahkan pengelola lain dulu.")
            )
    invitation = member.invitation
    StoreMember.objects.filter(pk=member.pk).delete()
    if invitation is not None:
        INVITATION_MACHINE.check(
            invitation.status, StoreInvitation.Status.REVOKED, InvitationRole.INVITER
        )
        StoreInvitation.objects.filter(pk=invitation.pk).update(
            status=StoreInvitation.Status.REVOKED
        )
    record_event(
        phone=member.user.phone,
        kind=AccountEvent.Kind.REMOVED,
        actor=actor,
        role=_EVENT_ROLE[member.role],
        place=store.name,
    )


@transaction.atomic
def update_store_profile(
    *,
    store: Store,
    name: str,
    tagline: str = "",
    description: str = "",
    whatsapp: str = "",
    address: str = "",
    logo: UploadedFile | None = None,
    remove_logo: bool = False,
    order_expiry_hours: int | None = None,
) -> Store:
    """Save what the operator changes on the store profile page, all or nothing.

    A new logo is re-encoded (EXIF dropped, small WebP) like every photo; only
    the detail image is kept. ``order_expiry_hours`` (1..168) is how long a
    seller has to answer a new order of this store; ``None`` keeps it. Orders
    already placed keep the expiry they were given. Raises ``ValidationError``
    keyed by field.
    """
    store = Store.objects.select_for_update().get(pk=store.pk)
    if order_expiry_hours is not None:
        if (
            isinstance(order_expiry_hours, bool)
            or not isinstance(order_expiry_hours, int)
            or not ORDER_EXPIRY_MIN_HOURS <= order_expiry_hours <= ORDER_EXPIRY_MAX_HOURS
        ):
            raise ValidationError(
                {"order_expiry_hours": _("Isi angka bulat antara 1 dan 168 jam (7 hari).")}
            )
        store.order_expiry_hours = order_expiry_hours
    store.name = name.strip()
    store.tagline = tagline.strip()
    store.description = description.strip()
    store.address = address.strip()
    try:
        store.whatsapp = normalize_phone(whatsapp) if whatsapp.strip() else ""
    except ValidationError as exc:
        raise ValidationError({"whatsapp": exc.messages}) from exc
    store.full_clean(exclude=["logo"])
    old_logo = store.logo.name
    if logo is not None:
        try:
            processed = process_photo(logo, stem=f"logo-{store.slug[:40]}")
        except ValidationError as exc:
            raise ValidationError({"logo": exc.messages}) from exc
        store.logo.save(processed.detail.content.name, processed.detail.content, save=False)
    elif remove_logo:
        store.logo = ""
    store.save()
    if old_logo and old_logo != store.logo.name:
        # The old file goes only once the new profile is safely stored.
        storage = store.logo.storage
        transaction.on_commit(lambda: storage.delete(old_logo))
    return store


@transaction.atomic
def open_store_with_operator(
    *,
    village: Region,
    operator_phone: str,
    opened_by,
    idempotency_key: uuid.UUID,
    name: str = "",
) -> Store:
    """Open a village's store and invite its first operator, or do neither.

    The operator is invited like any member: the store has no operator until
    the person with ``operator_phone`` accepts on /kelola/. Once per
    ``idempotency_key``: a resent form returns the store it opened."""

    def open_with_operator() -> Store:
        _invitee_phone(operator_phone, field="operator_phone")  # before anything is made
        store = open_store(village=village, name=name)
        invite_store_member(
            store=store,
            phone=operator_phone,
            role=StoreMember.Role.OPERATOR,
            invited_by=opened_by,
            field="operator_phone",
        )
        return store

    store, _created = run_once(
        scope=scope("stores", "open_store", opened_by),
        key=idempotency_key,
        action=open_with_operator,
        load=lambda pk: Store.objects.get(pk=pk),
    )
    return store


@transaction.atomic
def set_store_active(*, store: Store, is_active: bool, reason: str = "") -> Store:
    """Open or close a whole store (the regional admin's switch).

    A closed store and everything in it disappears from public pages; its
    operators and sellers keep their data and see it again when reopened.
    Closing needs a reason, which the store's operators read on their console.
    """
    reason = reason.strip()
    if not is_active and not reason:
        raise ValidationError({"reason": _("Tulis alasannya; pengelola toko akan membacanya.")})
    store = Store.objects.select_for_update().get(pk=store.pk)
    store.is_active = is_active
    store.inactive_reason = "" if is_active else reason[:500]
    store.save(update_fields=["is_active", "inactive_reason", "updated_at"])
    return store


# A closure set for longer than this is a shop given up, not a holiday.
MAX_CLOSURE_DAYS = 366


def clean_closure(
    *, until: datetime.date | None, note: str, zone: datetime.tzinfo
) -> tuple[datetime.date | None, str]:
    """The until-date and note of a "tutup sementara" (the store's or a
    seller's), checked the same way for both. The until-date is the last day
    closed, read in the store's zone: today or later, within a year. Raises
    ``ValidationError`` keyed ``closed_until`` / ``closed_note``."""
    errors = {}
    note = (note or "").strip()
    if len(note) > CLOSED_NOTE_MAX_LENGTH:
        errors["closed_note"] = _("Pesan paling panjang %(max)d huruf.") % {
            "max": CLOSED_NOTE_MAX_LENGTH
        }
    if until is not None:
        today = timezone.localdate(timezone.now(), zone)
        if until < today:
            errors["closed_until"] = _("Tanggal itu sudah lewat. Pilih hari ini atau sesudahnya.")
        elif until > today + datetime.timedelta(days=MAX_CLOSURE_DAYS):
            errors["closed_until"] = _("Paling lama satu tahun dari hari ini.")
    if errors:
        raise ValidationError(errors)
    return until, note


@transaction.atomic
def set_store_closed(
    *,
    store: Store,
    closed: bool,
    closed_until: datetime.date | None = None,
    closed_note: str = "",
) -> Store:
    """The operator's "tutup sementara" for the whole store: while it holds, no
    seller of the store takes orders or WhatsApp orders (an offer may still be
    made). ``closed_until`` is the last day closed (None: until switched back on);
    opening clears both. Orders already placed keep their answer time."""
    until, note = None, ""
    if closed:
        until, note = clean_closure(until=closed_until, note=closed_note, zone=store.time_zone)
    Store.objects.filter(pk=store.pk).update(
        temporarily_closed=closed, closed_until=until, closed_note=note, updated_at=timezone.now()
    )
    store.temporarily_closed, store.closed_until, store.closed_note = closed, until, note
    return store
