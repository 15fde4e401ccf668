"""Writes to village stores."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pasardesa.accounts.models import User
from pasardesa.accounts.selectors import account_with_phone
from pasardesa.core.idempotency import run_once, scope
from pasardesa.core.images import process_photo
from pasardesa.core.phones import normalize_phone
from pasardesa.core.text import unique_slug
from pasardesa.regions.models import Region
from pasardesa.stores.models import CLOSED_NOTE_MAX_LENGTH, Store, StoreMember

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


def _person(phone: str, *, field: str) -> User:
    """The active account behind ``phone``, or a ValidationError on ``field``."""
    try:
        user = account_with_phone(phone)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from exc
    if user is None:
        raise ValidationError(
            {
                field: _(
                    "Belum ada akun dengan nomor ini. Minta orangnya mendaftar dulu di "
                    "%(url)s dengan nomor WhatsApp ini, lalu tambahkan lagi."
                )
                % {"url": reverse("accounts:signup")}
            }
        )
    if not user.is_active:
        raise ValidationError({field: _("Akun dengan nomor ini dinonaktifkan.")})
    return user


@transaction.atomic
def add_store_member(*, store: Store, phone: str, role: str, added_by) -> StoreMember:
    """Make the person with WhatsApp ``phone`` an operator or courier of ``store``.

    The person must already have an account (they choose their own password).
    Adding someone who already holds the role changes nothing, so a double tap
    is harmless. Raises ``ValidationError`` keyed ``phone`` or ``role``.
    """
    if role not in StoreMember.Role.values:
        raise ValidationError({"role": _("Pilih peran: pengelola atau kurir.")})
    user = _person(phone, field="phone")
    member, _created = StoreMember.objects.get_or_create(
        store=store, user=user, role=role, defaults={"added_by": added_by}
    )
    return member


@transaction.atomic
def remove_store_member(*, member: StoreMember) -> None:
    """Take a role away. A store always keeps at least one operator.

    The store row is locked first, so two operators removing each other at the
    same moment cannot leave the store with none.
    """
    Store.objects.select_for_update().filter(pk=member.store_id).first()
    if member.role == StoreMember.Role.OPERATOR:
        operators = StoreMember.objects.filter(
            store_id=member.store_id, role=StoreMember.Role.OPERATOR
        ).count()
        if operators <= 1:
            raise ValidationError(
                _("Toko harus punya minimal satu pengelola. Tambahkan pengelola lain dulu.")
            )
    StoreMember.objects.filter(pk=member.pk).delete()


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
    """Open a village's store and appoint its first operator, or do neither.
    Once per ``idempotency_key``: a resent form returns the store it opened."""

    def open_with_operator() -> Store:
        operator = _person(operator_phone, field="operator_phone")
        store = open_store(village=village, name=name)
        StoreMember.objects.create(
            store=store, user=operator, role=StoreMember.Role.OPERATOR, added_by=opened_by
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
def set_store_active(*, store: Store, is_active: bool) -> Store:
    """Open or close a whole store (the regional admin's switch).

    A closed store and everything in it disappears from public pages; its
    operators and sellers keep their data and see it again when reopened.
    """
    store = Store.objects.select_for_update().get(pk=store.pk)
    store.is_active = is_active
    store.save(update_fields=["is_active", "updated_at"])
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
