"""Writes to seller profiles."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasardesa.core.images import process_photo
from pasardesa.core.phones import normalize_phone
from pasardesa.core.text import unique_slug
from pasardesa.sellers.models import OpeningHours, Seller, SellerMember, SellerStatusEvent
from pasardesa.stores.models import Store


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
    status: str = Seller.Status.PENDING,
    owner=None,
) -> Seller:
    """Create a seller profile in ``store``; pending until the operator verifies it.

    Raises ``ValidationError`` for an invalid WhatsApp number or bad fields.
    """
    seller = Seller(
        store=store,
        business_name=business_name.strip(),
        owner_name=owner_name.strip(),
        whatsapp=normalize_phone(whatsapp),
        description=description.strip(),
        latitude=latitude,
        longitude=longitude,
        status=status,
        slug=unique_slug(Seller, business_name),
    )
    seller.full_clean()
    seller.save()
    if owner is not None:
        SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
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


class IllegalTransition(Exception):
    """A status change the state table does not allow; the message says why."""


_S = Seller.Status
# The seller verification state machine: (from, to) → what the step is called.
SELLER_TRANSITIONS = {
    (_S.PENDING, _S.VERIFIED): "verify",
    (_S.PENDING, _S.REJECTED): "reject",
    (_S.REJECTED, _S.PENDING): "resubmit",
    (_S.VERIFIED, _S.SUSPENDED): "suspend",
    (_S.SUSPENDED, _S.VERIFIED): "reinstate",
}
_NEEDS_REASON = {_S.REJECTED, _S.SUSPENDED}


@transaction.atomic
def change_seller_status(
    *,
    seller: Seller,
    to_status: str,
    actor,
    reason: str = "",
    met_in_person: bool = False,
    id_card_seen: bool = False,
    location_checked: bool = False,
) -> SellerStatusEvent:
    """Move a seller along the verification state machine and record the step.

    Verifying needs the ID card seen and the location checked (a fraudster must
    be findable); rejecting and suspending need a reason the seller will read.
    Raises ``IllegalTransition`` or ``ValidationError``; nothing changes then.
    """
    seller = Seller.objects.select_for_update().get(pk=seller.pk)
    from_status = seller.status
    if (from_status, to_status) not in SELLER_TRANSITIONS:
        raise IllegalTransition(
            _('Status penjual tidak bisa diubah dari "%(from)s" ke "%(to)s".')
            % {"from": _S(from_status).label, "to": _S(to_status).label}
        )
    reason = reason.strip()
    if to_status in _NEEDS_REASON and not reason:
        raise ValidationError({"reason": _("Tulis alasannya; penjual akan membacanya.")})
    if (
        to_status == _S.VERIFIED
        and from_status == _S.PENDING
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
