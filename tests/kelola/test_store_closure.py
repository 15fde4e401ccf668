"""The operator's "tutup sementara" for the whole store (/kelola/toko/<slug>/tutup-sementara/)."""

import datetime

import pytest

from pasardesa.stores.models import Store, StoreMember
from tests.demo_fixtures import MONDAY_10_WITA, freeze_now, page
from tests.factories import ProductFactory, SellerFactory, StoreFactory, make_user, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def store():
    return StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")


@pytest.fixture
def op_client(store):
    """A browser logged in as the store's operator (the buyer's ``client`` stays anonymous)."""
    from django.test import Client

    user = make_user("0812-1111-0001", "Pak Yoram")
    StoreMember.objects.create(store=store, user=user, role=StoreMember.Role.OPERATOR)
    browser = Client()
    browser.force_login(user)
    return browser


URL = "/kelola/toko/dulolong/tutup-sementara/"


def test_closing_the_store_stops_ordering_from_every_seller(client, op_client, store):
    # Given two sellers of the store with a product each
    products = [
        ProductFactory(seller=SellerFactory(store=store, whatsapp="+628123456789" + str(n)))
        for n in range(2)
    ]
    # When the operator closes the whole store with a note
    response = op_client.post(URL, {"closed": "1", "closed_note": "Pesta adat."})
    # Then every seller's product page says so, with no WhatsApp and no cart
    assert response.status_code == 302
    assert Store.objects.get(pk=store.pk).temporarily_closed
    for product in products:
        answer = client.get(product.get_absolute_url())
        html = page(answer)
        assert "Toko desa ini sedang tutup sementara" in html.text
        assert "Pesta adat." in html.text
        assert "wa.me" not in answer.content.decode()
        assert "Masukkan keranjang" not in html.text
    # And the console shows it, with the button to open again
    console = page(op_client.get(URL))
    assert "Buka lagi sekarang" in console.text


def test_opening_again_lets_buyers_order(client, op_client, store):
    product = ProductFactory(seller=SellerFactory(store=store, whatsapp="+6281234567891"))
    Store.objects.filter(pk=store.pk).update(temporarily_closed=True, closed_note="Banjir.")
    op_client.post(URL, {"closed": "0"})
    store.refresh_from_db()
    assert (store.temporarily_closed, store.closed_note) == (False, "")
    assert "Masukkan keranjang" in page(client.get(product.get_absolute_url())).text


def test_a_past_day_is_a_message_and_the_store_stays_open(monkeypatch, op_client, store):
    freeze_now(monkeypatch, MONDAY_10_WITA)
    response = op_client.post(URL, {"closed": "1", "closed_until": "2025-05-31"})
    assert response.status_code == 200
    assert "Tanggal itu sudah lewat." in page(response).text
    assert not Store.objects.get(pk=store.pk).temporarily_closed


def test_closed_until_a_day_opens_by_itself(monkeypatch, client, op_client, store):
    product = ProductFactory(seller=SellerFactory(store=store, whatsapp="+6281234567891"))
    freeze_now(monkeypatch, MONDAY_10_WITA)
    op_client.post(URL, {"closed": "1", "closed_until": "2025-06-02"})
    assert "Tutup sementara" in page(client.get(product.get_absolute_url())).text
    freeze_now(monkeypatch, MONDAY_10_WITA + datetime.timedelta(days=1))
    assert "Tutup sementara" not in page(client.get(product.get_absolute_url())).text


def test_another_stores_operator_gets_404(client, store):
    from pasardesa.stores.models import StoreMember
    from tests.factories import make_user

    other = make_user("0812-1111-0999", "Operator Lain")
    StoreMember.objects.create(store=StoreFactory(), user=other, role=StoreMember.Role.OPERATOR)
    client.force_login(other)
    assert client.post(URL, {"closed": "1"}).status_code == 404
    assert not Store.objects.get(pk=store.pk).temporarily_closed
