"""Fixtures of the order tests."""

import pytest

from pasardesa.sellers.models import SellerMember
from tests.factories import SellerFactory, StoreFactory, make_user
from tests.orders.factories import product


def bank(holder: str) -> dict:
    """A transfer account on file, so buyers may choose direct transfer."""
    return {
        "bank_name": "BRI",
        "bank_account_number": "012301000123456",
        "bank_account_holder": holder,
    }


@pytest.fixture
def maria_user(db):
    return make_user("0812-3456-7801", "Maria Lelang")


@pytest.fixture
def maria(db, maria_user):
    """A verified seller in Dulolong (Alor), with an account."""
    seller = SellerFactory(business_name="Kopi Ibu Maria", slug="kopi-ibu-maria", **bank("Maria"))
    SellerMember.objects.create(seller=seller, user=maria_user, role=SellerMember.Role.OWNER)
    return seller


@pytest.fixture
def kopi(maria):
    return product(seller=maria, name="Kopi Alor", price_idr=25_000, unit="bungkus", stock=10)


@pytest.fixture
def tenun(db):
    """Another seller, in another village."""
    weaver = SellerFactory(
        store=StoreFactory(), business_name="Tenun Mama Ros", slug="tenun-mama-ros", **bank("Ros")
    )
    return product(seller=weaver, name="Tenun Ikat", price_idr=350_000, unit="lembar", stock=3)


@pytest.fixture
def buyer_user(db):
    return make_user("0813-3800-1234", "Yohanis Maro")
