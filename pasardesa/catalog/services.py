"""Writes to the catalogue. Every change to a product's words re-indexes it."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pasardesa.catalog import search
from pasardesa.catalog.models import MAX_PHOTOS_PER_PRODUCT, Category, Product, ProductPhoto
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
    discount_percent: int | None = None
    discount_idr: int | None = None
    is_negotiable: bool = False
    status: str = Product.Status.ACTIVE


def _apply(product: Product, data: ProductData) -> None:
    for field, value in data.__dict__.items():
        setattr(product, field, value)
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
    search.index_product(product)
    return product


@transaction.atomic
def update_product(*, product: Product, data: ProductData) -> Product:
    _apply(product, data)
    product.save()
    search.index_product(product)
    product.refresh_from_db(fields=["sale_price_idr"])
    return product


@transaction.atomic
def add_product_photo(*, product: Product, upload, alt: str = "") -> ProductPhoto:
    """Re-encode ``upload`` and attach it as the product's next photo.

    Raises ``ValidationError`` (nothing stored) for a bad file or a sixth photo.
    """
    count = ProductPhoto.objects.select_for_update().filter(product=product).count()
    if count >= MAX_PHOTOS_PER_PRODUCT:
        raise ValidationError(
            _("Satu produk paling banyak %(n)d foto.") % {"n": MAX_PHOTOS_PER_PRODUCT},
            code="too_many_photos",
        )
    processed = process_photo(upload, stem=product.slug[:40] or "produk")
    photo = ProductPhoto(
        product=product,
        position=count,
        thumb_width=processed.thumb.width,
        thumb_height=processed.thumb.height,
        image_width=processed.detail.width,
        image_height=processed.detail.height,
        alt=alt or product.name,
    )
    photo.thumb.save(processed.thumb.content.name, processed.thumb.content, save=False)
    photo.image.save(processed.detail.content.name, processed.detail.content, save=False)
    # Files are written before the row: if the insert fails, remove them again.
    try:
        photo.save()
    except Exception:
        photo.thumb.delete(save=False)
        photo.image.delete(save=False)
        raise
    return photo


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
