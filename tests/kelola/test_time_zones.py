"""Back-office times in the store's own zone, labelled: a seller in Alor who
registered at 00.40 WITA reads 00.40 WITA, never 23.40 (Jakarta's clock)."""

import datetime

import pytest

from pasardesa.sellers.models import Seller, SellerMember, SellerStatusEvent
from pasardesa.stores.models import StoreMember
from tests.demo_fixtures import page
from tests.factories import SellerFactory, StoreFactory, make_user, village

pytestmark = pytest.mark.django_db

# 16.40 UTC on 3 June: 23.40 WIB, 00.40 WITA and 01.40 WIT on 4 June.
MOMENT = datetime.datetime(2025, 6, 3, 16, 40, tzinfo=datetime.UTC)


def store_in(code: str, name: str):
    store = StoreFactory(village=village(code, name), slug=name.lower())
    operator = make_user("0812-1111-00" + code[-2:], "Operator " + name)
    StoreMember.objects.create(store=store, user=operator, role=StoreMember.Role.OPERATOR)
    return store, operator


@pytest.mark.parametrize(
    ("code", "shown", "day"),
    [
        ("53.05.02.2006", "00.40 WITA", "4 Jun 2025"),  # Dulolong, Alor (NTT)
        ("91.01.01.2001", "01.40 WIT", "4 Jun 2025"),  # Papua
        ("33.03.04.2010", "23.40 WIB", "3 Jun 2025"),  # Sempor Lor, Jawa Tengah
    ],
)
def test_the_operator_reads_registration_and_history_in_the_stores_zone(client, code, shown, day):
    # Given a seller who registered at MOMENT and a verification step at the same moment
    store, operator = store_in(code, "Desa" + code[:2])
    seller = SellerFactory(store=store, business_name="Kopi Ibu Maria")
    Seller.objects.filter(pk=seller.pk).update(created_at=MOMENT)
    event = SellerStatusEvent.objects.create(
        seller=seller, from_status="pending", to_status="verified", actor=operator
    )
    SellerStatusEvent.objects.filter(pk=event.pk).update(created_at=MOMENT)
    client.force_login(operator)
    # When the operator opens the seller's review page and the sellers list
    review = page(client.get(f"/kelola/toko/{store.slug}/penjual/{seller.pk}/")).text
    listing = page(client.get(f"/kelola/toko/{store.slug}/penjual/")).text
    # Then both times are the store's clock with its label, and the day is the store's day
    assert review.count(f"{day} {shown}") == 2
    assert f"mendaftar {day}" in listing
    if "WIB" not in shown:
        assert "23.40" not in review


def test_the_seller_reads_their_history_in_their_zone(client):
    store, _operator = store_in("53.05.02.2006", "Dulolong")
    seller = SellerFactory(store=store)
    owner = make_user("0812-3456-7801", "Maria")
    SellerMember.objects.create(seller=seller, user=owner, role=SellerMember.Role.OWNER)
    event = SellerStatusEvent.objects.create(
        seller=seller, from_status="pending", to_status="verified"
    )
    SellerStatusEvent.objects.filter(pk=event.pk).update(created_at=MOMENT)
    client.force_login(owner)
    text = page(client.get(f"/kelola/penjual/{seller.pk}/")).text
    assert "4 Jun 2025 00.40 WITA" in text
    assert "23.40" not in text
