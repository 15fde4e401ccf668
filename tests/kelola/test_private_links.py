"""The operator's WhatsApp greeting to a seller carries nobody's private link,
given/when/then (DESIGN.md: a private link is for one person)."""

import uuid

import pytest
from django.urls import reverse

from pasardesa.catalog.models import Product
from pasardesa.orders.models import Order
from pasardesa.orders.services import BuyerDetails, CartItem, place_checkout
from pasardesa.stores.models import StoreMember
from tests.demo_fixtures import page, whatsapp_text
from tests.factories import ProductFactory, SellerFactory, StoreFactory, make_user, village

pytestmark = pytest.mark.django_db


def test_the_operators_greeting_to_a_seller_has_no_private_link(client):
    # Given a seller of the operator's store with an order placed (a private link exists)
    store = StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")
    operator = make_user("0812-1111-0001", "Pak Yoram")
    StoreMember.objects.create(store=store, user=operator, role=StoreMember.Role.OPERATOR)
    seller = SellerFactory(store=store, business_name="Kopi Ibu Maria", slug="kopi-ibu-maria")
    item = ProductFactory(seller=seller, stock=10)
    price = Product.objects.get(pk=item.pk).sale_price_idr
    checkout = place_checkout(
        items=[CartItem(item.pk, 1)],
        buyer=BuyerDetails("Yohanis", "0813-3800-1234", "Jalan Pantai", village().code),
        choices={seller.pk: (Order.Fulfilment.PICKUP, Order.Payment.COD)},
        expected_prices={item.pk: price},
        idempotency_key=uuid.uuid4(),
    )
    token = checkout.orders.get().tracking_token

    # When the operator opens the seller's page and its "Chat WhatsApp" link
    client.force_login(operator)
    response = client.get(reverse("kelola:seller", args=[store.slug, seller.pk]))
    (link,) = page(response).wa_links()

    # Then the greeting names the store, and neither it nor the page has the order's link
    assert "Toko Desa Dulolong" in whatsapp_text(link)
    assert token not in whatsapp_text(link)
    assert token not in response.content.decode()
