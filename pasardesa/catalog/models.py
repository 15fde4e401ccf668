from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pasardesa.sellers.models import Seller

MAX_PHOTOS_PER_PRODUCT = 5
# What one order may take of a product unless its seller says otherwise: an
# anonymous checkout holds stock until the seller answers, so without a cap
# one stranger could empty a shelf for a day.
DEFAULT_MAX_PER_ORDER = 20
# The largest quantity of an order line (the orders app's MAX_QUANTITY).
MAX_ORDER_QUANTITY = 9_999


def for_sale(path: str = "") -> Q:
    """The one rule of what a buyer may see and buy: a product shown by its
    seller, the seller verified, the village store active.

    ``path`` leads from the model queried to the product, so other apps count
    or filter by the same rule: ``for_sale("sellers__products__")`` on stores.
    """
    return Q(
        **{
            f"{path}status": Product.Status.ACTIVE,
            f"{path}seller__status": Seller.Status.VERIFIED,
            f"{path}seller__store__is_active": True,
        }
    )


class ProductQuerySet(models.QuerySet):
    def for_sale(self) -> "ProductQuerySet":
        return self.filter(for_sale())


class Category(models.Model):
    name = models.CharField(_("nama"), max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    icon = models.CharField(_("ikon"), max_length=8, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("kategori")
        verbose_name_plural = _("kategori")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Product(models.Model):
    """Goods (barang) or a service (jasa) offered by one seller."""

    class Kind(models.TextChoices):
        GOODS = "barang", _("Barang")
        SERVICE = "jasa", _("Jasa")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Tampil")
        HIDDEN = "hidden", _("Disembunyikan")
        # Hidden by the village operator; only the operator can show it again.
        BLOCKED = "blocked", _("Diturunkan pengelola")

    seller = models.ForeignKey(
        "sellers.Seller",
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("penjual"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("kategori")
    )
    kind = models.CharField(_("jenis"), max_length=6, choices=Kind.choices, default=Kind.GOODS)
    name = models.CharField(_("nama"), max_length=120)
    slug = models.SlugField(max_length=140)
    description = models.TextField(_("keterangan"), blank=True)
    price_idr = models.BigIntegerField(_("harga (Rp)"))
    unit = models.CharField(_("satuan"), max_length=20, default="pcs")
    discount_percent = models.PositiveSmallIntegerField(_("diskon (%)"), null=True, blank=True)
    discount_idr = models.BigIntegerField(_("diskon (Rp)"), null=True, blank=True)
    # What the buyer pays for one unit. Derived by the database so sorting and
    # price filters use the same number the page shows.
    sale_price_idr = models.GeneratedField(
        expression=F("price_idr")
        - Coalesce(F("discount_idr"), Value(0))
        - F("price_idr") * Coalesce(F("discount_percent"), Value(0)) / Value(100),
        output_field=models.BigIntegerField(),
        db_persist=True,
    )
    stock = models.PositiveIntegerField(
        _("stok"), null=True, blank=True, help_text=_("Kosongkan bila tidak terbatas (jasa).")
    )
    # Empty: no cap (the seller's choice); an agreed offer's quantity is the
    # seller's own yes and is not capped.
    max_per_order = models.PositiveIntegerField(
        _("maksimal per pesanan"),
        null=True,
        blank=True,
        default=DEFAULT_MAX_PER_ORDER,
        help_text=_("Kosongkan bila tidak dibatasi."),
    )
    is_negotiable = models.BooleanField(_("bisa ditawar"), default=False)
    status = models.CharField(
        _("status"), max_length=7, choices=Status.choices, default=Status.ACTIVE
    )
    moderation_note = models.TextField(
        _("catatan pengelola"), blank=True, help_text=_("Alasan produk diturunkan, dibaca penjual.")
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    # Raw and stemmed words of name, category and description; what both
    # search backends index (see pasardesa.catalog.search).
    search_text = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        verbose_name = _("produk")
        verbose_name_plural = _("produk")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-created_at", "-id"], name="product_newest"),
            models.Index(fields=["status", "sale_price_idr", "id"], name="product_price"),
            models.Index(fields=["seller", "status"], name="product_seller_status"),
            models.Index(fields=["category", "status"], name="product_category_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_idr__gte=0),
                name="price_not_negative",
                violation_error_message=_("Harga tidak boleh kurang dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(stock__isnull=True) | Q(stock__gte=0),
                name="stock_not_negative",
                violation_error_message=_("Stok tidak boleh kurang dari nol."),
            ),
            models.CheckConstraint(
                condition=Q(max_per_order__isnull=True)
                | Q(max_per_order__gte=1, max_per_order__lte=MAX_ORDER_QUANTITY),
                name="max_per_order_1_to_9999",
                violation_error_message=_("Maksimal per pesanan harus antara 1 dan 9.999."),
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__isnull=True)
                | Q(discount_percent__gte=1, discount_percent__lte=100),
                name="discount_percent_1_to_100",
                violation_error_message=_("Diskon persen harus antara 1 dan 100."),
            ),
            models.CheckConstraint(
                condition=Q(discount_idr__isnull=True)
                | Q(discount_idr__gte=1, discount_idr__lte=F("price_idr")),
                name="discount_idr_within_price",
                violation_error_message=_(
                    "Diskon rupiah harus lebih dari nol dan tidak melebihi harga."
                ),
            ),
            models.CheckConstraint(
                condition=Q(discount_idr__isnull=True) | Q(discount_percent__isnull=True),
                name="one_kind_of_discount",
                violation_error_message=_("Pilih salah satu: diskon persen atau diskon rupiah."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["barang", "jasa"]), name="product_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["active", "hidden", "blocked"]), name="product_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalog:product", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def has_discount(self) -> bool:
        return self.sale_price_idr < self.price_idr

    @property
    def is_service(self) -> bool:
        return self.kind == self.Kind.SERVICE

    @property
    def is_sold_out(self) -> bool:
        return self.stock is not None and self.stock <= 0

    @property
    def order_limit(self) -> int:
        """The most one order may take now: the stock, the seller's cap per
        order and the largest line, whichever is smallest."""
        caps = (self.stock, self.max_per_order)
        return min(MAX_ORDER_QUANTITY, *(n for n in caps if n is not None))

    @property
    def is_for_sale(self) -> bool:
        """:func:`for_sale` for one loaded product (``seller__store`` loaded)."""
        return (
            self.status == Product.Status.ACTIVE
            and self.seller.status == Seller.Status.VERIFIED
            and self.seller.store.is_active
        )


class PhotoFiles(models.Model):
    """The two re-encoded WebP versions of a photo that we serve (the original
    upload is never stored)."""

    thumb = models.ImageField(upload_to="products/")
    thumb_width = models.PositiveSmallIntegerField()
    thumb_height = models.PositiveSmallIntegerField()
    image = models.ImageField(upload_to="products/")
    image_width = models.PositiveSmallIntegerField()
    image_height = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True


class ProductPhoto(PhotoFiles):
    """A product photo."""

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="photos")
    position = models.PositiveSmallIntegerField(default=0)
    alt = models.CharField(max_length=160, blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["product", "position"], name="photo_position_unique"),
            models.CheckConstraint(
                condition=Q(position__lt=MAX_PHOTOS_PER_PRODUCT), name="at_most_five_photos"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_id}#{self.position}"


class PendingPhoto(PhotoFiles):
    """A photo sent with a product form that came back with an error (a typo
    in the price): kept, already re-encoded, so the seller never sends it
    again over a slow connection.

    It belongs to the account that sent it and to the form's idempotency key;
    the next post of that form (same key, same account) makes it a photo of
    the product. What nobody claims is pruned after a day (``catalog.jobs``).
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    # The file's name on the seller's phone, to tell the photos apart.
    name = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["owner", "key"], name="pending_photo_owner_key")]

    def __str__(self) -> str:
        return f"{self.owner_id}:{self.key}#{self.pk}"


class StoreShowcase(models.Model):
    """How a village store shows its catalogue: its produk unggulan (OVOP) and
    the category chips it hides (a fishing village has no use for a
    "Kerajinan" chip with nothing in it).

    It lives with the catalogue, not with the store, because it is about
    products: a store knows nothing of what is sold in it. A store without a
    showcase row shows every category and no featured product.
    """

    store = models.OneToOneField(
        "stores.Store", on_delete=models.CASCADE, primary_key=True, related_name="showcase"
    )
    featured_product = models.ForeignKey(
        Product,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("produk unggulan"),
    )
    hidden_categories = models.ManyToManyField(
        Category,
        blank=True,
        related_name="+",
        verbose_name=_("kategori yang disembunyikan"),
    )

    class Meta:
        verbose_name = _("etalase toko")
        verbose_name_plural = _("etalase toko")

    def __str__(self) -> str:
        return str(self.store)
