"""Services own idempotency: one scope format, and a resent form creates once."""

import uuid

import pytest
from django.contrib.auth.models import AnonymousUser

from pasardesa.core.idempotency import scope
from pasardesa.core.models import IdempotencyKey
from pasardesa.sellers.models import Seller
from pasardesa.sellers.services import register_seller_with_photo
from pasardesa.stores.models import Store, StoreInvitation, StoreMember
from pasardesa.stores.services import open_store_with_operator
from tests.factories import StoreFactory, make_user, village

pytestmark = pytest.mark.django_db


def test_the_scope_names_app_service_and_actor():
    assert scope("orders", "place_checkout") == "orders.place_checkout:anon"
    assert scope("stores", "open_store", 7) == "stores.open_store:7"
    # A logged-out visitor is anonymous, never ":None"
    assert scope("orders", "make_offer", AnonymousUser()) == "orders.make_offer:anon"


def test_a_resent_seller_registration_makes_one_profile():
    # Given a person and a registration form's key
    owner = make_user("0812-1111-0001", "Ibu Sara")
    store, key = StoreFactory(), uuid.uuid4()
    fields = {"business_name": "Tenun Sara", "owner_name": "Sara", "whatsapp": "081211110001"}
    # When the form is sent twice (a double tap, a retry on a weak signal)
    first = register_seller_with_photo(store=store, owner=owner, idempotency_key=key, **fields)
    again = register_seller_with_photo(store=store, owner=owner, idempotency_key=key, **fields)
    # Then one profile exists, and the key is kept in the seller's own scope
    assert first.pk == again.pk
    assert Seller.objects.count() == 1
    assert IdempotencyKey.objects.get(key=key).scope == f"sellers.register_seller:{owner.pk}"


def test_a_resent_store_opening_opens_one_store_with_one_operator():
    # Given a regional admin and the future operator's account
    admin = make_user("0812-1111-0002", "Dinas PMD")
    make_user("0812-1111-0003", "Pak Yoram")
    key = uuid.uuid4()
    # When the opening form is sent twice with one key
    stores = [
        open_store_with_operator(
            village=village(),
            operator_phone="0812-1111-0003",
            opened_by=admin,
            idempotency_key=key,
        )
        for _ in range(2)
    ]
    # Then one store and one invitation to its operator
    assert stores[0].pk == stores[1].pk
    assert Store.objects.count() == 1
    assert StoreInvitation.objects.filter(role=StoreMember.Role.OPERATOR).count() == 1
