"""Seller registration limits: at most 3 registrations of one account wait for
verification, and one address files at most 10 an hour."""

import uuid

import pytest

from pasardesa.sellers.models import Seller
from tests.factories import StoreFactory, make_user, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def store():
    return StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")


def _register(client, store, n: int, **extra):
    return client.post(
        "/kelola/penjual/daftar/",
        {
            "store": store.slug,
            "business_name": f"Usaha Nomor {n}",
            "owner_name": "Yakob Mau",
            "whatsapp": "0813-3333-4444",
            "business_type": "umkm",
            "idempotency_key": str(uuid.uuid4()),
        },
        **extra,
    )


def test_a_fourth_waiting_registration_of_one_account_is_refused_with_a_message(client, store):
    # Given an account with three registrations waiting for verification
    client.force_login(make_user("0813-3333-4444", "Yakob Mau"))
    for n in range(3):
        assert _register(client, store, n).status_code == 302
    # When it files a fourth
    response = _register(client, store, 3)
    # Then the form says why and keeps the input; nothing is added
    assert response.status_code == 200
    html = response.content.decode()
    assert "sudah punya 3 pendaftaran yang menunggu verifikasi" in html
    assert 'value="Usaha Nomor 3"' in html
    assert Seller.objects.count() == 3
    # Once one is verified (no longer waiting), another may be filed
    Seller.objects.filter(business_name="Usaha Nomor 0").update(status=Seller.Status.VERIFIED)
    assert _register(client, store, 4).status_code == 302


def test_one_address_files_at_most_ten_registrations_an_hour(client, store):
    # Given four accounts behind one address that filed ten registrations
    for person in range(4):
        client.force_login(make_user(f"0813-3333-{person:04d}", f"Orang {person}"))
        for n in range(3 if person < 3 else 1):
            assert _register(client, store, person * 10 + n).status_code == 302
    assert Seller.objects.count() == 10
    # When the fifth account tries from the same address
    client.force_login(make_user("0813-3333-0009", "Orang Lima"))
    response = _register(client, store, 99)
    # Then a plain 429 page, and nothing is filed
    assert response.status_code == 429
    assert "Terlalu banyak pendaftaran penjual" in response.content.decode()
    assert Seller.objects.count() == 10
    # From another address it goes through
    assert _register(client, store, 99, REMOTE_ADDR="10.9.9.9").status_code == 302
