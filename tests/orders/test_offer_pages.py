"""Bargaining (tawar) through the pages, without JavaScript, given/when/then.

The buyer: the "Tawar harga" link on a negotiable product, the offer form and
its refusals, the private offer page (answer a counter, cancel, order at the
agreed price), the agreed price in the cart and the checkout. The seller: the
offers inbox with its counts, the offer page and its answers (accept, counter,
decline), refusals shown as messages, a stale page changing nothing, and a
number of queries that does not grow with the offers.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pasardesa.catalog.models import Product
from pasardesa.core.models import IdempotencyKey
from pasardesa.orders.models import (
    ActorRole,
    Checkout,
    Offer,
    OfferEvent,
    OfferStatus,
    Order,
    OrderLine,
)
from pasardesa.orders.views.offers import OFFERS_BY_PHONE
from tests.demo_fixtures import page, whatsapp_text
from tests.orders.factories import BUYER_PHONE, checkout_form, place
from tests.orders.offer_factories import (
    BUYER_PRICE,
    age,
    negotiable,
    offer_in,
    offer_on,
    offer_state,
    step,
)

pytestmark = pytest.mark.django_db

S, R = OfferStatus, ActorRole
SCRIPT = '<script>alert("tawar")</script>'
LAPSED = "Harga tawaran yang sudah tidak berlaku kembali ke harga biasa."
# The mark of a cart or checkout line bought at an agreed price.
OFFER_TAG = '<span class="tag">Harga tawaran</span>'


@pytest.fixture
def bargain(maria):
    """Maria's coffee that may be bargained for: Rp25.000 a bag, 10 in stock."""
    return negotiable(seller=maria, name="Kopi Robusta Alor")


@pytest.fixture
def maria_client(client, maria_user, maria):
    client.force_login(maria_user)
    return client


# --- Helpers ---------------------------------------------------------------------------


def offer_url(offer: Offer, name: str = "offer") -> str:
    return reverse(f"orders:{name}", args=[offer.token])


# The seller's pages as these tests name them, in the orders namespace.
SELLER_PAGES = {
    "inbox": "seller_orders",
    "detail": "seller_order",
    "step": "seller_order_step",
    "offer": "seller_offer",
    "offer_step": "seller_offer_step",
}


def manage_url(offer: Offer, name: str = "offer") -> str:
    name = SELLER_PAGES.get(name, name)
    return reverse(f"orders:{name}", args=[offer.seller_id, offer.number])


def inbox_url(seller, **query) -> str:
    url = reverse("orders:seller_offers", args=[seller.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def offer_form(client, item: Product, **fields) -> dict:
    """The offer form as drawn (hidden key included), filled in like a buyer:
    Rp20.000 a bag for 2 bags, unless ``fields`` say otherwise."""
    response = client.get(reverse("orders:offer_new", args=[item.pk]))
    assert response.status_code == 200
    hidden = {
        a["name"]: a.get("value", "")
        for a in page(response).find_all("input", type="hidden")
        if a.get("name")
    }
    filled = {
        "price_idr": "20.000",
        "quantity": "2",
        "buyer_name": "Yohanis Maro",
        "buyer_phone": BUYER_PHONE,
        "note": "Boleh kurang sedikit?",
    }
    return hidden | filled | fields


def answer(client, url: str, offer: Offer, to_status: str, **extra):
    """One step button of an offer page, posted with the status and round the page
    showed (``dari``/``putaran``) unless ``extra`` says otherwise."""
    data = {"ke": to_status, "dari": offer.status, "putaran": offer.rounds} | extra
    return client.post(url, data, follow=True)


def to_cart(client, offer: Offer):
    """The buyer taps "Pesan dengan harga ini" on the offer page (and lands on
    the checkout)."""
    return client.post(offer_url(offer, "offer_to_cart"), follow=True)


def typed(html, name: str) -> str:
    """What an ``<input name=name>`` of the page holds (empty when it has no value)."""
    [field] = html.find_all("input", name=name)
    return field.get("value", "")


def step_values(response) -> set[str]:
    """The statuses the page's step buttons lead to."""
    return {a["value"] for a in page(response).find_all("input", name="ke")}


def is_private(response) -> bool:
    cache = response["Cache-Control"]
    return "no-cache" in cache and ("private" in cache or "no-store" in cache)


# --- The product page ------------------------------------------------------------------


def test_a_negotiable_product_links_to_the_offer_form(client, bargain):
    # Given a negotiable product on sale
    # When a buyer opens its page
    html = page(client.get(bargain.get_absolute_url()))

    # Then a "Tawar harga" link leads to its offer form
    assert "Tawar harga" in html.text
    assert "Bisa ditawar" in html.text
    assert reverse("orders:offer_new", args=[bargain.pk]) in html.hrefs()


def test_a_fixed_price_or_sold_out_product_has_no_offer_link(client, kopi, maria):
    # Given a fixed-price product and a negotiable one that is sold out
    sold_out = negotiable(seller=maria, name="Kopi Habis", stock=0)
    for item in (kopi, sold_out):
        # When a buyer opens its page
        html = page(client.get(item.get_absolute_url()))

        # Then there is no way to bargain
        assert "Tawar harga" not in html.text, item.name
        assert reverse("orders:offer_new", args=[item.pk]) not in html.hrefs(), item.name


def test_the_offer_form_of_a_fixed_price_or_hidden_product_is_not_found(client, kopi, bargain):
    # Given a fixed-price product and a negotiable one the seller hid
    Product.objects.filter(pk=bargain.pk).update(status=Product.Status.HIDDEN)

    # When someone opens their offer forms (or posts to them), or one of no product
    # Then each is not found, and nothing was written
    for pk in (kopi.pk, bargain.pk, 999_999):
        url = reverse("orders:offer_new", args=[pk])
        assert client.get(url).status_code == 404, pk
        assert client.post(url, {"price_idr": "1.000", "quantity": "1"}).status_code == 404, pk
    assert not Offer.objects.exists()


# --- The offer form --------------------------------------------------------------------


def test_the_offer_form_is_a_plain_form_with_a_hidden_key(client, bargain):
    # Given a buyer without JavaScript
    # When they open the offer form of a negotiable product
    response = client.get(reverse("orders:offer_new", args=[bargain.pk]))

    # Then it is a plain POST form back to itself, with the price, quantity
    # (1 to start with), name, phone and note, and a hidden idempotency key
    assert response.status_code == 200
    html = page(response)
    content = response.content.decode()
    assert html.find_all(
        "form", method="post", action=reverse("orders:offer_new", args=[bargain.pk])
    )
    for name in ("price_idr", "buyer_name", "buyer_phone", "csrfmiddlewaretoken"):
        assert html.find_all("input", name=name), name
    assert html.find_all("input", name="quantity", value="1")
    assert 'name="note"' in content
    [key] = html.find_all("input", type="hidden", name="idempotency_key")
    assert len(key["value"]) == 36
    assert html.find_all("button", type="submit")
    assert "<script" not in content
    # and it names the product, its price and the seller
    assert "Kopi Robusta Alor" in html.text and "Rp25.000" in html.text
    assert "Kopi Ibu Maria" in html.text


def test_a_logged_in_buyer_finds_name_and_phone_filled_in(client, bargain, buyer_user):
    # Given a buyer with an account
    client.force_login(buyer_user)

    # When they open the offer form
    html = page(client.get(reverse("orders:offer_new", args=[bargain.pk])))

    # Then their name and WhatsApp number are already there
    assert html.find_all("input", name="buyer_name", value="Yohanis Maro")
    [phone] = html.find_all("input", name="buyer_phone")
    assert phone.get("value")


def test_an_offer_is_made_and_its_page_tells_the_seller_on_whatsapp(maria, bargain):
    # Given a browser that checks CSRF like a real one, and a buyer who fills
    # in Rp20.000 a bag for 2 bags
    client = Client(enforce_csrf_checks=True)
    form = offer_form(client, bargain)

    # When they send the form as drawn
    response = client.post(reverse("orders:offer_new", args=[bargain.pk]), form)

    # Then there is one pending offer, and they land on its private page
    offer = Offer.objects.get()
    assert (offer.status, offer.buyer_price_idr, offer.quantity) == (S.PENDING, 20_000, 2)
    assert response.status_code == 302
    assert response["Location"] == offer_url(offer)
    html = page(client.get(response["Location"]))
    assert offer.number in html.text
    assert "Menunggu jawaban penjual" in html.text
    assert "Rp20.000" in html.text and "Rp40.000" in html.text
    assert "Boleh kurang sedikit?" in html.text  # the note, in the history
    assert "Tawaran tercatat" in html.text

    # And one WhatsApp link to the seller names the product, the price and the
    # seller's own page to answer, never the buyer's private link
    [link] = html.wa_links()
    assert link.startswith("https://wa.me/6281234567891?text=")
    message = whatsapp_text(link)
    assert "Kopi Robusta Alor" in message
    assert "Rp20.000" in message
    assert offer.number in message
    assert "http://testserver" + manage_url(offer) in message
    assert offer.token not in link


def test_sending_the_same_form_twice_makes_one_offer(client, bargain):
    # Given a filled offer form
    form = offer_form(client, bargain)

    # When it is sent twice (a double tap, a browser retry)
    first = client.post(reverse("orders:offer_new", args=[bargain.pk]), form)
    second = client.post(reverse("orders:offer_new", args=[bargain.pk]), form)

    # Then both lead to the same offer page, and there is one offer with one event
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Offer.objects.count() == 1
    assert OfferEvent.objects.count() == 1


def test_one_phone_gets_ten_offers_an_hour_then_a_plain_message(client, bargain):
    # Given a phone that made ten offers this hour (the limit)
    cache.clear()
    url = reverse("orders:offer_new", args=[bargain.pk])
    for _n in range(OFFERS_BY_PHONE.limit):
        assert client.post(url, offer_form(client, bargain)).status_code == 302

    # When it makes an eleventh, then the form comes back with the input kept
    # and a plain message, and nothing is written
    refused = client.post(url, offer_form(client, bargain))
    assert refused.status_code == 429
    assert "Terlalu banyak tawaran dalam satu jam." in page(refused).text
    assert typed(page(refused), "buyer_name") == "Yohanis Maro"
    assert Offer.objects.count() == OFFERS_BY_PHONE.limit

    # But another buyer's number still gets through
    other = offer_form(client, bargain, buyer_phone="0813-3800-9999")
    assert client.post(url, other).status_code == 302
    cache.clear()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("price_idr", "", "Bidang ini tidak boleh kosong."),
        ("price_idr", "abc", "Tulis jumlah rupiah tanpa sen, contoh 12.500."),
        ("price_idr", "12,5", "Tulis jumlah rupiah tanpa sen, contoh 12.500."),
        ("price_idr", "-5", "Tidak boleh kurang dari 0."),
        ("price_idr", "25.000", "Tawaran harus di bawah harga jual Rp25.000."),
        ("price_idr", "30.000", "Tawaran harus di bawah harga jual Rp25.000."),
        ("quantity", "0", "Jumlah paling sedikit 1."),
        ("quantity", "-1", "Jumlah paling sedikit 1."),
        ("quantity", str(10**12), "Jumlah paling banyak 9.999 per produk."),
        ("quantity", "abc", "Jumlah harus berupa angka bulat."),
        ("quantity", "11", "Stok Kopi Robusta Alor tinggal 10 bungkus"),
        ("buyer_phone", "12345", "Nomor WhatsApp tidak valid."),
        ("buyer_name", "   ", "Bidang ini tidak boleh kosong."),
        ("note", "x" * 501, "paling banyak 500"),
    ],
)
def test_bad_input_is_shown_on_its_field_and_nothing_is_written(
    client, bargain, field, value, message
):
    # Given a filled offer form with one bad field
    form = offer_form(client, bargain, **{field: value})

    # When it is sent
    response = client.post(reverse("orders:offer_new", args=[bargain.pk]), form)

    # Then the form comes back with a plain Indonesian message on that field
    assert response.status_code == 200
    html = page(response)
    assert message in html.text
    assert len(html.find_all("div", class_="fld bad")) == 1
    # and what the buyer typed is still there
    for name in ("price_idr", "quantity", "buyer_name", "buyer_phone"):
        assert typed(html, name) == form[name], name
    assert form["note"] in response.content.decode()
    # and nothing was written
    assert not Offer.objects.exists()
    assert not OfferEvent.objects.exists()
    assert not IdempotencyKey.objects.exists()


def test_a_corrected_form_goes_through_once(client, bargain):
    # Given an offer refused for its price (at the sale price)
    form = offer_form(client, bargain, price_idr="25.000")
    refused = client.post(reverse("orders:offer_new", args=[bargain.pk]), form)
    redrawn = page(refused)
    [key] = redrawn.find_all("input", name="idempotency_key")

    # When the buyer lowers the price and sends the redrawn form
    corrected = {**form, "idempotency_key": key["value"], "price_idr": "21.000"}
    response = client.post(reverse("orders:offer_new", args=[bargain.pk]), corrected)

    # Then the offer is made at the new price
    assert response.status_code == 302
    assert Offer.objects.get().buyer_price_idr == 21_000


def test_a_script_in_the_name_or_note_is_shown_as_text(client, maria_client, bargain):
    # Given an offer whose name and note carry a script tag
    offer = offer_on(bargain, buyer_name=f"Yohanis {SCRIPT}", note=f"Catatan {SCRIPT}")

    # When the buyer opens the offer page, and the seller her inbox and offer page
    pages = {
        "buyer": client.get(offer_url(offer)),
        "inbox": maria_client.get(inbox_url(offer.seller)),
        "seller": maria_client.get(manage_url(offer)),
    }

    # Then the tag is shown as text, escaped, never run
    for where, response in pages.items():
        content = response.content.decode()
        assert response.status_code == 200, where
        assert "<script" not in content, where
        assert "&lt;script&gt;alert(" in content, where
    assert f"Catatan {SCRIPT}" in page(pages["buyer"]).text
    assert f"Yohanis {SCRIPT}" in page(pages["seller"]).text
    assert f"Catatan {SCRIPT}" in page(pages["seller"]).text


# --- The buyer's offer page ------------------------------------------------------------


def test_a_countered_offer_offers_accept_counter_and_cancel(client, bargain):
    # Given an offer of Rp18.000 the seller countered at Rp22.000
    offer = offer_in(S.COUNTERED, item=bargain)

    # When the buyer opens its page
    response = client.get(offer_url(offer))

    # Then both prices show, with one button each to accept, counter (with a
    # price field) and cancel, all posting to the offer's answer URL
    html = page(response)
    assert "Penjual menawar balik" in html.text
    assert "Rp18.000" in html.text and "Rp22.000" in html.text
    assert step_values(response) == {S.ACCEPTED, S.PENDING, S.CANCELLED}
    assert "Terima harga penjual Rp22.000" in html.text
    assert "Tawar lagi" in html.text
    assert "Batalkan tawaran" in html.text
    assert len(html.find_all("input", name="price_idr")) == 1
    assert len(html.find_all("form", action=offer_url(offer, "offer_step"))) == 3
    assert html.find_all("input", name="putaran", value=str(offer.rounds))
    # and no "Pesan dengan harga ini" yet
    assert not html.find_all("form", action=offer_url(offer, "offer_to_cart"))


def test_the_buyer_counters_back_and_the_page_shows_it(client, bargain):
    # Given a countered offer (Rp18.000 against Rp22.000)
    offer = offer_in(S.COUNTERED, item=bargain)

    # When the buyer counters Rp20.000 from its page
    response = answer(client, offer_url(offer, "offer_step"), offer, S.PENDING, price_idr="20.000")

    # Then it waits for the seller again at Rp20.000, and the history says so
    offer.refresh_from_db()
    assert (offer.status, offer.buyer_price_idr, offer.rounds) == (S.PENDING, 20_000, 3)
    event = offer.events.last()
    assert (event.from_status, event.to_status, event.price_idr) == (S.COUNTERED, S.PENDING, 20_000)
    assert event.actor_role == R.BUYER
    assert response.redirect_chain[-1][0] == offer_url(offer)
    assert 'sekarang "Menunggu jawaban penjual"' in page(response).text


def test_a_counter_from_a_stale_page_is_a_message_and_changes_nothing(client, bargain):
    # Given a countered offer whose page was drawn a round earlier
    offer = offer_in(S.COUNTERED, item=bargain)
    before = offer_state(offer)

    # When the buyer's counter arrives with the old round
    response = answer(
        client,
        offer_url(offer, "offer_step"),
        offer,
        S.PENDING,
        putaran=offer.rounds - 1,
        price_idr="20.000",
    )

    # Then the page says the offer changed, and nothing did
    assert response.status_code == 200
    assert "sudah berubah menjadi" in page(response).text
    assert offer_state(offer) == before


def test_a_buyer_cannot_mark_an_offer_ordered_from_its_page(client, bargain):
    # Given an accepted offer
    offer = offer_in(S.ACCEPTED, item=bargain)
    before = offer_state(offer)

    # When a POST asks to mark it ordered without checking out
    response = answer(client, offer_url(offer, "offer_step"), offer, S.ORDERED)

    # Then the page says to use "Pesan dengan harga ini", and nothing changed
    assert "Pesan dengan harga ini" in page(response).text
    assert "dipesan lewat tombol" in page(response).text
    assert offer_state(offer) == before
    assert not Order.objects.exists()


def test_an_unknown_step_is_a_message_and_changes_nothing(client, bargain):
    # Given a pending offer
    offer = offer_in(S.PENDING, item=bargain)
    before = offer_state(offer)

    # When steps the buyer may not take, or that do not exist, are posted
    accepted = answer(client, offer_url(offer, "offer_step"), offer, S.ACCEPTED)
    unknown = answer(client, offer_url(offer, "offer_step"), offer, "dibuang")

    # Then each says why, and the offer is as it was
    assert "Sebagai pembeli, Anda tidak bisa" in page(accepted).text
    assert "Langkah ini tidak dikenal" in page(unknown).text
    assert offer_state(offer) == before


def test_the_buyer_cancels_a_pending_offer(client, bargain):
    # Given a pending offer
    offer = offer_in(S.PENDING, item=bargain)

    # When the buyer cancels it with a reason
    response = answer(
        client, offer_url(offer, "offer_step"), offer, S.CANCELLED, catatan="Sudah beli di pasar"
    )

    # Then it is cancelled, the reason is in the history, and no buttons are left
    offer.refresh_from_db()
    assert offer.status == S.CANCELLED
    html = page(response)
    assert "Dibatalkan pembeli" in html.text and "Sudah beli di pasar" in html.text
    assert step_values(response) == set()


def test_an_agreed_price_goes_through_cart_and_checkout_into_an_order(client, bargain):
    # Given an offer of Rp18.000 for 2 bags the seller accepted
    offer = offer_in(S.ACCEPTED, item=bargain)

    # When the buyer opens its page
    html = page(client.get(offer_url(offer)))
    # Then it offers "Pesan dengan harga ini"
    assert "Harga disepakati" in html.text
    assert "Pesan dengan harga ini" in html.text
    assert html.find_all("form", action=offer_url(offer, "offer_to_cart"))

    # When they tap it
    response = to_cart(client, offer)
    # Then they are sent to the checkout, told what happened
    assert response.redirect_chain == [(reverse("orders:checkout"), 302)]
    assert "Harga tawaran masuk keranjang" in page(response).text

    # And the cart shows the agreed unit price and total, the quantity fixed
    cart = client.get(reverse("orders:cart"))
    html = page(cart)
    assert OFFER_TAG in cart.content.decode()
    assert "Rp18.000 / bungkus" in html.text
    assert "Rp36.000" in html.text
    assert "2 bungkus" in html.text
    assert not html.find_all("form", action=reverse("orders:cart_update"))
    assert not html.find_all("input", name="quantity")

    # And the checkout page shows the agreed price
    checkout = client.get(reverse("orders:checkout"))
    assert "2 × Kopi Robusta Alor @ Rp18.000 = Rp36.000" in page(checkout).text
    assert OFFER_TAG in checkout.content.decode()
    assert page(checkout).find_all("input", name=f"price_{bargain.pk}", value="18000")

    # When the buyer places the checkout
    placed = client.post(reverse("orders:checkout"), checkout_form(client))

    # Then one order line is bought at the agreed price, and the offer is ordered
    assert placed.status_code == 302
    line = OrderLine.objects.select_related("order").get()
    assert (line.unit_price_idr, line.quantity, line.line_total_idr) == (18_000, 2, 36_000)
    assert line.offer_id == offer.pk
    offer.refresh_from_db()
    assert offer.status == S.ORDERED
    # and the offer page links the order
    html = page(client.get(offer_url(offer)))
    assert "Sudah dipesan" in html.text
    assert line.order.number in html.text
    assert reverse("orders:track", args=[line.order.tracking_token]) in html.hrefs()
    assert not html.find_all("form", action=offer_url(offer, "offer_to_cart"))

    # When the buyer posts "Pesan dengan harga ini" again
    again = client.post(offer_url(offer, "offer_to_cart"), follow=True)

    # Then it is refused with a message, and the cart stays empty
    assert again.redirect_chain[-1][0] == offer_url(offer)
    assert "Harga tawaran ini sudah tidak berlaku." in page(again).text
    assert client.session.get("cart", {}) == {}
    assert Checkout.objects.count() == 1


def test_an_offer_not_yet_agreed_cannot_go_into_the_cart(client, bargain):
    # Given a countered offer
    offer = offer_in(S.COUNTERED, item=bargain)

    # When a POST tries to put it in the cart
    response = client.post(offer_url(offer, "offer_to_cart"), follow=True)

    # Then it is refused with a message; the cart stays empty
    assert response.redirect_chain[-1][0] == offer_url(offer)
    assert "Harga tawaran ini sudah tidak berlaku." in page(response).text
    assert client.session.get("cart", {}) == {}


def test_a_lapsed_offer_says_time_is_up_and_offers_no_answer(maria_client, bargain):
    # Given a countered offer the buyer left unanswered past its time
    offer = age(offer_in(S.COUNTERED, item=bargain))

    # When the buyer and the seller open its pages
    for url in (offer_url(offer), manage_url(offer)):
        response = maria_client.get(url)

        # Then each says the time is up, with no button left to press
        assert "Waktunya sudah habis" in page(response).text, url
        assert step_values(response) == set(), url


# --- The agreed price in the cart --------------------------------------------------------


def test_an_offer_line_keeps_its_quantity_but_can_be_removed(client, bargain):
    # Given an agreed price for 2 bags in the cart
    offer = offer_in(S.ACCEPTED, item=bargain)
    to_cart(client, offer)

    # When the buyer tries to change its quantity, or to add more at the normal price
    changed = client.post(
        reverse("orders:cart_update"), {"product": bargain.pk, "quantity": "5"}, follow=True
    )
    added = client.post(
        reverse("orders:cart_add"), {"product": bargain.pk, "jumlah": "1"}, follow=True
    )

    # Then each is refused with a message, and the line stays 2 at the agreed price
    for response in (changed, added):
        assert "ada di keranjang dengan harga tawaran" in page(response).text
    assert client.session["cart"] == {str(bargain.pk): 2}
    assert "Rp36.000" in page(client.get(reverse("orders:cart"))).text

    # When they remove it
    removed = client.post(reverse("orders:cart_remove"), {"product": bargain.pk}, follow=True)

    # Then the cart is empty, and the product can be bought at the normal price again
    assert "Keranjang Anda masih kosong." in page(removed).text
    assert client.session["cart"] == {}
    client.post(reverse("orders:cart_add"), {"product": bargain.pk, "jumlah": "1"})
    cart = client.get(reverse("orders:cart"))
    assert "Rp25.000 / bungkus" in page(cart).text
    assert OFFER_TAG not in cart.content.decode()


def test_an_agreed_price_that_lapsed_in_the_cart_falls_back_to_the_normal_price(client, bargain):
    # Given an agreed price for 2 bags in the cart
    offer = offer_in(S.ACCEPTED, item=bargain)
    to_cart(client, offer)

    # When its 24 hours run out before the buyer checks out
    age(offer)
    cart = client.get(reverse("orders:cart"))

    # Then the cart says so and shows the normal price, the quantity editable again
    html = page(cart)
    assert LAPSED in html.text
    assert "Rp25.000 / bungkus" in html.text
    assert "Rp50.000" in html.text
    assert OFFER_TAG not in cart.content.decode()
    assert html.find_all("input", name="quantity", value="2")


def test_the_cart_lists_the_offers_this_browser_made_once(client, bargain):
    # Given a buyer who made an offer from this browser
    response = client.post(
        reverse("orders:offer_new", args=[bargain.pk]), offer_form(client, bargain)
    )
    offer = Offer.objects.get()
    assert response["Location"] == offer_url(offer)

    # When they open the cart
    cart = client.get(reverse("orders:cart"))

    # Then their offer is listed once, in the page, and the title is plain
    text = cart.content.decode()
    head = text.split("</head>")[0]
    assert page(cart).title == "Keranjang · Pasar Desa"
    assert "Tawaran Anda" not in head and offer.token not in head
    assert text.count("Tawaran Anda") == 1
    assert text.count(offer.token) == 1


# --- Private links -----------------------------------------------------------------------


# Too short, too long, and of the right shape (secrets.token_urlsafe(24)) but unknown.
@pytest.mark.parametrize(
    "token", ["x", "nope", "x" * 32, "kQ9v2Lw7TzX4bN1mR8sY6cF3hJ5dP0aE", "a" * 200]
)
def test_an_unknown_or_malformed_token_is_not_found(client, bargain, token):
    # Given an offer someone else made
    offer_in(S.ACCEPTED, item=bargain)

    # When a token that is not its is used on every offer URL
    # Then each is not found
    assert client.get(reverse("orders:offer", args=[token])).status_code == 404
    for name in ("offer_step", "offer_to_cart"):
        response = client.post(reverse(f"orders:{name}", args=[token]), {"ke": S.CANCELLED})
        assert response.status_code == 404, name
    assert client.session.get("cart", {}) == {}


def test_the_buyers_pages_are_private(client, bargain):
    # Given an offer
    offer = offer_in(S.COUNTERED, item=bargain)

    # When the offer form and the offer page are fetched
    for url in (reverse("orders:offer_new", args=[bargain.pk]), offer_url(offer)):
        response = client.get(url)

        # Then search engines are told to skip them, and no cache keeps them
        assert response.status_code == 200, url
        assert "noindex" in response["X-Robots-Tag"], url
        assert is_private(response), url
        assert page(response).meta("robots").startswith("noindex"), url


# --- The seller's inbox and offer page --------------------------------------------------


def test_the_inbox_counts_offers_per_status_and_lists_them(maria_client, maria, bargain):
    # Given offers by two buyers, pending, one countered, one accepted, one declined
    pending = [
        offer_on(bargain, buyer_name="Ani Lelang"),
        offer_on(bargain, buyer_name="Beni Maro", price=19_000),
    ]
    countered = offer_in(S.COUNTERED, item=bargain)
    accepted = offer_in(S.ACCEPTED, item=bargain)
    offer_in(S.DECLINED, item=bargain)

    # When Maria opens her offers inbox
    response = maria_client.get(inbox_url(maria))

    # Then each status she has is a chip with its count, the empty ones none
    assert response.status_code == 200
    html = page(response)
    assert "Semua (5)" in html.text
    assert "Menunggu jawaban penjual (2)" in html.text
    assert "Penjual menawar balik (1)" in html.text
    assert "Harga disepakati (1)" in html.text
    assert "Ditolak penjual (1)" in html.text
    assert "Sudah dipesan" not in html.text
    assert "Kedaluwarsa" not in html.text
    # and every offer is a row with its number, buyer and the price on the table
    for offer in [*pending, countered, accepted]:
        assert offer.number in html.text
        assert manage_url(offer) in html.hrefs()
    assert "Ani Lelang" in html.text and "Beni Maro" in html.text
    assert "Rp19.000" in html.text  # Beni's offer
    assert "Rp22.000" in html.text  # Maria's counter, on the table

    # When she taps the "pending" chip, then only the pending ones are listed
    html = page(maria_client.get(inbox_url(maria, status=S.PENDING)))
    assert all(offer.number in html.text for offer in pending)
    assert countered.number not in html.text and accepted.number not in html.text


def test_a_pending_offer_page_offers_accept_counter_decline_and_whatsapp(maria_client, bargain):
    # Given a pending offer of Rp18.000 for 2 bags
    offer = offer_in(S.PENDING, item=bargain)

    # When Maria opens it
    response = maria_client.get(manage_url(offer))

    # Then she sees the buyer, the terms, and one button per answer
    assert response.status_code == 200
    html = page(response)
    assert "Yohanis Maro" in html.text
    assert "Rp18.000" in html.text and "Rp36.000" in html.text
    assert step_values(response) == {S.ACCEPTED, S.COUNTERED, S.DECLINED}
    assert "Terima tawaran Rp18.000" in html.text
    assert "Tawar balik" in html.text and "Tolak tawaran" in html.text
    assert len(html.find_all("input", name="price_idr")) == 1
    # and a WhatsApp link to the buyer naming the offer
    [link] = html.wa_links()
    assert link.startswith("https://wa.me/6281338001234?text=")
    assert offer.number in whatsapp_text(link)
    assert is_private(response)


def test_the_seller_accepts_an_offer(maria_client, maria_user, bargain):
    # Given a pending offer of Rp18.000
    offer = offer_in(S.PENDING, item=bargain)

    # When Maria accepts it from its page
    response = answer(maria_client, manage_url(offer, "offer_step"), offer, S.ACCEPTED)

    # Then the price is agreed, an event records who, and the page says so
    offer.refresh_from_db()
    assert (offer.status, offer.agreed_price_idr) == (S.ACCEPTED, BUYER_PRICE)
    event = offer.events.last()
    assert (event.from_status, event.to_status, event.price_idr) == (S.PENDING, S.ACCEPTED, 18_000)
    assert (event.actor, event.actor_role) == (maria_user, R.SELLER)
    assert response.redirect_chain[-1][0] == manage_url(offer)
    html = page(response)
    assert f'Tawaran {offer.number} sekarang "Harga disepakati"' in html.text
    assert "menunggu pembeli memesan" in html.text
    assert step_values(response) == set()


def test_the_seller_counters_an_offer(maria_client, maria_user, bargain):
    # Given a pending offer of Rp18.000
    offer = offer_in(S.PENDING, item=bargain)

    # When Maria counters with "23.000"
    response = answer(
        maria_client, manage_url(offer, "offer_step"), offer, S.COUNTERED, price_idr="23.000"
    )

    # Then the offer waits for the buyer at Rp23.000, recorded as her step
    offer.refresh_from_db()
    assert (offer.status, offer.seller_price_idr, offer.rounds) == (S.COUNTERED, 23_000, 2)
    event = offer.events.last()
    assert (event.to_status, event.price_idr, event.actor) == (S.COUNTERED, 23_000, maria_user)
    html = page(response)
    assert "Harga dari penjual: Rp23.000" in html.text
    assert "Menunggu jawaban pembeli." in html.text
    assert step_values(response) == {S.DECLINED}
    # and the buyer's page now offers Rp23.000 to accept
    assert "Terima harga penjual Rp23.000" in page(maria_client.get(offer_url(offer))).text


def test_the_seller_declines_an_offer_with_a_reason(maria_client, maria_user, bargain):
    # Given a pending offer
    offer = offer_in(S.PENDING, item=bargain)

    # When Maria declines it with a reason
    response = answer(
        maria_client,
        manage_url(offer, "offer_step"),
        offer,
        S.DECLINED,
        catatan="Harga modal sudah naik",
    )

    # Then it is declined, the reason recorded and shown
    offer.refresh_from_db()
    assert offer.status == S.DECLINED
    event = offer.events.last()
    assert (event.to_status, event.note, event.actor) == (
        S.DECLINED,
        "Harga modal sudah naik",
        maria_user,
    )
    assert "Harga modal sudah naik" in page(response).text


@pytest.mark.parametrize(
    ("price", "message"),
    [
        ("18.000", "Harga balik harus di atas tawaran pembeli Rp18.000"),
        ("17.000", "Harga balik harus di atas tawaran pembeli Rp18.000"),
        ("26.000", "Harga balik tidak boleh di atas harga jual Rp25.000."),
        ("abc", "Tulis jumlah rupiah tanpa sen, contoh 12.500."),
        ("", "Tulis harga tawaran dalam rupiah"),
    ],
)
def test_a_counter_out_of_bounds_is_a_message_and_changes_nothing(
    maria_client, bargain, price, message
):
    # Given a pending offer of Rp18.000 on a Rp25.000 product
    offer = offer_in(S.PENDING, item=bargain)
    before = offer_state(offer)

    # When Maria counters at or below the buyer's price, above the sale price, or not a price
    response = answer(
        maria_client, manage_url(offer, "offer_step"), offer, S.COUNTERED, price_idr=price
    )

    # Then the page says why in Indonesian, and nothing changed
    assert response.status_code == 200
    assert message in page(response).text
    assert offer_state(offer) == before


def test_a_stale_seller_page_changes_nothing(maria_client, bargain):
    # Given Maria's page of a pending offer, drawn before the buyer cancelled it
    cancelled = offer_in(S.PENDING, item=bargain)
    drawn_cancelled = Offer.objects.get(pk=cancelled.pk)
    step(cancelled, S.CANCELLED, R.BUYER)
    # and a page drawn while an offer was pending at its first round, before a
    # counter (from her other phone) and the buyer's answer of Rp20.000
    haggled = offer_in(S.COUNTERED, item=bargain)
    step(haggled, S.PENDING, R.BUYER, price_idr=20_000)
    haggled.refresh_from_db()
    before = [offer_state(cancelled), offer_state(haggled)]

    # When she taps accept on each stale page (the status and round they showed)
    gone = answer(maria_client, manage_url(cancelled, "offer_step"), drawn_cancelled, S.ACCEPTED)
    old_round = answer(
        maria_client,
        manage_url(haggled, "offer_step"),
        haggled,
        S.ACCEPTED,
        putaran=haggled.rounds - 2,
    )

    # Then each page says the offer changed, and nothing did (no price accepted unseen)
    assert 'sudah berubah menjadi "Dibatalkan pembeli"' in page(gone).text
    assert "sudah berubah menjadi" in page(old_round).text
    assert [offer_state(cancelled), offer_state(haggled)] == before


# --- Queries -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 12])
def test_offers_inbox_queries_do_not_grow_with_the_offers(maria_client, maria, bargain, count):
    # Given a seller with 3 or 12 offers in several statuses
    for n in range(count):
        offer_in([S.PENDING, S.COUNTERED, S.ACCEPTED][n % 3], item=bargain, quantity=1)

    # When she opens her offers inbox
    with CaptureQueriesContext(connection) as queries:
        response = maria_client.get(inbox_url(maria))

    # Then the number of queries is the same whatever the number of offers
    assert response.status_code == 200
    assert page(response).text.count("Yohanis Maro") == count
    assert len(queries) == OFFER_INBOX_QUERIES


# session, user, seller, counts, page count, offers
OFFER_INBOX_QUERIES = 6


def test_the_sellers_dashboard_shows_what_waits_for_an_answer(maria_client, maria, bargain):
    # Given two offers waiting for Maria, one she countered, and a new order
    offer_in(S.PENDING, item=bargain)
    offer_in(S.PENDING, item=bargain)
    offer_in(S.COUNTERED, item=bargain)
    place([(bargain, 1)])

    # When she opens her dashboard
    html = page(maria_client.get(reverse("kelola:seller_home", args=[maria.pk]))).text

    # Then the links to her orders and offers say how many wait for her
    assert "Pesanan 1 baru" in html
    assert "Tawaran 2 menunggu" in html
