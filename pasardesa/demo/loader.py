"""Loading the demo market: five real villages, their sellers, goods and services.

The content is written down in ``pasardesa.demo.villages``, one module per
village, in the shapes of ``pasardesa.demo.content``. ``make run`` loads it
into an empty database (``manage.py load_demo --if-empty``) so a fresh install
shows a living market. Every row is created through the same services the
operators and sellers use, in one transaction, so the demo obeys every rule
the product does (normalised WhatsApp numbers, re-encoded photos, search
index, featured product of the village's own sellers). Photos are drawn at
run time (``pasardesa.demo.photos``).

The content is data shown to users, so it is in Indonesian; it is not
translated. Phone numbers are made up (valid Indonesian mobile numbers typed
in the different ways people type them).
"""

import random
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction

from pasardesa.accounts.models import User
from pasardesa.accounts.services import register_user
from pasardesa.catalog.models import Category, Product
from pasardesa.catalog.services import (
    ProductData,
    add_product_photo,
    create_product,
    set_featured_product,
)
from pasardesa.demo.content import DemoSeller, DemoStore
from pasardesa.demo.escrow import load_escrow_demo
from pasardesa.demo.photos import product_photo, seller_photo
from pasardesa.demo.villages.amin_jaya import AMIN_JAYA
from pasardesa.demo.villages.dagan import DAGAN
from pasardesa.demo.villages.dulolong import DULOLONG
from pasardesa.demo.villages.sempor_lor import SEMPOR_LOR
from pasardesa.demo.villages.sukamulia import SUKAMULIA
from pasardesa.orders.models import ActorRole, OfferStatus
from pasardesa.orders.services import make_offer, transition_offer
from pasardesa.regions.models import Region
from pasardesa.regions.services import appoint_region_admin
from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.sellers.services import (
    add_seller_owner,
    change_seller_status,
    register_seller,
    set_bank_account,
    set_opening_hours,
    set_seller_open,
    set_seller_photo,
)
from pasardesa.sellers.state import VerificationRole
from pasardesa.stores.models import Store, StoreMember
from pasardesa.stores.services import accept_invitation, invite_store_member, open_store


class DemoError(Exception):
    """The demo cannot be loaded into this database (the message says why)."""


class MissingRegionsError(DemoError):
    """The demo villages are not in the regions table yet."""


@dataclass(frozen=True)
class DemoSummary:
    stores: int
    sellers: int
    products: int  # goods and services together
    services: int
    photos: int  # product photos; every seller has a photo too
    accounts: list["DemoAccount"] = field(default_factory=list)
    offers: int = 0
    escrow_orders: int = 0

    def __str__(self) -> str:
        return (
            f"{self.stores} stores, {self.sellers} sellers, {self.products} products "
            f"({self.services} services), {self.photos} product photos, {self.offers} offers, "
            f"{self.escrow_orders} rekening bersama orders"
        )


@dataclass(frozen=True)
class DemoAccount:
    role: str
    name: str
    phone: str
    what: str


# One password for every demo account, printed by `make run` and in the README.
# The demo is only loaded into an empty database (and never with PASARDESA_DEMO=0).
DEMO_PASSWORD = "pasar-desa-demo"  # noqa: S105 - public demo password, by design

# The order is the order of loading (and so of the stores' ids).
DEMO_STORES: tuple[DemoStore, ...] = (DULOLONG, SEMPOR_LOR, DAGAN, AMIN_JAYA, SUKAMULIA)
DEMO_VILLAGE_CODES: tuple[str, ...] = tuple(store.village_code for store in DEMO_STORES)


# --- loading ---------------------------------------------------------------------


def _coordinates(centre: tuple[str, str], seed: str) -> tuple[Decimal, Decimal]:
    """A spot within about 700 m of the village centre, the same on every run."""
    rng = random.Random(seed)
    lat = Decimal(centre[0]) + Decimal(f"{rng.uniform(-0.0065, 0.0065):.6f}")
    lon = Decimal(centre[1]) + Decimal(f"{rng.uniform(-0.0065, 0.0065):.6f}")
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def _initials(name: str) -> str:
    words = [w for w in name.split() if w[0].isalpha() and w.lower() not in {"dan", "&"}]
    return "".join(w[0] for w in words[:2]).upper()


def _villages() -> dict[str, Region]:
    villages = Region.objects.in_bulk(list(DEMO_VILLAGE_CODES))
    missing = [
        code
        for code in DEMO_VILLAGE_CODES
        if code not in villages or villages[code].level != Region.Level.DESA
    ]
    if missing:
        raise MissingRegionsError(
            f"The demo villages are not in the regions table ({', '.join(missing)}): "
            "run manage.py import_regions first."
        )
    return villages


def _categories() -> dict[str, Category]:
    categories = {c.slug: c for c in Category.objects.all()}
    wanted = {p.category for s in DEMO_STORES for sl in s.sellers for p in sl.products}
    missing = sorted(wanted - categories.keys())
    if missing:
        raise DemoError(
            f"Starter categories missing ({', '.join(missing)}): run manage.py migrate first."
        )
    return categories


def _walk_to_status(seller: Seller, data: DemoSeller) -> None:
    """Take a new (pending) seller to its demo status through the verification steps.

    The operator's checks are recorded as done, as they would be after a visit;
    there is no operator account in the demo, so the steps have no actor.
    """
    if data.status == Seller.Status.PENDING:
        return
    change_seller_status(
        seller=seller,
        to_status=Seller.Status.VERIFIED,
        actor=None,
        role=VerificationRole.OPERATOR,
        met_in_person=True,
        id_card_seen=True,
        location_checked=True,
    )
    if data.status == Seller.Status.SUSPENDED:
        change_seller_status(
            seller=seller,
            to_status=Seller.Status.SUSPENDED,
            actor=None,
            role=VerificationRole.OPERATOR,
            reason=data.suspension_reason,
        )
    elif data.status != Seller.Status.VERIFIED:
        raise DemoError(f"{data.business_name}: no demo path to status {data.status!r}")
    seller.status = data.status  # the service saved its own copy; keep this one in step


def load_demo() -> DemoSummary:
    """Create the demo stores, sellers and products; return what was created.

    Raises ``MissingRegionsError`` when the regions are not imported and
    ``DemoError`` when a demo village already has a store. Either everything
    is created or nothing is (the photo files written before a failure are
    removed again).
    """
    written = []  # files stored so far, to remove if the transaction rolls back
    try:
        with transaction.atomic():
            return _load(written)
    except BaseException:
        for file in written:
            file.storage.delete(file.name)
        raise


def _load(written: list) -> DemoSummary:
    villages = _villages()
    taken = Store.objects.filter(village_id__in=DEMO_VILLAGE_CODES)
    if taken.exists():
        names = ", ".join(sorted(taken.values_list("village__name", flat=True)))
        raise DemoError(f"Demo villages already have a store ({names}); nothing loaded.")
    categories = _categories()

    stores = sellers = products = services = photos = 0
    for store_data in DEMO_STORES:
        store = open_store(
            village=villages[store_data.village_code],
            name=store_data.name,
            tagline=store_data.tagline,
            description=store_data.description,
            whatsapp=store_data.whatsapp,
            address=store_data.address,
        )
        stores += 1
        featured = None
        for seller_data in store_data.sellers:
            latitude, longitude = _coordinates(store_data.centre, seller_data.business_name)
            seller = register_seller(
                store=store,
                business_name=seller_data.business_name,
                owner_name=seller_data.owner_name,
                whatsapp=seller_data.whatsapp,
                description=seller_data.description,
                latitude=latitude,
                longitude=longitude,
                business_type=seller_data.business_type,
            )
            _walk_to_status(seller, seller_data)
            sellers += 1
            set_seller_photo(
                seller=seller,
                upload=seller_photo(
                    seed=seller_data.business_name,
                    initials=_initials(seller_data.business_name),
                    colour=seller_data.colour,
                ),
            )
            written += [seller.photo, seller.photo_thumb]
            if seller_data.hours:
                set_opening_hours(seller=seller, hours=seller_data.hours)
            if not seller_data.is_open:
                set_seller_open(seller=seller, is_open=False)
            if account := DEMO_BANK_ACCOUNTS.get(seller_data.business_name):
                bank_name, number = account
                set_bank_account(
                    seller=seller,
                    bank_name=bank_name,
                    account_number=number,
                    account_holder=seller_data.owner_name,
                )

            for item in seller_data.products:
                product = create_product(
                    seller=seller,
                    data=ProductData(
                        name=item.name,
                        category=categories[item.category],
                        price_idr=item.price_idr,
                        kind=item.kind,
                        description=item.description,
                        unit=item.unit,
                        stock=item.stock,
                        discount_percent=item.discount_percent,
                        discount_idr=item.discount_idr,
                        is_negotiable=item.is_negotiable,
                        status=Product.Status.HIDDEN if item.hidden else Product.Status.ACTIVE,
                    ),
                )
                products += 1
                services += item.kind == Product.Kind.SERVICE
                for position, shot in enumerate(item.photos):
                    photo = add_product_photo(
                        product=product,
                        upload=product_photo(
                            shot.motif,
                            seed=f"{item.name}|{position}",
                            category=item.category,
                            accent=shot.accent,
                            label=shot.label,
                        ),
                    )
                    written += [photo.thumb, photo.image]
                    photos += 1
                if item.featured:
                    if featured is not None:
                        raise DemoError(f"{store_data.name}: more than one featured product")
                    featured = product
        if featured is not None:
            set_featured_product(store=store, product=featured)
    accounts = _create_accounts()
    offers = _create_offers()
    escrow_orders = load_escrow_demo(
        store=Store.objects.get(village_id="53.05.02.2006"),
        operator=User.objects.get(phone="+6281138000001"),
        treasurer=User.objects.get(phone="+6281138000008"),
    )
    return DemoSummary(
        stores=stores,
        sellers=sellers,
        products=products,
        services=services,
        photos=photos,
        accounts=accounts,
        offers=offers,
        escrow_orders=escrow_orders,
    )


# Sellers who take direct transfers (the others are paid in cash: the demo
# shows both). Made-up numbers in each bank's usual length.
DEMO_BANK_ACCOUNTS = {
    "Tenun Ikat Bunga Laut": ("BRI", "0123-0100-4567-508"),
    "Kopi Alor Mama Ros": ("Bank NTT", "001.02.03.004567-8"),
    "KUB Gula Semut Manggar Sari": ("BRI", "3001-0100-2345-507"),
    "Madu Kelulut Amin Jaya": ("Bank Kalsel", "031.00.01234.5"),
    "Tenun Songket Inaq Sari": ("Bank NTB Syariah", "701.02.345678.9"),
    "Lensa Desa Foto dan Video": ("DANA", "0812-2700-4411"),
}


# Buyers bargaining with the first demo seller (0811-3800-0002): one offer
# waiting for her, one she countered, one agreed; so her "Tawaran" inbox shows
# every step. (buyer, WhatsApp, share of the price offered, seller's counter share)
DEMO_OFFERS = [
    ("Markus Lau", "0811-3800-0101", 0.75, None, None),
    ("Sri Wahyuni", "0811-3800-0102", 0.70, 0.85, None),
    ("Anton Djaha", "0811-3800-0103", 0.80, 0.90, "accept"),
]


def _create_offers() -> int:
    """Offers made and answered through the offer services, like real ones."""
    owner = SellerMember.objects.select_related("user", "seller").get(
        user__phone="+6281138000002", role=SellerMember.Role.OWNER
    )
    products = list(
        Product.objects.filter(
            seller=owner.seller, is_negotiable=True, status=Product.Status.ACTIVE
        ).order_by("pk")
    )
    made = 0
    for index, (name, phone, offered, countered, answer) in enumerate(DEMO_OFFERS):
        if not products:
            break
        product = products[index % len(products)]
        quantity = 1 if product.stock is None else min(2, product.stock)
        if quantity < 1:
            continue
        offer = make_offer(
            product_id=product.pk,
            quantity=quantity,
            price_idr=_round_price(product.sale_price_idr * offered),
            buyer_name=name,
            buyer_phone=phone,
            note="Boleh kurang sedikit? Saya ambil untuk keluarga.",
            idempotency_key=uuid.uuid5(uuid.NAMESPACE_URL, f"pasardesa-demo-offer-{index}"),
        )
        if countered is not None:
            transition_offer(
                offer=offer,
                to_status=OfferStatus.COUNTERED,
                actor=owner.user,
                actor_role=ActorRole.SELLER,
                price_idr=_round_price(product.sale_price_idr * countered),
                note="Harga benang naik, ini harga terbaik.",
            )
        if answer == "accept":
            transition_offer(
                offer=offer, to_status=OfferStatus.ACCEPTED, actor=None, actor_role=ActorRole.BUYER
            )
        made += 1
    return made


def _round_price(amount: float) -> int:
    """To the thousand rupiah, as people bargain (never below Rp1.000)."""
    return max(1_000, round(amount / 1_000) * 1_000)


def _create_accounts() -> list[DemoAccount]:
    """One account per role, so anyone can try every dashboard at once."""
    dulolong = Store.objects.get(village_id="53.05.02.2006")
    other_village = Store.objects.exclude(pk=dulolong.pk).order_by("pk").first()
    verified = Seller.objects.filter(status=Seller.Status.VERIFIED).order_by("pk")
    dulolong_sellers = list(verified.filter(store=dulolong)[:2])
    other_seller = verified.filter(store=other_village).first()

    def account(phone: str, name: str):
        return register_user(phone=phone, name=name, password=DEMO_PASSWORD)

    def join(person, role: str, invited_by) -> None:
        # As in real life: invited, then accepted by the person themselves.
        invitation = invite_store_member(
            store=dulolong, phone=person.phone, role=role, invited_by=invited_by
        )
        accept_invitation(invitation=invitation, user=person)

    regional = account("0811-3800-0005", "Dinas PMD Alor")
    appoint_region_admin(region=Region.objects.get(code="53.05"), user=regional)
    operator = account("0811-3800-0001", "Yuliana Maro")
    join(operator, StoreMember.Role.OPERATOR, regional)
    courier = account("0811-3800-0006", "Daud Ojek")
    join(courier, StoreMember.Role.COURIER, operator)
    # 0811-3800-0007 is kept for the BUMDes consignment manager (issue 13).
    treasurer = account("0811-3800-0008", "Agustina Laupa")
    join(treasurer, StoreMember.Role.TREASURER, operator)
    accounts = [
        DemoAccount("pengelola", operator.name, operator.phone, f"pengelola {dulolong.name}"),
        DemoAccount("admin wilayah", regional.name, regional.phone, "Kabupaten Alor"),
        DemoAccount("kurir", courier.name, courier.phone, f"kurir {dulolong.name}"),
        DemoAccount(
            "bendahara", treasurer.name, treasurer.phone, f"bendahara {dulolong.name} (BUMDes)"
        ),
    ]
    for number, seller in enumerate([*dulolong_sellers, other_seller], start=2):
        user = account(f"0811-3800-000{number}", seller.owner_name)
        add_seller_owner(seller=seller, user=user)
        accounts.append(
            DemoAccount(
                "penjual", user.name, user.phone, f"{seller.business_name} ({seller.store.name})"
            )
        )
    return accounts
