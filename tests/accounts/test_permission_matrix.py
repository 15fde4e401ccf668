"""The permission matrix: every role against every dashboard page and action,
on its own objects and on somebody else's.

Given two villages in two kabupaten (store A in Kabupaten Alor, store B in
Purbalingga), each with sellers, products, operators and a courier, and a
regional admin over each kabupaten: when each person requests each dashboard
URL (GET pages and POST actions) for the objects of side A and of side B, then
exactly the expected people get through, everybody else gets 403/404 without
a trace of the other object's data, nothing they POST changes anything, and an
anonymous visitor is sent to the login page.
"""

import uuid
from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import reverse

from pasardesa.accounts.models import User
from pasardesa.catalog.models import Product
from pasardesa.orders.models import Offer, OfferEvent, Order, OrderEvent
from pasardesa.orders.services import make_offer
from pasardesa.regions.models import RegionAdmin
from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.stores.models import Store, StoreInvitation, StoreMember
from pasardesa.stores.services import invite_store_member
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village
from tests.orders.factories import place

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "buyer",
    "seller_owner",
    "seller_staff",
    "neighbour_seller",
    "operator",
    "courier",
    "regional_admin",
    "superuser",
]


@dataclass
class Side:
    """One village's world: a store, a pending and a verified seller, a product
    (negotiable) with a new order and a pending offer on it, people."""

    store: Store
    seller: Seller
    pending: Seller
    product: Product
    order: Order
    offer: Offer
    region_code: str
    people: dict[str, User]
    invitation: StoreInvitation


def _user(phone: str, name: str, **extra) -> User:
    return User.objects.create_user(phone, "rahasia-desa-1", name=name, **extra)


def _side(tag: str, village_code: str, region_code: str, phone_prefix: str) -> Side:
    store = StoreFactory(village=village(village_code, f"Desa {tag}"), slug=f"desa-{tag}")
    seller = SellerFactory(store=store, business_name=f"Usaha Rahasia {tag}")
    neighbour = SellerFactory(store=store, business_name=f"Tetangga {tag}")
    pending = SellerFactory(store=store, business_name=f"Calon {tag}", status=Seller.Status.PENDING)
    product = ProductFactory(seller=seller, name=f"Produk Rahasia {tag}", is_negotiable=True)
    people = {
        "seller_owner": _user(f"{phone_prefix}01", f"Pemilik {tag}"),
        "seller_staff": _user(f"{phone_prefix}02", f"Staf {tag}"),
        "neighbour_seller": _user(f"{phone_prefix}03", f"Tetangga {tag}"),
        "operator": _user(f"{phone_prefix}04", f"Pengelola {tag}"),
        "courier": _user(f"{phone_prefix}05", f"Kurir {tag}"),
        "regional_admin": _user(f"{phone_prefix}06", f"Admin {tag}"),
        "buyer": _user(f"{phone_prefix}07", f"Pembeli {tag}"),
    }
    SellerMember.objects.create(seller=seller, user=people["seller_owner"], role="owner")
    SellerMember.objects.create(seller=seller, user=people["seller_staff"], role="staff")
    SellerMember.objects.create(seller=neighbour, user=people["neighbour_seller"], role="owner")
    StoreMember.objects.create(store=store, user=people["operator"], role="operator")
    StoreMember.objects.create(store=store, user=people["courier"], role="courier")
    RegionAdmin.objects.create(region_id=region_code, user=people["regional_admin"])
    # The side's buyer bargains for the product: the offer is the seller's to answer.
    offer = make_offer(
        product_id=product.pk,
        quantity=1,
        price_idr=18_000,
        buyer_name=f"Penawar Rahasia {tag}",
        buyer_phone=f"{phone_prefix}07",
        idempotency_key=uuid.uuid4(),
        user=people["buyer"],
    )
    order = place([(product, 1)], user=people["buyer"], buyer_name=f"Pemesan Rahasia {tag}")
    # An invitation nobody of the matrix may answer (the number has no account).
    invitation = invite_store_member(
        store=store, phone=f"{phone_prefix}99", role="courier", invited_by=people["operator"]
    )
    return Side(
        store, seller, pending, product, order.orders.get(), offer, region_code, people, invitation
    )


@pytest.fixture
def world():
    side_a = _side("A", "53.05.02.2006", "53.05", "0812-5300-00")
    side_b = _side("B", "33.03.04.2010", "33.03", "0812-3300-00")
    superuser = _user("0812-9999-0001", "Platform", is_superuser=True, is_staff=True)
    return side_a, side_b, superuser


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    allowed: frozenset[str]
    data: dict | None = None

    def url(self, side: Side) -> str:
        kwargs = {
            "sellers": {"pk": side.seller.pk},
            "catalog_seller": {"seller_pk": side.seller.pk},
            "seller_orders": {"seller_pk": side.seller.pk},
            "seller_order": {"seller_pk": side.seller.pk, "number": side.order.number},
            "seller_offers": {"seller_pk": side.seller.pk},
            "seller_offer": {"seller_pk": side.seller.pk, "number": side.offer.number},
            "catalog_product": {"pk": side.product.pk},
            "store": {"slug": side.store.slug},
            "store_seller": {"slug": side.store.slug, "pk": side.pending.pk},
            "store_product": {"slug": side.store.slug, "pk": side.product.pk},
            "store_reset": {"slug": side.store.slug, "user_id": side.people["seller_owner"].pk},
            "store_invitation": {"slug": side.store.slug, "pk": side.invitation.pk},
            "invitation": {"pk": side.invitation.pk, "answer": "terima"},
            "region": {"code": side.region_code},
            "region_store": {"code": side.region_code, "slug": side.store.slug},
        }[self.kind]
        if self.name == "kelola:seller_action":
            kwargs = {**kwargs, "action": "verifikasi"}
        return reverse(self.name, kwargs=kwargs)

    @property
    def kind(self) -> str:
        return {
            "kelola:seller_home": "sellers",
            "sellers:profile": "sellers",
            "sellers:hours": "sellers",
            "sellers:toggle_open": "sellers",
            "sellers:closure": "sellers",
            "sellers:staff": "sellers",
            "sellers:bank": "sellers",
            "catalog:product_add": "catalog_seller",
            "catalog:csv_export": "catalog_seller",
            "catalog:csv_import": "catalog_seller",
            "catalog:product_edit": "catalog_product",
            "catalog:product_visibility": "catalog_product",
            "catalog:product_duplicate": "catalog_product",
            "catalog:product_stock": "catalog_product",
            "catalog:product_sold_out": "catalog_product",
            "orders:seller_orders": "seller_orders",
            "orders:seller_order": "seller_order",
            "orders:seller_order_step": "seller_order",
            "orders:packing_note": "seller_order",
            "orders:seller_offers": "seller_offers",
            "orders:seller_offer": "seller_offer",
            "orders:seller_offer_step": "seller_offer",
            "kelola:store": "store",
            "kelola:store_profile": "store",
            "kelola:sellers": "store",
            "kelola:products": "store",
            "kelola:team": "store",
            "kelola:store_closure": "store",
            "kelola:seller": "store_seller",
            "kelola:seller_action": "store_seller",
            "kelola:take_down": "store_product",
            "kelola:restore": "store_product",
            "kelola:reset_link": "store_reset",
            "kelola:invitation_revoke": "store_invitation",
            "kelola:invitation": "invitation",
            "kelola:region_appoint": "region_store",
            "kelola:region": "region",
            "kelola:region_open": "region",
            "kelola:region_store": "region_store",
            "kelola:region_deactivate": "region_store",
        }[self.name]


SELLER_TEAM = frozenset({"seller_owner", "seller_staff", "superuser"})
OWNER = frozenset({"seller_owner", "superuser"})
OPERATOR = frozenset({"operator", "superuser"})
REGIONAL = frozenset({"regional_admin", "superuser"})

ENDPOINTS = [
    Endpoint("kelola:seller_home", "GET", SELLER_TEAM),
    Endpoint("sellers:profile", "GET", SELLER_TEAM),
    Endpoint("sellers:hours", "GET", SELLER_TEAM),
    Endpoint("sellers:toggle_open", "POST", SELLER_TEAM, {"is_open": ""}),
    Endpoint("sellers:closure", "POST", SELLER_TEAM, {"closed": "1"}),
    Endpoint("sellers:staff", "GET", OWNER),
    Endpoint("sellers:bank", "GET", OWNER),
    Endpoint(
        "sellers:bank",
        "POST",
        OWNER,
        {"bank_name": "BRI", "account_number": "1234567", "account_holder": "Pencuri"},
    ),
    Endpoint("catalog:product_add", "GET", SELLER_TEAM),
    Endpoint("catalog:csv_export", "GET", SELLER_TEAM),
    Endpoint("catalog:csv_import", "GET", SELLER_TEAM),
    Endpoint("catalog:product_edit", "GET", SELLER_TEAM),
    Endpoint("catalog:product_visibility", "POST", SELLER_TEAM, {"tampil": ""}),
    Endpoint("catalog:product_duplicate", "POST", SELLER_TEAM, {}),
    Endpoint("catalog:product_stock", "POST", SELLER_TEAM, {"aksi": "kurang"}),
    Endpoint("catalog:product_sold_out", "GET", SELLER_TEAM),
    Endpoint("catalog:product_sold_out", "POST", SELLER_TEAM, {}),
    Endpoint("orders:seller_orders", "GET", SELLER_TEAM),
    Endpoint("orders:seller_order", "GET", SELLER_TEAM),
    Endpoint("orders:packing_note", "GET", SELLER_TEAM),
    Endpoint("orders:seller_order_step", "POST", SELLER_TEAM, {"ke": "accepted", "dari": "new"}),
    Endpoint("orders:seller_offers", "GET", SELLER_TEAM),
    Endpoint("orders:seller_offer", "GET", SELLER_TEAM),
    Endpoint(
        "orders:seller_offer_step",
        "POST",
        SELLER_TEAM,
        {"ke": "accepted", "dari": "pending", "putaran": "1"},
    ),
    Endpoint("kelola:store", "GET", OPERATOR),
    Endpoint("kelola:store_profile", "GET", OPERATOR),
    Endpoint("kelola:sellers", "GET", OPERATOR),
    Endpoint("kelola:products", "GET", OPERATOR),
    Endpoint("kelola:team", "GET", OPERATOR),
    Endpoint("kelola:store_closure", "GET", OPERATOR),
    Endpoint("kelola:store_closure", "POST", OPERATOR, {"closed": "1"}),
    Endpoint("kelola:seller", "GET", OPERATOR),
    Endpoint(
        "kelola:seller_action",
        "POST",
        OPERATOR,
        {
            "verifikasi-id_card_seen": "on",
            "verifikasi-location_checked": "on",
            "verifikasi-met_in_person": "on",
        },
    ),
    Endpoint("kelola:take_down", "POST", OPERATOR, {"reason": "Foto menyesatkan"}),
    Endpoint("kelola:restore", "POST", OPERATOR, {}),
    Endpoint("kelola:reset_link", "POST", OPERATOR, {}),
    Endpoint("kelola:team", "POST", OPERATOR, {"phone": "0812-7777-0001", "role": "operator"}),
    Endpoint("kelola:invitation_revoke", "POST", OPERATOR, {}),
    # Only the invited number answers an invitation: nobody here, not even a superuser.
    Endpoint("kelola:invitation", "POST", frozenset()),
    Endpoint("kelola:region", "GET", REGIONAL),
    Endpoint("kelola:region_open", "GET", REGIONAL),
    Endpoint("kelola:region_store", "GET", REGIONAL),
    Endpoint("kelola:region_deactivate", "GET", REGIONAL),
    Endpoint("kelola:region_deactivate", "POST", REGIONAL, {"reason": "Uji"}),
    Endpoint("kelola:region_appoint", "POST", REGIONAL, {"phone": "0812-7777-0002"}),
]


def _fingerprint(side: Side) -> tuple:
    """Everything a forbidden POST could have changed on a side."""
    store = Store.objects.get(pk=side.store.pk)
    sellers = tuple(
        Seller.objects.filter(store=side.store)
        .order_by("pk")
        .values_list("pk", "status", "is_open", "bank_account_number")
    )
    products = tuple(
        Product.objects.filter(seller__store=side.store)
        .order_by("pk")
        .values_list("pk", "status", "stock", "moderation_note")
    )
    members = StoreMember.objects.filter(store=side.store).count()
    invitations = tuple(
        StoreInvitation.objects.filter(store=side.store).order_by("pk").values_list("pk", "status")
    )
    offers = tuple(
        Offer.objects.filter(store=side.store)
        .order_by("pk")
        .values_list("pk", "status", "seller_price_idr", "agreed_price_idr", "rounds")
    )
    offer_events = OfferEvent.objects.filter(offer__store=side.store).count()
    orders = tuple(
        Order.objects.filter(store=side.store).order_by("pk").values_list("pk", "status")
    )
    order_events = OrderEvent.objects.filter(order__store=side.store).count()
    return (
        store.is_active,
        store.temporarily_closed,
        sellers,
        products,
        members,
        invitations,
        offers,
        offer_events,
        orders,
        order_events,
    )


class _Rollback(Exception):
    pass


def _request(client, endpoint: Endpoint, side: Side):
    url = endpoint.url(side)
    if endpoint.method == "POST":
        return client.post(url, endpoint.data or {})
    return client.get(url)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_its_own_dashboards(client, world, role):
    side_a, side_b, superuser = world
    # Side A's people act on side A (their own) and on side B (somebody else's).
    person = superuser if role == "superuser" else side_a.people.get(role)
    if person is not None:
        client.force_login(person)

    mistakes = []
    for side, is_own in ((side_a, True), (side_b, False)):
        for endpoint in ENDPOINTS:
            expected = role in endpoint.allowed and (is_own or role == "superuser")
            before = _fingerprint(side)
            try:
                with transaction.atomic():
                    response = _request(client, endpoint, side)
                    after = _fingerprint(side)
                    raise _Rollback
            except _Rollback:
                pass
            where = f"{role} {endpoint.method} {endpoint.name} ({'own' if is_own else 'other'})"
            body = response.content.decode(errors="replace")
            if role == "anonymous":
                if response.status_code != 302 or "/akun/masuk/" not in response["Location"]:
                    mistakes.append(f"{where}: {response.status_code}, expected login redirect")
                continue
            if expected and response.status_code in (403, 404, 405):
                mistakes.append(f"{where}: refused with {response.status_code}")
            elif expected and response.status_code >= 500:
                mistakes.append(f"{where}: server error")
            elif not expected:
                if response.status_code not in (403, 404):
                    mistakes.append(f"{where}: got {response.status_code}, expected 403/404")
                for secret in (
                    side.seller.business_name,
                    side.product.name,
                    side.pending.business_name,
                    side.offer.buyer_name,
                    side.order.checkout.buyer_name,
                ):
                    if secret in body:
                        mistakes.append(f"{where}: leaked {secret!r}")
                if after != before:
                    mistakes.append(f"{where}: changed data")
    assert not mistakes, "\n".join(mistakes)
