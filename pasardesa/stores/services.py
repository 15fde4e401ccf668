"""Writes to village stores."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasardesa.catalog.models import Product
from pasardesa.core.phones import normalize_phone
from pasardesa.core.text import unique_slug
from pasardesa.regions.models import Region
from pasardesa.stores.models import Store


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
        name=name.strip() or _("Toko Desa %(name)s") % {"name": village.name.title()},
        tagline=tagline,
        description=description,
        whatsapp=normalize_phone(whatsapp) if whatsapp else "",
        address=address,
        slug=unique_slug(Store, village.name),
    )
    store.full_clean()
    store.save()
    return store


@transaction.atomic
def set_featured_product(*, store: Store, product: Product | None) -> Store:
    """Make ``product`` the village's produk unggulan (OVOP); it must be sold here."""
    if product is not None and product.seller.store_id != store.pk:
        raise ValidationError(_("Produk unggulan harus dari penjual desa ini."))
    store.featured_product = product
    store.save(update_fields=["featured_product", "updated_at"])
    return store
