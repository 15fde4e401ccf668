"""A seller with an account, shared by the catalogue dashboard and CSV tests."""

import pytest

from pasardesa.sellers.models import SellerMember
from tests.factories import SellerFactory, StoreFactory, make_user, village


@pytest.fixture
def maria_user():
    return make_user("0812-3456-7801", "Maria Lelang")


@pytest.fixture
def maria(maria_user):
    store = StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")
    seller = SellerFactory(store=store, business_name="Kopi Ibu Maria", slug="kopi-ibu-maria")
    SellerMember.objects.create(seller=seller, user=maria_user, role=SellerMember.Role.OWNER)
    return seller


@pytest.fixture
def client_a(client, maria_user):
    client.force_login(maria_user)
    return client
