"""Paying by direct transfer: only to a seller with an account on file, and the
order keeps the account the buyer saw."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pasardesa.orders.models import Checkout, Order
from pasardesa.orders.whatsapp import buyer_link, seller_message
from pasardesa.sellers.models import Seller
from pasardesa.sellers.services import set_bank_account
from tests.demo_fixtures import page, whatsapp_text
from tests.orders.factories import checkout_form, place, product

pytestmark = pytest.mark.django_db

F, P = Order.Fulfilment, Order.Payment


@pytest.fixture
def no_account(maria):
    """Maria's coffee, her account removed."""
    set_bank_account(seller=maria, bank_name="", account_number="", account_holder="")
    return product(seller=maria, name="Kopi Alor", price_idr=25_000, stock=10)


def test_a_transfer_goes_to_the_account_on_file_and_the_order_keeps_it(kopi):
    # Given Maria's BRI account, when a buyer orders by transfer
    order = place([(kopi, 2)], choices={kopi.seller_id: (F.PICKUP, P.TRANSFER)}).orders.get()
    # Then the order names the account, digits in fours as people read them
    assert order.transfer_to == "BRI 0123 0100 0123 456 a.n. Maria"

    # When Maria moves to another bank afterwards
    set_bank_account(
        seller=kopi.seller, bank_name="BNI", account_number="987 654 321", account_holder="Maria"
    )
    # Then the order placed earlier still says where the buyer was told to pay
    order.refresh_from_db()
    assert order.transfer_to == "BRI 0123 0100 0123 456 a.n. Maria"


def test_cash_orders_name_no_account(kopi):
    order = place([(kopi, 1)]).orders.get()
    assert (order.payment_method, order.transfer_to) == (P.COD, "")


def test_a_transfer_to_a_seller_without_an_account_is_refused_whole(no_account):
    # Given a seller without an account, when a (tampered) checkout asks for transfer
    with pytest.raises(ValidationError) as caught:
        place([(no_account, 1)], choices={no_account.seller_id: (F.PICKUP, P.TRANSFER)})
    # Then it is refused in words the buyer understands, and nothing is placed
    assert caught.value.messages == [
        "Kopi Ibu Maria belum mencantumkan rekening; pilih bayar di tempat."
    ]
    assert Checkout.objects.count() == 0
    assert Order.objects.count() == 0


def test_the_checkout_page_offers_transfer_only_with_an_account(client, kopi, tenun):
    # Given one seller with an account and one without
    Seller.objects.filter(pk=tenun.seller_id).update(
        bank_name="", bank_account_number="", bank_account_holder=""
    )
    for item in (kopi, tenun):
        client.post(reverse("orders:cart_add"), {"product": item.pk, "jumlah": 1})
    # When the buyer opens the checkout
    html = page(client.get(reverse("orders:checkout")))
    # Then transfer is a choice for Maria only, her account is shown, and the
    # other seller's box says to pay in cash
    assert html.find_all("input", name=f"payment_{kopi.seller_id}", value="transfer")
    assert not html.find_all("input", name=f"payment_{tenun.seller_id}", value="transfer")
    assert "Rekening: BRI 0123 0100 0123 456 a.n. Maria" in html.text
    assert "Penjual ini belum mencantumkan rekening: bayar di tempat." in html.text


def test_the_confirmation_and_both_whatsapp_messages_carry_the_account(client, kopi):
    # Given a buyer who checks out Maria's coffee by transfer on the page
    client.post(reverse("orders:cart_add"), {"product": kopi.pk, "jumlah": 2})
    form = checkout_form(client) | {f"payment_{kopi.seller_id}": "transfer"}
    response = client.post(reverse("orders:checkout"), form, follow=True)
    order = Order.objects.select_related("checkout", "seller").get()
    # Then the confirmation tells where to pay, and the message to the seller says it
    html = page(response)
    assert "Transfer ke: BRI 0123 0100 0123 456 a.n. Maria" in html.text
    [link] = [a["href"] for a in html.find_all("a") if a.get("href", "").startswith("https://wa")]
    assert "Transfer ke: BRI 0123 0100 0123 456 a.n. Maria" in whatsapp_text(link)
    assert "Transfer ke: BRI" in seller_message(order, "https://pasar.example/p/")
    # And Maria's message back to the buyer asks for the transfer with the total
    assert "Total Rp50.000, silakan transfer ke BRI 0123 0100 0123 456 a.n. Maria." in (
        whatsapp_text(buyer_link(order))
    )


def test_an_english_buyer_stores_the_account_in_indonesian(client, kopi):
    # Given a buyer browsing in English, when they check out by transfer
    client.post(reverse("orders:cart_add"), {"product": kopi.pk, "jumlah": 1})
    response = client.get("/en/pesan/")
    assert response.status_code == 200
    form = checkout_form(client) | {f"payment_{kopi.seller_id}": "transfer"}
    client.post("/en/pesan/", form)
    # Then the order keeps the account the way the seller wrote it ("a.n.")
    assert Order.objects.get().transfer_to == "BRI 0123 0100 0123 456 a.n. Maria"
