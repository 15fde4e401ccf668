"""The admin shows orders but never changes a status behind the state machine."""

import uuid

import pytest

from pasardesa.catalog.models import Product
from pasardesa.orders.services import make_offer
from tests.factories import make_user
from tests.orders.factories import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("0812-0000-0001", "Admin", is_staff=True, is_superuser=True))
    return client


def test_order_and_checkout_pages_open(admin_client, kopi, tenun):
    checkout = place([(kopi, 1), (tenun, 2)])
    order = checkout.orders.first()
    for url in [
        "/admin/orders/order/",
        f"/admin/orders/order/{order.pk}/change/",
        "/admin/orders/checkout/",
        f"/admin/orders/checkout/{checkout.pk}/change/",
    ]:
        response = admin_client.get(url)
        assert response.status_code == 200, url
    page = admin_client.get(f"/admin/orders/order/{order.pk}/change/").content.decode()
    assert order.number in page
    assert order.tracking_token not in page  # the buyer's private link stays private
    assert 'name="status"' not in page


def test_orders_cannot_be_added_or_deleted_in_the_admin(admin_client, kopi):
    order = place([(kopi, 1)]).orders.get()
    assert admin_client.get("/admin/orders/order/add/").status_code == 403
    assert admin_client.get(f"/admin/orders/order/{order.pk}/delete/").status_code == 403


def test_offer_pages_open_without_the_buyers_private_link(admin_client, kopi):
    # Given an offer on a negotiable product
    Product.objects.filter(pk=kopi.pk).update(is_negotiable=True)
    offer = make_offer(
        product_id=kopi.pk,
        quantity=2,
        price_idr=20_000,
        buyer_name="Yohanis Maro",
        buyer_phone="0813-3800-1234",
        idempotency_key=uuid.uuid4(),
    )
    # When staff open the offer list and the offer
    listing = admin_client.get("/admin/orders/offer/")
    page = admin_client.get(f"/admin/orders/offer/{offer.pk}/change/")
    # Then both open, read-only, and the token is never shown
    assert listing.status_code == page.status_code == 200
    assert offer.number in page.content.decode()
    assert offer.token not in page.content.decode()
    assert 'name="status"' not in page.content.decode()
    assert admin_client.get("/admin/orders/offer/add/").status_code == 403
