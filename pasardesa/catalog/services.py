"""Writes to the catalogue. A product's words go into ``search_text``, which
the database indexes itself (SQLite triggers, a PostgreSQL expression index)."""

import datetime
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pasardesa.catalog import search
from pasardesa.catalog.models import (
    DEFAULT_MAX_PER_ORDER,
    MAX_PHOTOS_PER_PRODUCT,
    Category,
    PendingPhoto,
    Product,
    ProductPhoto,
    StoreShowcase,
)
from pasardesa.core.idempotency import run_once, scope
from pasardesa.core.images import process_photo
from pasardesa.sellers.models import Seller


@dataclass(frozen=True)
class ProductData:
    name: str
    category: Category
    price_idr: int
    kind: str = Product.Kind.GOODS
    description: str = ""
    unit: str = "pcs"
    stock: int | None = None
    max_per_order: int | None = DEFAULT_MAX_PER_ORDER
    discount_percent: int | None = None
    discount_idr: int | None = None
    is_negotiable: bool = False
    status: str = Product.Status.ACTIVE


def _apply(product: Product, data: ProductData) -> None:
    for field, value in data.__dict__.items():
        setattr(product, field, value.strip() if isinstance(value, str) else value)
    product.slug = slugify(data.name)[:140] or "produk"
    if product.kind == Product.Kind.SERVICE and data.stock is None:
        product.stock = None
    product.search_text = search.document(data.name, data.category.name, data.description)
    product.full_clean(exclude=["seller", "sale_price_idr"])


@transaction.atomic
def create_product(*, seller: Seller, data: ProductData) -> Product:
    product = Product(seller=seller)
    _apply(product, data)
    product.save()
    return product


@transaction.atomic
def update_product(*, product: Product, data: ProductData) -> Product:
    _apply(product, data)
    product.save()
    product.refresh_from_db(fields=["sale_price_idr"])
    return product


def _too_many_photos() -> ValidationError:
    return ValidationError(
        _("Satu produk paling banyak %(n)d foto.") % {"n": MAX_PHOTOS_PER_PRODUCT},
        code="too_many_photos",
    )


def _next_photo_position(product: Product) -> int:
    """The position of the product's next photo (its photo rows locked)."""
    taken = set(
        ProductPhoto.objects.select_for_update()
        .filter(product=product)
        .values_list("position", flat=True)
    )
    free = [p for p in range(MAX_PHOTOS_PER_PRODUCT) if p not in taken]
    if not free:
        raise _too_many_photos()
    # After the last photo; into a gap (left by a deletion) when the end is full.
    after_last = max(taken, default=-1) + 1
    return after_last if after_last < MAX_PHOTOS_PER_PRODUCT else free[0]


@transaction.atomic
def add_product_photo(*, product: Product, upload, alt: str = "") -> ProductPhoto:
    """Re-encode ``upload`` and attach it as the product's next photo.

    Raises ``ValidationError`` (nothing stored) for a bad file or a sixth photo.
    """
    next_position = _next_photo_position(product)
    processed = process_photo(upload, stem=product.slug[:40] or "produk")
    return _saved_with_files(
        ProductPhoto(product=product, position=next_position, alt=alt or product.name),
        processed,
    )


def _saved_with_files(row, processed):
    """``row`` (a product photo or a held one) saved with the two files of a
    processed photo. The files are written before the row: if the insert
    fails, they are removed again."""
    row.thumb_width, row.thumb_height = processed.thumb.width, processed.thumb.height
    row.image_width, row.image_height = processed.detail.width, processed.detail.height
    row.thumb.save(processed.thumb.content.name, processed.thumb.content, save=False)
    row.image.save(processed.detail.content.name, processed.detail.content, save=False)
    try:
        row.save()
    except Exception:
        row.thumb.delete(save=False)
        row.image.delete(save=False)
        raise
    return row


@transaction.atomic
def set_product_visible(*, product: Product, visible: bool) -> Product:
    """The seller's own show/hide switch; a product taken down by the operator stays down."""
    product = Product.objects.select_for_update().get(pk=product.pk)
    if product.status == Product.Status.BLOCKED:
        raise ValidationError(
            _("Produk ini diturunkan pengelola toko: %(reason)s")
            % {"reason": product.moderation_note}
        )
    product.status = Product.Status.ACTIVE if visible else Product.Status.HIDDEN
    product.save(update_fields=["status", "updated_at"])
    return product


@transaction.atomic
def take_down_product(*, product: Product, actor, reason: str) -> Product:
    """The operator hides a product; the seller sees the reason and cannot undo it."""
    if not reason.strip():
        raise ValidationError({"reason": _("Tulis alasannya; penjual akan membacanya.")})
    product = Product.objects.select_for_update().get(pk=product.pk)
    product.status = Product.Status.BLOCKED
    product.moderation_note = reason.strip()
    product.moderated_by = actor
    product.moderated_at = timezone.now()
    product.save(
        update_fields=["status", "moderation_note", "moderated_by", "moderated_at", "updated_at"]
    )
    return product


@transaction.atomic
def restore_product(*, product: Product, actor) -> Product:
    product = Product.objects.select_for_update().get(pk=product.pk)
    product.status = Product.Status.ACTIVE
    product.moderated_by = actor
    product.moderated_at = timezone.now()
    product.save(update_fields=["status", "moderated_by", "moderated_at", "updated_at"])
    return product


# --- Seller self-service -------------------------------------------------------


@dataclass
class SavedProduct:
    """A product saved from the seller's form, with the photos that failed.

    ``photo_errors`` name each refused file and why; the product, its text and
    the other photos are kept.
    """

    product: Product
    photo_errors: list[str] = dataclass_field(default_factory=list)
    # False when the form was sent again with the same key: nothing new was made.
    created: bool = True

    @property
    def pk(self) -> int:
        return self.product.pk


def _upload_name(upload) -> str:
    return getattr(upload, "name", "") or _("tanpa nama")


def _attach_photos(product: Product, uploads) -> list[str]:
    """Add each upload as its own savepoint: a bad file leaves nothing behind
    (no row, no file) and does not stop the others."""
    errors = []
    for upload in uploads:
        try:
            add_product_photo(product=product, upload=upload)
        except ValidationError as exc:
            errors.append(
                _('Foto "%(name)s" tidak disimpan: %(reason)s')
                % {"name": _upload_name(upload), "reason": " ".join(exc.messages)}
            )
    return errors


# A form sent again comes back within minutes; a day is plenty.
KEEP_PENDING_PHOTOS = datetime.timedelta(hours=24)


@dataclass
class HeldPhotos:
    """The photos kept for a form's next post, and the files that were refused."""

    photos: list[PendingPhoto]
    errors: list[str] = dataclass_field(default_factory=list)


def _delete_pending(pending: Iterable[PendingPhoto]) -> None:
    pending = list(pending)
    PendingPhoto.objects.filter(pk__in=[p.pk for p in pending]).delete()
    _delete_files_on_commit(*(f for p in pending for f in (p.thumb, p.image)))


@transaction.atomic
def hold_photos(
    *,
    owner,
    key: uuid.UUID | None,
    uploads=(),
    discard: Iterable[int] = (),
    product: Product | None = None,
) -> HeldPhotos:
    """Keep the photos of a product form that has to be sent again.

    The seller's earlier photos for this form (``owner`` and ``key``) stay,
    except those ticked "hapus" (``discard``); each upload is checked and
    re-encoded now, as it would be on success, and kept beside them, up to
    the room left on ``product`` (five photos for a new one). Without a key
    (a tampered form) nothing can be tied to the next post: nothing is kept.
    """
    if key is None or not getattr(owner, "is_authenticated", False):
        return HeldPhotos(photos=[], errors=[])
    held = list(PendingPhoto.objects.select_for_update().filter(owner=owner, key=key))
    dropped = set(discard)
    _delete_pending(p for p in held if p.pk in dropped)
    kept = [p for p in held if p.pk not in dropped]
    room = MAX_PHOTOS_PER_PRODUCT - (product.photos.count() if product else 0)
    errors = []
    for upload in uploads:
        try:
            if len(kept) >= room:
                raise _too_many_photos()
            kept.append(_hold_one(owner=owner, key=key, upload=upload))
        except ValidationError as exc:
            errors.append(
                _('Foto "%(name)s" tidak disimpan: %(reason)s')
                % {"name": _upload_name(upload), "reason": " ".join(exc.messages)}
            )
    return HeldPhotos(photos=kept, errors=errors)


def _hold_one(*, owner, key: uuid.UUID, upload) -> PendingPhoto:
    processed = process_photo(upload, stem="foto")
    return _saved_with_files(
        PendingPhoto(owner=owner, key=key, name=_upload_name(upload)[:255]), processed
    )


def _attach_held(product: Product, *, owner, key: uuid.UUID | None) -> list[str]:
    """Make the photos held for this form (this account's only) the product's
    photos; their files are already re-encoded and simply change hands."""
    if key is None or not getattr(owner, "is_authenticated", False):
        return []
    errors = []
    for pending in PendingPhoto.objects.select_for_update().filter(owner=owner, key=key):
        try:
            with transaction.atomic():
                ProductPhoto.objects.create(
                    product=product,
                    position=_next_photo_position(product),
                    thumb=pending.thumb.name,
                    thumb_width=pending.thumb_width,
                    thumb_height=pending.thumb_height,
                    image=pending.image.name,
                    image_width=pending.image_width,
                    image_height=pending.image_height,
                    alt=product.name,
                )
                pending.delete()  # the row only: the files are the photo's now
        except ValidationError as exc:
            errors.append(
                _('Foto "%(name)s" tidak disimpan: %(reason)s')
                % {"name": pending.name or _("tanpa nama"), "reason": " ".join(exc.messages)}
            )
            _delete_pending([pending])
    return errors


def forget_held_photos(*, owner, key: uuid.UUID | None) -> None:
    """Drop what is held for a form that will not be used again."""
    if key is not None and getattr(owner, "is_authenticated", False):
        _delete_pending(PendingPhoto.objects.filter(owner=owner, key=key))


@transaction.atomic
def create_product_with_photos(
    *,
    seller: Seller,
    data: ProductData,
    idempotency_key: uuid.UUID,
    uploads=(),
    owner=None,
) -> SavedProduct:
    """The seller's "add product" form: the product, the photos ``owner`` sent
    with earlier posts of this form (see ``hold_photos``), then each upload.

    Once per ``idempotency_key``: a double tap or a resent form returns the
    product made the first time (``created`` False) instead of a copy.
    """

    def create() -> SavedProduct:
        product = create_product(seller=seller, data=data)
        errors = _attach_held(product, owner=owner, key=idempotency_key)
        return SavedProduct(product=product, photo_errors=errors + _attach_photos(product, uploads))

    saved, _created = run_once(
        scope=scope("catalog", "create_product", seller),
        key=idempotency_key,
        action=create,
        load=lambda pk: SavedProduct(product=seller.products.get(pk=pk), created=False),
    )
    if not saved.created:
        # A resent form: its product has its photos; a second copy of them is waste.
        forget_held_photos(owner=owner, key=idempotency_key)
    return saved


@transaction.atomic
def update_product_with_photos(
    *,
    product: Product,
    data: ProductData,
    uploads=(),
    owner=None,
    key: uuid.UUID | None = None,
) -> SavedProduct:
    """The seller's "edit product" form. ``data.status`` should be the product's
    own: this form never shows a product again (see ``set_product_visible``).
    Photos held for the form (``owner`` and ``key``, see ``hold_photos``) join
    the product first."""
    locked = Product.objects.select_for_update().get(pk=product.pk)
    if locked.status == Product.Status.BLOCKED and data.status != Product.Status.BLOCKED:
        data = replace(data, status=Product.Status.BLOCKED)
    product = update_product(product=locked, data=data)
    errors = _attach_held(product, owner=owner, key=key)
    return SavedProduct(product=product, photo_errors=errors + _attach_photos(product, uploads))


def prune_pending_photos(*, now: datetime.datetime | None = None) -> int:
    """Forget photos held longer than a day for a form nobody sent again; the
    files go too. Each row is locked, skipping those another runner holds."""
    cutoff = (now or timezone.now()) - KEEP_PENDING_PHOTOS
    pruned = 0
    for pk in PendingPhoto.objects.filter(created_at__lt=cutoff).values_list("pk", flat=True):
        with transaction.atomic():
            stale = list(
                PendingPhoto.objects.select_for_update(skip_locked=True).filter(
                    pk=pk, created_at__lt=cutoff
                )
            )
            _delete_pending(stale)
            pruned += len(stale)
    return pruned


def _copy_file(source, stem: str) -> ContentFile:
    with source.open("rb") as handle:
        return ContentFile(handle.read(), name=f"{stem}-{uuid.uuid4().hex[:8]}.webp")


COPY_SUFFIX = " (salinan)"


@transaction.atomic
def duplicate_product(*, product: Product) -> Product:
    """A hidden copy named "… (salinan)" with its own copies of the photos, so
    deleting a photo of one never breaks the other.

    A product taken down by the operator is not copied: the copy would be a
    way around the take-down.
    """
    source = Product.objects.select_for_update().get(pk=product.pk)
    if source.status == Product.Status.BLOCKED:
        raise ValidationError(
            _("Produk yang diturunkan pengelola toko tidak bisa disalin: %(reason)s")
            % {"reason": source.moderation_note}
        )
    base = source.name[: Product._meta.get_field("name").max_length - len(COPY_SUFFIX)]
    data = ProductData(
        name=base + COPY_SUFFIX,
        category=source.category,
        price_idr=source.price_idr,
        kind=source.kind,
        description=source.description,
        unit=source.unit,
        stock=source.stock,
        max_per_order=source.max_per_order,
        discount_percent=source.discount_percent,
        discount_idr=source.discount_idr,
        is_negotiable=source.is_negotiable,
        status=Product.Status.HIDDEN,
    )
    copy = create_product(seller=source.seller, data=data)
    written = []
    try:
        for photo in source.photos.all():
            stem = copy.slug[:40] or "produk"
            clone = ProductPhoto(
                product=copy,
                position=photo.position,
                thumb_width=photo.thumb_width,
                thumb_height=photo.thumb_height,
                image_width=photo.image_width,
                image_height=photo.image_height,
                alt=copy.name,
            )
            clone.thumb.save("t", _copy_file(photo.thumb, f"{stem}-t"), save=False)
            written.append(clone.thumb)
            clone.image.save("d", _copy_file(photo.image, f"{stem}-d"), save=False)
            written.append(clone.image)
            clone.save()
    except Exception:
        for stored in written:
            stored.delete(save=False)
        raise
    return copy


STOCK_NOT_TRACKED = gettext_lazy(
    "Stok produk ini tidak dihitung (tidak terbatas). Isi jumlah stoknya dulu."
)


@transaction.atomic
def adjust_stock(*, product: Product, delta: int) -> Product:
    """Add or take ``delta`` units with one conditional UPDATE, so stock never
    goes below zero whatever else runs at the same time."""
    updated = Product.objects.filter(
        pk=product.pk, stock__isnull=False, stock__gte=max(0, -delta)
    ).update(stock=F("stock") + delta, updated_at=timezone.now())
    if not updated:
        current = Product.objects.get(pk=product.pk)
        if current.stock is None:
            raise ValidationError(STOCK_NOT_TRACKED)
        raise ValidationError(
            _("Stok tinggal %(n)d, tidak bisa dikurangi %(d)d.") % {"n": current.stock, "d": -delta}
        )
    product.refresh_from_db(fields=["stock", "updated_at"])
    return product


@transaction.atomic
def set_stock(*, product: Product, stock: int | None) -> Product:
    """Set the stock to a counted value, or ``None`` for "not counted"."""
    if stock is not None and stock < 0:
        raise ValidationError(_("Stok tidak boleh kurang dari 0."))
    Product.objects.filter(pk=product.pk).update(stock=stock, updated_at=timezone.now())
    product.refresh_from_db(fields=["stock", "updated_at"])
    return product


def mark_sold_out(*, product: Product) -> Product:
    """ "Stok habis": stock 0; the product stays listed as sold out."""
    return set_stock(product=product, stock=0)


def _delete_files_on_commit(*files) -> None:
    names = [(f.storage, f.name) for f in files if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])


@transaction.atomic
def delete_product_photo(*, photo: ProductPhoto) -> None:
    """Remove a photo and close the gap, so positions stay 0, 1, 2, … The files
    are deleted only once the transaction has committed."""
    photos = list(
        ProductPhoto.objects.select_for_update()
        .filter(product_id=photo.product_id)
        .order_by("position", "id")
    )
    target = next((p for p in photos if p.pk == photo.pk), None)
    if target is None:
        raise ValidationError(_("Foto ini sudah tidak ada."))
    target.delete()
    # Ascending order: every photo moves into a slot already freed.
    for position, remaining in enumerate(p for p in photos if p.pk != target.pk):
        if remaining.position != position:
            ProductPhoto.objects.filter(pk=remaining.pk).update(position=position)
    _delete_files_on_commit(target.thumb, target.image)


_PHOTO_CONTENT = ["thumb", "thumb_width", "thumb_height", "image", "image_width", "image_height"]


@transaction.atomic
def move_product_photo(*, photo: ProductPhoto, offset: int) -> None:
    """Move a photo one place earlier (``offset=-1``) or later (``+1``); the
    first photo is the cover on every card.

    Positions are unique and at most 4, so with five photos there is no free
    slot to swap through: the two rows swap their pictures instead.
    """
    photos = list(
        ProductPhoto.objects.select_for_update()
        .filter(product_id=photo.product_id)
        .order_by("position", "id")
    )
    index = next((i for i, p in enumerate(photos) if p.pk == photo.pk), None)
    if index is None:
        raise ValidationError(_("Foto ini sudah tidak ada."))
    other_index = index + (1 if offset > 0 else -1)
    if not 0 <= other_index < len(photos):
        return  # already first or last: nothing to do
    first, second = photos[index], photos[other_index]
    for name in _PHOTO_CONTENT:
        first_value, second_value = getattr(first, name), getattr(second, name)
        if name in ("thumb", "image"):
            first_value, second_value = first_value.name, second_value.name
        setattr(first, name, second_value)
        setattr(second, name, first_value)
    first.save(update_fields=_PHOTO_CONTENT)
    second.save(update_fields=_PHOTO_CONTENT)


@dataclass(frozen=True)
class ImportRow:
    """One valid CSV row: the product to update (``None`` for a new one)."""

    line: int
    product: Product | None
    data: ProductData


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int


class ImportRejected(ValidationError):
    """Raised by ``import_products``; ``line`` says which row failed."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line


@transaction.atomic
def import_products(*, seller: Seller, rows: list[ImportRow]) -> ImportSummary:
    """Write checked CSV rows: all of them, or none (one transaction).

    Rows are checked before (``pasardesa.catalog.csv_io``); whatever still
    fails here (a product deleted meanwhile, a database constraint) raises
    ``ImportRejected`` with the row's line and rolls everything back.
    """
    existing_ids = sorted(row.product.pk for row in rows if row.product is not None)
    locked = {
        p.pk: p
        for p in Product.objects.select_for_update()
        .filter(seller=seller, pk__in=existing_ids)
        .order_by("pk")
    }
    created = updated = 0
    for row in rows:
        try:
            if row.product is None:
                create_product(seller=seller, data=row.data)
                created += 1
                continue
            product = locked.get(row.product.pk)
            if product is None:
                raise ValidationError(_("Produk dengan kode ini sudah tidak ada."))
            # The CSV has no column for the cap: an update keeps the seller's.
            data = replace(row.data, max_per_order=product.max_per_order)
            if product.status == Product.Status.BLOCKED:
                data = replace(data, status=Product.Status.BLOCKED)
            update_product(product=product, data=data)
            updated += 1
        except ValidationError as exc:
            raise ImportRejected(row.line, " ".join(exc.messages)) from exc
    return ImportSummary(created=created, updated=updated)


def _showcase_for_update(store) -> StoreShowcase:
    showcase, _created = StoreShowcase.objects.get_or_create(store=store)
    return StoreShowcase.objects.select_for_update().get(pk=showcase.pk)


@transaction.atomic
def set_featured_product(*, store, product: Product | None) -> StoreShowcase:
    """Make ``product`` the village's produk unggulan (OVOP); it must be sold
    by one of the village's own sellers. ``None`` features nothing."""
    if product is not None and product.seller.store_id != store.pk:
        raise ValidationError(
            {"featured_product": _("Produk unggulan harus dari penjual desa ini.")}
        )
    showcase = _showcase_for_update(store)
    showcase.featured_product = product
    showcase.save(update_fields=["featured_product"])
    return showcase


@transaction.atomic
def set_showcase(
    *, store, featured_product: Product | None, hidden_categories: Iterable[Category]
) -> StoreShowcase:
    """What the operator chooses on the store profile page, all or nothing."""
    showcase = set_featured_product(store=store, product=featured_product)
    showcase.hidden_categories.set(hidden_categories)
    return showcase
