"""Writes to seller profiles."""

import datetime
from decimal import Decimal

from django.db import transaction

from pasardesa.core.images import process_photo
from pasardesa.core.phones import normalize_phone
from pasardesa.core.text import unique_slug
from pasardesa.sellers.models import OpeningHours, Seller
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
