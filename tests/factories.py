"""factory-boy factories: the data every test builds on.

Regions are the real ones where it matters (a store needs a desa); factories
create the few rows a test needs instead of importing all 91,599.
"""

import factory
from django.utils.text import slugify

from pasardesa.accounts.models import User
from pasardesa.catalog import search
from pasardesa.catalog.models import Category, Product, StoreShowcase
from pasardesa.regions.models import Region
from pasardesa.sellers.models import Seller
from pasardesa.sellers.services import change_seller_status
from pasardesa.sellers.state import VerificationRole
from pasardesa.stores.models import Store
from pasardesa.stores.services import accept_invitation, invite_store_member

PASSWORD = "sandi-rahasia-9"


def make_user(phone: str, name: str, **extra) -> User:
    """A person with an account (all test users share PASSWORD)."""
    return User.objects.create_user(phone, PASSWORD, name=name, **extra)


def village(code: str = "53.05.02.2006", name: str = "Dulolong") -> Region:
    """A desa with its provinsi, kabupaten and kecamatan (real names for Dulolong)."""
    names = {
        "53": "Nusa Tenggara Timur",
        "53.05": "Kabupaten Alor",
        "53.05.02": "Alor Barat Laut",
    }
    parts = code.split(".")
    parent = None
    for level in range(1, 5):
        part_code = ".".join(parts[:level])
        region, _ = Region.objects.get_or_create(
            code=part_code,
            defaults={
                "name": name if level == 4 else names.get(part_code, f"Wilayah {part_code}"),
                "level": level,
                "parent": parent,
            },
        )
        parent = region
    return parent


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Kategori Uji {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


def featured(store: Store) -> Product | None:
    """The product a store's showcase features, for sale or not (None if none)."""
    showcase = StoreShowcase.objects.filter(store=store).select_related("featured_product").first()
    return showcase.featured_product if showcase else None


class StoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Store

    village = factory.Sequence(lambda n: village(f"53.05.02.{2100 + n}", f"Desa Uji {n}"))
    name = factory.LazyAttribute(lambda o: f"Toko Desa {o.village.name}")
    slug = factory.Sequence(lambda n: f"desa-uji-{n}")
    description = "Toko online desa untuk pengujian."
    whatsapp = "+6281234567890"


def store_member(store: Store, user: User, role: str, *, invited_by: User | None = None):
    """``user`` in ``store``'s team the real way: invited, then accepted by them."""
    invitation = invite_store_member(
        store=store, phone=user.phone, role=role, invited_by=invited_by
    )
    return accept_invitation(invitation=invitation, user=user)


class SellerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Seller

    store = factory.SubFactory(StoreFactory)
    business_name = factory.Sequence(lambda n: f"Usaha Uji {n}")
    owner_name = "Ibu Maria"
    slug = factory.LazyAttribute(lambda o: slugify(o.business_name))
    whatsapp = "+6281234567891"
    description = "Penjual untuk pengujian."
    status = Seller.Status.VERIFIED

    # How a new (pending) seller reaches each status through the verification
    # service, so every factory seller has the events a real one would.
    _PATHS = {
        Seller.Status.PENDING: [],
        Seller.Status.VERIFIED: [Seller.Status.VERIFIED],
        Seller.Status.REJECTED: [Seller.Status.REJECTED],
        Seller.Status.SUSPENDED: [Seller.Status.VERIFIED, Seller.Status.SUSPENDED],
    }

    @classmethod
    def _create(cls, model_class, *args, status=Seller.Status.VERIFIED, **kwargs):
        seller = super()._create(model_class, *args, status=Seller.Status.PENDING, **kwargs)
        for to_status in cls._PATHS[status]:
            change_seller_status(
                seller=seller,
                to_status=to_status,
                actor=None,
                role=VerificationRole.OPERATOR,
                reason="Langkah pengujian.",
                id_card_seen=True,
                location_checked=True,
            )
        seller.status = status
        return seller


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    seller = factory.SubFactory(SellerFactory)
    category = factory.LazyFunction(lambda: Category.objects.get(slug="makanan-minuman"))
    name = factory.Sequence(lambda n: f"Kopi Alor {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    description = "Kopi robusta dari kebun warga."
    price_idr = 25_000
    unit = "bungkus"
    stock = 10
    search_text = factory.LazyAttribute(
        lambda o: search.document(o.name, o.category.name, o.description)
    )
