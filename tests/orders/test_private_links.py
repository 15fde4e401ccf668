"""A private link is for one person: no WhatsApp message and no page meant for
someone else carries it (DESIGN.md, "Rules of the domain"), given/when/then.

One test per message of the orders app (to the seller from the confirmation,
to the buyer from the seller's order page, both ways of an offer) and per
seller page (order page, packing note, offer page), plus the buyer-facing
messages of the catalogue and the market opened in a session holding both
private links.
"""

import pytest
from django.urls import reverse

from pasardesa.orders.models import Order
from tests.demo_fixtures import page, whatsapp_text
from tests.factories import SellerFactory, StoreFactory, make_user
from tests.orders.factories import checkout_form
from tests.orders.offer_factories import negotiable, offer_in, offer_on

pytestmark = pytest.mark.django_db


def placed_order(client, item, quantity=1) -> tuple[Order, object]:
    """An order placed through the pages by ``client``; its confirmation page."""
    client.post(reverse("orders:cart_add"), {"product": item.pk, "quantity": quantity})
    response = client.post(reverse("orders:checkout"), checkout_form(client))
    assert response.status_code == 302
    return Order.objects.latest("pk"), client.get(response["Location"])


def seller_order_url(order) -> str:
    return reverse("orders:seller_order", args=[order.seller_id, order.number])


def test_the_message_to_the_seller_gives_their_dashboard_never_the_buyers_link(
    client, kopi, maria_user
):
    # Given a buyer who has just placed an order
    order, confirmation = placed_order(client, kopi)

    # When they tap "Kirim ke WhatsApp penjual"
    (link,) = page(confirmation).wa_links()
    text = whatsapp_text(link)

    # Then the seller reads their own order page, not the buyer's private link
    assert "http://testserver" + seller_order_url(order) in text
    assert order.tracking_token not in text
    assert order.tracking_token not in link
    # and the buyer still has their link on the confirmation page
    assert reverse("orders:track", args=[order.tracking_token]) in page(confirmation).text

    # And that page opens only for the seller: a stranger is sent to log in
    stranger = client.__class__()
    assert stranger.get(seller_order_url(order))["Location"].startswith(reverse("accounts:login"))
    stranger.force_login(maria_user)
    assert stranger.get(seller_order_url(order)).status_code == 200


def test_another_seller_opening_the_dashboard_link_gets_404(client, kopi):
    # Given the dashboard link of Maria's order
    order, _confirmation = placed_order(client, kopi)
    other = SellerFactory(store=StoreFactory(), business_name="Tenun Sara", slug="tenun-sara")
    sara = make_user("0812-3456-7809", "Sara")
    other.members.create(user=sara, role="owner")

    # When another seller opens it, or swaps her own seller id in
    client.force_login(sara)
    direct = client.get(seller_order_url(order))
    swapped = client.get(reverse("orders:seller_order", args=[other.pk, order.number]))

    # Then neither shows the order
    assert direct.status_code == swapped.status_code == 404


def test_the_sellers_order_page_and_packing_note_never_show_the_buyers_link(
    client, kopi, maria_user
):
    # Given an order, and its seller logged in
    order, _confirmation = placed_order(client, kopi)
    seller = client.__class__()
    seller.force_login(maria_user)

    # When she opens the order page (with its "WhatsApp pembeli" link) and the packing note
    detail = seller.get(seller_order_url(order))
    note = seller.get(reverse("orders:packing_note", args=[order.seller_id, order.number]))

    # Then the buyer's private link is in neither, nor in the message she sends
    (to_buyer,) = page(detail).wa_links()
    assert order.number in whatsapp_text(to_buyer)
    for content in (detail.content.decode(), note.content.decode(), whatsapp_text(to_buyer)):
        assert order.tracking_token not in content


def test_the_buyers_offer_message_gives_the_seller_their_answer_page_only(client, maria):
    # Given a buyer's pending offer, then the same offer agreed
    offer = offer_on(negotiable(seller=maria))
    for status in ("pending", "accepted"):
        if status == "accepted":
            offer = offer_in("accepted", item=negotiable(seller=maria))
        # When the buyer opens their offer page and its WhatsApp link
        response = client.get(reverse("orders:offer", args=[offer.token]))
        (link,) = page(response).wa_links()
        text = whatsapp_text(link)
        # Then the seller's answer page is in it, the buyer's token is not
        answer = reverse("orders:seller_offer", args=[offer.seller_id, offer.number])
        assert "http://testserver" + answer in text
        assert offer.token not in link


def test_the_sellers_offer_page_and_message_never_show_the_buyers_link(client, maria, maria_user):
    # Given an offer Maria countered (the message then tells the buyer her price)
    offer = offer_in("countered", item=negotiable(seller=maria))
    client.force_login(maria_user)

    # When she opens the offer in her dashboard
    response = client.get(reverse("orders:seller_offer", args=[maria.pk, offer.number]))

    # Then neither the page nor the WhatsApp message to the buyer has the buyer's token
    (link,) = page(response).wa_links()
    assert "Rp22.000" in whatsapp_text(link)
    assert offer.token not in response.content.decode()
    assert offer.token not in whatsapp_text(link)


def test_the_product_and_seller_messages_carry_only_public_pages(client, kopi, maria):
    # Given a browser that placed an order and made an offer (both links in its session)
    order, _confirmation = placed_order(client, kopi)
    offer = offer_on(negotiable(seller=maria))
    private = {order.tracking_token, offer.token}

    # When it opens the product's "Pesan via WhatsApp" and the seller's "Chat WhatsApp"
    ordered = client.get(reverse("catalog:product_whatsapp", args=[kopi.pk]), {"jumlah": 2})
    seller_page = client.get(reverse("market:seller", args=[maria.slug]))
    product_text = whatsapp_text(ordered["Location"])
    (chat,) = page(seller_page).wa_links()

    # Then each carries its public page and no private link
    assert kopi.get_absolute_url() in product_text
    assert maria.get_absolute_url() in whatsapp_text(chat)
    for text in (product_text, whatsapp_text(chat)):
        assert not any(token in text for token in private)
