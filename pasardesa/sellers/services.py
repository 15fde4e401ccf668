"""Writes to seller profiles."""

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.accounts.models import User
from pasardesa.accounts.selectors import account_with_phone
from pasardesa.core.idempotency import run_once, scope
from pasardesa.core.images import process_photo
from pasardesa.core.phones import normalize_phone
from pasardesa.core.text import unique_slug
from pasardesa.sellers.models import OpeningHours, Seller, SellerMember, SellerStatusEvent
from pasardesa.sellers.state import SELLER_MACHINE
from pasardesa.stores.models import Store
from pasardesa.stores.services import clean_closure

# Registrations one account may have waiting for verification at once: one
# account filing dozens floods the operators' queue (issue 9, item 12).
MAX_PENDING_REGISTRATIONS = 3


@transaction.atomic
def register_seller(
    *,
    store: Store,
    business_name: str,
    owner_name: str,
    whatsapp: str,
    description: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    owner=None,
    business_type: str = Seller.BusinessType.UMKM,
) -> Seller:
    """Create a seller profile in ``store``; pending until the operator verifies it.

    There is no way to create a verified seller here: verification goes through
    ``change_seller_status`` so every verified seller has its recorded check.

    Raises ``ValidationError`` for an invalid WhatsApp number or bad fields.
    """
    seller = Seller(
        store=store,
        business_name=business_name.strip(),
        owner_name=owner_name.strip(),
        whatsapp=normalize_phone(whatsapp),
        business_type=business_type,
        description=description.strip(),
        latitude=latitude,
        longitude=longitude,
        slug=unique_slug(Seller, business_name),
    )
    seller.full_clean()
    seller.save()
    if owner is not None:
        add_seller_owner(seller=seller, user=owner)
    return seller


@transaction.atomic
def set_seller_photo(*, seller: Seller, upload) -> Seller:
    processed = process_photo(upload, stem=seller.slug[:40])
    seller.photo.save(processed.detail.content.name, processed.detail.content, save=False)
    seller.photo_thumb.save(processed.thumb.content.name, processed.thumb.content, save=False)
    seller.save(update_fields=["photo", "photo_thumb", "updated_at"])
    return seller


@transaction.atomic
def set_opening_hours(
    *, seller: Seller, hours: dict[int, tuple[datetime.time, datetime.time]]
) -> None:
    """Replace the weekly hours; ``hours`` maps weekday (0 = Senin) to (opens, closes)."""
    seller.opening_hours.all().delete()
    rows = [
        OpeningHours(seller=seller, weekday=day, opens=opens, closes=closes)
        for day, (opens, closes) in sorted(hours.items())
    ]
    for row in rows:
        row.full_clean(exclude=["seller"])
    OpeningHours.objects.bulk_create(rows)


@transaction.atomic
def change_seller_status(
    *,
    seller: Seller,
    to_status: str,
    actor,
    role: str,
    reason: str = "",
    met_in_person: bool = False,
    id_card_seen: bool = False,
    location_checked: bool = False,
) -> SellerStatusEvent:
    """Move a seller along the verification state machine and record the step.

    ``role`` (a ``VerificationRole``) is who takes the step: the operator
    verifies, rejects, suspends and reinstates; the seller resubmits. Verifying
    needs the ID card seen and the location checked (a fraudster must be
    findable); rejecting and suspending need a reason the seller will read.
    Raises ``IllegalTransition`` (a ``ValidationError``) or ``ValidationError``;
    nothing changes then.
    """
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    from_status = seller.status
    step = SELLER_MACHINE.check(from_status, to_status, role)
    reason = reason.strip()
    if step.needs_note and not reason:
        raise ValidationError({"reason": _("Tulis alasannya; penjual akan membacanya.")})
    if (
        to_status == Seller.Status.VERIFIED
        and from_status == Seller.Status.PENDING
        and not (id_card_seen and location_checked)
    ):
        raise ValidationError(
            _("Sebelum memverifikasi, pastikan KTP/NIK sudah dilihat dan lokasi usaha sudah dicek.")
        )
    seller.status = to_status
    seller.save(update_fields=["status", "updated_at"])
    return SellerStatusEvent.objects.create(
        seller=seller,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason,
        met_in_person=met_in_person,
        id_card_seen=id_card_seen,
        location_checked=location_checked,
    )


def _photo_error(exc: ValidationError) -> ValidationError:
    """A photo's error, addressed to the form's ``photo`` field."""
    return ValidationError({"photo": exc.messages})


@transaction.atomic
def register_seller_with_photo(
    *,
    store: Store,
    owner,
    business_name: str,
    owner_name: str,
    whatsapp: str,
    business_type: str = Seller.BusinessType.UMKM,
    description: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photo=None,
    idempotency_key: uuid.UUID,
) -> Seller:
    """Self-registration: a pending profile owned by ``owner``, with its photo.

    An owner may have at most ``MAX_PENDING_REGISTRATIONS`` waiting for
    verification; one more is refused with a message (not under a field).

    One transaction: a photo that is not a photo raises ``ValidationError``
    (under ``photo``) and no profile is left behind. Once per
    ``idempotency_key``: a resent form returns the profile made the first time.
    """
    if not store.is_active:
        raise ValidationError({"store": _("Toko desa ini sedang tidak aktif.")})

    def register() -> Seller:
        # The owner's row serialises their registrations, so two at once
        # cannot both slip under the limit.
        User.objects.select_for_update().filter(pk=owner.pk).first()
        waiting = Seller.objects.filter(
            members__user=owner,
            members__role=SellerMember.Role.OWNER,
            status=Seller.Status.PENDING,
        ).count()
        if waiting >= MAX_PENDING_REGISTRATIONS:
            raise ValidationError(
                _(
                    "Anda sudah punya %(n)d pendaftaran yang menunggu verifikasi. Tunggu "
                    "pengelola toko desa memeriksanya dulu, lalu daftar lagi."
                )
                % {"n": waiting}
            )
        seller = register_seller(
            store=store,
            business_name=business_name,
            owner_name=owner_name,
            whatsapp=whatsapp,
            description=description,
            latitude=latitude,
            longitude=longitude,
            owner=owner,
            business_type=business_type,
        )
        if photo is not None:
            _attach_photo(seller, photo)
        return seller

    seller, _created = run_once(
        scope=scope("sellers", "register_seller", owner),
        key=idempotency_key,
        action=register,
        load=lambda pk: Seller.objects.get(pk=pk),
    )
    return seller


def _attach_photo(seller: Seller, photo) -> None:
    """A bad photo raises under the form's ``photo`` field, undoing the transaction."""
    try:
        set_seller_photo(seller=seller, upload=photo)
    except ValidationError as exc:
        raise _photo_error(exc) from exc


@transaction.atomic
def update_seller_profile(
    *,
    seller: Seller,
    business_name: str,
    owner_name: str,
    whatsapp: str,
    business_type: str,
    description: str = "",
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    photo=None,
) -> Seller:
    """The seller edits their own profile. The address (slug) stays, so shared
    links keep working; the verification status is not touched (a rejected
    seller resubmits separately). A bad photo raises and nothing is saved."""
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    seller.business_name = business_name.strip()
    seller.owner_name = owner_name.strip()
    seller.whatsapp = normalize_phone(whatsapp)
    seller.business_type = business_type
    seller.description = description.strip()
    seller.latitude = latitude
    seller.longitude = longitude
    seller.full_clean()
    seller.save()
    if photo is not None:
        _attach_photo(seller, photo)
    return seller


@transaction.atomic
def set_bank_account(
    *, seller: Seller, bank_name: str, account_number: str, account_holder: str
) -> Seller:
    """Where buyers paying by direct transfer send the money: all three, or all
    empty to remove it (then buyers can only pay in cash). The number is kept
    as digits only; people write it with spaces, dots or dashes.

    Raises ``ValidationError`` keyed by ``bank_name``, ``account_number`` or
    ``account_holder``; nothing changes then. Only the owner may call this
    (the view resolves the seller through ``sellers_owned_by``).
    """
    bank_name = " ".join((bank_name or "").split())
    holder = " ".join((account_holder or "").split())
    digits = "".join(ch for ch in (account_number or "").strip() if ch not in " .-")
    errors: dict[str, str] = {}
    if bank_name or digits or holder:
        if not bank_name:
            errors["bank_name"] = _("Tulis nama bank atau dompet digital, mis. BRI atau DANA.")
        elif len(bank_name) > 40:
            errors["bank_name"] = _("Nama bank paling panjang 40 huruf.")
        if not (digits.isascii() and digits.isdigit() and 5 <= len(digits) <= 20):
            errors["account_number"] = _("Nomor rekening berisi 5 sampai 20 angka.")
        if not holder:
            errors["account_holder"] = _("Tulis nama pemilik rekening, seperti di buku tabungan.")
        elif len(holder) > 120:
            errors["account_holder"] = _("Nama paling panjang 120 huruf.")
    if errors:
        raise ValidationError(errors)
    Seller.objects.filter(pk=seller.pk).update(
        bank_name=bank_name,
        bank_account_number=digits,
        bank_account_holder=holder,
        updated_at=timezone.now(),
    )
    seller.refresh_from_db(fields=["bank_name", "bank_account_number", "bank_account_holder"])
    return seller


@transaction.atomic
def set_seller_open(
    *,
    seller: Seller,
    is_open: bool,
    closed_until: datetime.date | None = None,
    closed_note: str = "",
) -> Seller:
    """The seller's "tutup sementara" switch (holiday, sickness): off stops
    orders and WhatsApp ordering until switched on again or, with
    ``closed_until``, until that day is over (in the store's zone); the note
    tells buyers why. Opening hours alone never stop orders. Raises
    ``ValidationError`` keyed ``closed_until`` / ``closed_note``."""
    if is_open:
        closed_until, closed_note = None, ""
    else:
        closed_until, closed_note = clean_closure(
            until=closed_until, note=closed_note, zone=seller.store.time_zone
        )
    Seller.objects.filter(pk=seller.pk).update(
        is_open=is_open,
        closed_until=closed_until,
        closed_note=closed_note,
        updated_at=timezone.now(),
    )
    seller.is_open, seller.closed_until, seller.closed_note = is_open, closed_until, closed_note
    return seller


@transaction.atomic
def add_seller_staff(*, seller: Seller, phone: str) -> SellerMember:
    """Give an existing account staff rights: products yes, staff no.

    Raises ``ValidationError`` (under ``phone``) for a number without an
    account or a person already in the team.
    """
    user = account_with_phone(phone)
    if user is None or not user.is_active:
        raise ValidationError(
            {
                "phone": _(
                    "Nomor ini belum punya akun Pasar Desa. Minta dia mendaftar dulu, "
                    "lalu tambahkan lagi."
                )
            }
        )
    if SellerMember.objects.filter(seller=seller, user=user).exists():
        raise ValidationError({"phone": _("Orang ini sudah ada di tim usaha Anda.")})
    return SellerMember.objects.create(seller=seller, user=user, role=SellerMember.Role.STAFF)


@transaction.atomic
def remove_seller_staff(*, seller: Seller, member_id: int) -> None:
    """Remove a staff member; the owner cannot be removed this way."""
    member = (
        SellerMember.objects.select_for_update()
        .filter(seller=seller, pk=member_id, role=SellerMember.Role.STAFF)
        .first()
    )
    if member is None:
        raise ValidationError(_("Staf ini tidak ditemukan di tim usaha Anda."))
    member.delete()


@transaction.atomic
def add_seller_owner(*, seller: Seller, user: User) -> SellerMember:
    """Link ``user``'s account to ``seller`` as its owner (pemilik).

    ``register_seller`` calls it when the profile is made with its owner; on
    its own it gives an account to a profile the operator made for someone
    (and the demo links its sellers' accounts this way). A profile has one
    owner: a second owner, or a person already in its team (staff included),
    is refused rather than ignored, since either means a mix-up of accounts.

    Raises ``ValidationError`` (under ``user``); nothing changes then.
    """
    clash = (
        SellerMember.objects.filter(seller=seller)
        .filter(Q(user=user) | Q(role=SellerMember.Role.OWNER))
        .values_list("user_id", flat=True)
        .first()
    )
    if clash == user.pk:
        raise ValidationError({"user": _("Orang ini sudah ada di tim usaha ini.")})
    if clash is not None:
        raise ValidationError({"user": _("Usaha ini sudah punya pemilik.")})
    return SellerMember.objects.create(seller=seller, user=user, role=SellerMember.Role.OWNER)
