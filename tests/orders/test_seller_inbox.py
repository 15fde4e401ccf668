"""The seller's orders in the dashboard (/kelola/penjual/<pk>/pesanan/…), given/when/then.

The inbox with its counts per status, the order page and its steps (each one
an event shown on the page), refusals shown as messages, the packing note,
another seller's orders answering 404, the byte budget and a bounded number
of queries.
"""

import gzip
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pasardesa.orders.models import Order, OrderEvent, OrderStatus
from pasardesa.sellers.models import SellerMember
from tests.factories import SellerFactory, StoreFactory, make_user
from tests.orders.factories import order_in, place, product, stock_of

BYTE_BUDGET = 14_000


pytestmark = pytest.mark.django_db


@pytest.fixture
def maria_client(client, maria_user, maria):
    client.force_login(maria_user)
    return client


@pytest.fixture
def sara_client(client, db):
    """The owner of seller B (another village): she manages only her own lapak."""
    sara = SellerFactory(store=StoreFactory(), business_name="Tenun Ibu Sara", slug="tenun-sara")
    user = make_user("0812-3456-7809", "Sara Maro")
    SellerMember.objects.create(seller=sara, user=user, role=SellerMember.Role.OWNER)
    client.force_login(user)
    return client


def inbox_url(seller, **query) -> str:
    url = reverse("orders:seller_orders", args=[seller.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# The seller's pages as these tests name them, in the orders namespace.
SELLER_PAGES = {
    "inbox": "seller_orders",
    "detail": "seller_order",
    "step": "seller_order_step",
    "offer": "seller_offer",
    "offer_step": "seller_offer_step",
}


def order_url(order, name: str = "detail") -> str:
    name = SELLER_PAGES.get(name, name)
    return reverse(f"orders:{name}", args=[order.seller_id, order.number])


def take_step(client, order, to_status: str, **extra):
    return client.post(order_url(order, "step"), {"ke": to_status, **extra}, follow=True)


def text(response) -> str:
    return response.content.decode()


# --- The inbox -----------------------------------------------------------------------


def test_inbox_counts_orders_per_status_and_filters_by_chip(maria_client, maria, kopi):
    # Given Maria has 2 new orders, 1 accepted and 1 declined
    new_orders = [order_in(OrderStatus.NEW, item=kopi, quantity=1) for _n in range(2)]
    accepted = order_in(OrderStatus.ACCEPTED, item=kopi, quantity=1)
    order_in(OrderStatus.DECLINED, item=kopi, quantity=1)

    # When she opens her inbox
    response = maria_client.get(inbox_url(maria))

    # Then each status she has is a chip with its count (none for the empty
    # ones), and all four orders are listed
    assert response.status_code == 200
    page = text(response)
    chips = [li.strip() for li in re.findall(r"<li><a [^>]*>([^<]*)</a></li>", page)]
    assert chips == [
        "Semua (4)",
        "Menunggu jawaban penjual (2)",
        "Diterima penjual (1)",
        "Ditolak penjual (1)",
    ]
    assert "Selesai (0)" not in page
    assert page.count("Yohanis Maro") == 4
    assert "Rp25.000" in page
    assert order_url(accepted) in page

    # When she taps the "new" chip, then only the new orders are listed
    page = text(maria_client.get(inbox_url(maria, status=OrderStatus.NEW)))
    assert all(order.number in page for order in new_orders)
    assert accepted.number not in page


def test_new_orders_come_first_marked_new_then_the_rest_newest_first(maria_client, maria, kopi):
    # Given an old new order, then an accepted one, a declined one and a newer new one
    old_new = order_in(OrderStatus.NEW, item=kopi, quantity=1)
    accepted = order_in(OrderStatus.ACCEPTED, item=kopi, quantity=1)
    declined = order_in(OrderStatus.DECLINED, item=kopi, quantity=1)
    young_new = order_in(OrderStatus.NEW, item=kopi, quantity=1)

    # When she opens her inbox
    page = text(maria_client.get(inbox_url(maria)))

    # Then the new orders come first (newest first), then the others newest first
    numbers = [young_new.number, old_new.number, declined.number, accepted.number]
    positions = [page.index(number) for number in numbers]
    assert positions == sorted(positions)
    # and exactly the new ones carry the "Baru" tag, in its own colour class
    assert page.count('<span class="tag new">Baru</span>') == 2
    rows = page.split('<div class="box">')
    for row in rows:
        if young_new.number in row or old_new.number in row:
            assert "Baru" in row
        if accepted.number in row:
            assert "Baru" not in row and "Diterima penjual" in row


def test_a_picked_status_keeps_its_chip_even_when_empty(maria_client, maria, kopi):
    # Given only new orders
    order_in(OrderStatus.NEW, item=kopi, quantity=1)

    # When she picks "Selesai" by its link (from a bookmark, say)
    page = text(maria_client.get(inbox_url(maria, status=OrderStatus.COMPLETED)))

    # Then that chip shows as picked with 0, the other empty statuses do not show
    assert 'aria-current="true">Selesai (0)' in page
    assert "Diterima penjual (0)" not in page
    assert "Tidak ada pesanan dengan status ini." in page


def test_inbox_shows_an_empty_list_kindly(maria_client, maria):
    # Given a seller without orders, when she opens the inbox
    response = maria_client.get(inbox_url(maria, status="nonsense"))

    # Then the page says there are none (an unknown status shows all)
    assert response.status_code == 200
    assert "Belum ada pesanan" in text(response)


# --- The order page and its steps -------------------------------------------------------


def test_order_page_shows_buyer_lines_whatsapp_and_history(maria_client, kopi):
    # Given a new order for 2 bags of coffee with a note
    order = place([(kopi, 2)], note="Tolong dibungkus rapat").orders.get()

    # When Maria opens it
    page = text(maria_client.get(order_url(order)))

    # Then she sees the buyer, the phone with a WhatsApp link, the address, lines and total
    assert "Yohanis Maro" in page
    assert "https://wa.me/6281338001234?text=" in page
    assert "Jalan Pantai, rumah cat biru dekat masjid" in page
    assert "Dulolong" in page
    assert "2 × Kopi Alor" in page
    assert "Rp50.000" in page
    assert "Tolong dibungkus rapat" in page
    assert "Ambil sendiri" in page
    assert "Bayar di tempat (COD)" in page
    # and one button per step she may take, a reason box for declining
    assert "Terima pesanan" in page
    assert "Tolak &amp; kembalikan stok" in page  # the order holds counted stock
    assert 'name="catatan"' in page
    assert "Batalkan pesanan" not in page  # only the buyer cancels a new order


def test_accept_then_complete_an_order_through_the_pages(maria_client, maria_user, kopi):
    # Given a new order
    order = place([(kopi, 2)]).orders.get()
    path = [
        (OrderStatus.ACCEPTED, "Diterima penjual"),
        (OrderStatus.PREPARING, "Sedang disiapkan"),
        (OrderStatus.READY, "Siap diambil/dikirim"),
        (OrderStatus.DELIVERED, "Sudah diserahkan"),
        (OrderStatus.COMPLETED, "Selesai"),
    ]
    previous = OrderStatus.NEW
    for to_status, label in path:
        # When Maria takes the next step from the order page
        response = take_step(maria_client, order, to_status, dari=previous)

        # Then the order moved, an event records who and from what, and the page shows it
        order.refresh_from_db()
        assert order.status == to_status
        event = order.events.last()
        assert (event.from_status, event.to_status) == (previous, to_status)
        assert event.actor == maria_user
        assert event.actor_role == OrderEvent.Role.SELLER
        page = text(response)
        assert response.redirect_chain[-1][0] == order_url(order)
        assert f"sekarang &quot;{label}&quot;" in page
        assert f"<strong>{label}</strong> (Penjual: Maria Lelang)" in page
        previous = to_status

    # And a completed order offers no more steps
    assert 'name="ke"' not in text(maria_client.get(order_url(order)))
    assert order.events.count() == 6  # placed + five steps


def test_a_suspicious_order_is_declined_in_one_tap_and_its_stock_comes_back(maria_client, kopi):
    # Given a new order that took 10 bags, the whole stock: the shelf reads "Stok habis"
    order = place([(kopi, 10)]).orders.get()
    assert stock_of(kopi) == 0

    # When Maria opens it, the decline button says what it does; the reason is optional
    page = text(maria_client.get(order_url(order)))
    assert "Tolak &amp; kembalikan stok" in page
    assert "Alasan (boleh kosong, dibaca pembeli)" in page
    assert re.search(r'<textarea id="catatan-declined" name="catatan" maxlength="500">', page)

    # When she taps it without writing anything
    response = take_step(maria_client, order, OrderStatus.DECLINED, dari=OrderStatus.NEW)

    # Then the order is declined by her, the 10 bags are for sale again, and the buyer reads it
    order.refresh_from_db()
    assert order.status == OrderStatus.DECLINED
    assert order.events.last().note == ""
    assert stock_of(kopi) == 10
    assert "Ditolak penjual" in text(response)
    track = text(maria_client.get(reverse("orders:track", args=[order.tracking_token])))
    assert "Ditolak penjual" in track
    assert "Stok 10 bungkus" in text(maria_client.get(kopi.get_absolute_url()))


def test_declining_with_a_reason_shows_it(maria_client, kopi):
    # Given a new order
    order = place([(kopi, 2)]).orders.get()

    # When Maria declines it with a reason
    page = text(take_step(maria_client, order, OrderStatus.DECLINED, catatan="Kopi sudah habis"))

    # Then the order is declined, the stock back, the reason shown
    order.refresh_from_db()
    assert order.status == OrderStatus.DECLINED
    assert stock_of(kopi) == 10
    assert "Catatan: Kopi sudah habis" in page


def test_cancelling_an_accepted_order_without_a_reason_is_refused_in_indonesian(maria_client, kopi):
    # Given an accepted order that took 2 from the stock of 10
    order = order_in(OrderStatus.ACCEPTED, item=kopi)
    assert stock_of(kopi) == 8

    # When Maria cancels it without writing a reason
    response = take_step(maria_client, order, OrderStatus.CANCELLED, catatan="   ")

    # Then she is told to write one, and nothing changed
    assert "Tulis alasannya; pembeli akan membacanya." in text(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED
    assert stock_of(kopi) == 8


def test_an_illegal_step_posted_directly_shows_why_and_changes_nothing(maria_client, kopi):
    # Given a new order
    order = place([(kopi, 1)]).orders.get()

    # When a POST asks to complete it at once, or to cancel it (the buyer's step)
    completed = take_step(maria_client, order, OrderStatus.COMPLETED)
    cancelled = take_step(maria_client, order, OrderStatus.CANCELLED)
    unknown = take_step(maria_client, order, "dibuang")

    # Then each page says why, and the order is untouched
    assert completed.status_code == cancelled.status_code == unknown.status_code == 200
    assert "tidak bisa diubah menjadi" in text(completed)
    assert "Sebagai penjual, Anda tidak bisa" in text(cancelled)
    assert "Langkah ini tidak dikenal" in text(unknown)
    order.refresh_from_db()
    assert order.status == OrderStatus.NEW
    assert order.events.count() == 1


def test_two_taps_on_accept_or_a_stale_page_are_a_message_not_an_error(maria_client, kopi):
    # Given a new order Maria accepts
    order = place([(kopi, 1)]).orders.get()
    take_step(maria_client, order, OrderStatus.ACCEPTED, dari=OrderStatus.NEW)

    # When the second tap of the same button arrives (from the page showing "new")
    stale = take_step(maria_client, order, OrderStatus.ACCEPTED, dari=OrderStatus.NEW)
    # and the same step without the page's status
    again = take_step(maria_client, order, OrderStatus.ACCEPTED)

    # Then both say what happened, and only one acceptance is recorded
    assert "sudah berubah menjadi" in text(stale)
    assert "tidak bisa diubah menjadi" in text(again)
    order.refresh_from_db()
    assert order.status == OrderStatus.ACCEPTED
    assert order.events.filter(to_status=OrderStatus.ACCEPTED).count() == 1


def test_packing_note_is_printable(maria_client, kopi):
    # Given an order delivered by the seller
    order = order_in(OrderStatus.ACCEPTED, item=kopi, quantity=3)

    # When Maria opens its packing note
    response = maria_client.get(order_url(order, "packing_note"))

    # Then it has the number, buyer, address, lines, a signature line and print styles
    page = text(response)
    assert response.status_code == 200
    assert order.number in page
    assert "Yohanis Maro" in page
    assert "Jalan Pantai" in page
    assert "3 bungkus" in page and "Kopi Alor" in page
    assert "Penerima" in page
    assert "@media print{header" in page


# --- Another seller --------------------------------------------------------------------


def test_another_seller_gets_404_everywhere_and_changes_nothing(sara_client, maria, kopi):
    # Given an order of Maria's
    order = place([(kopi, 2)]).orders.get()

    # When Sara (seller B) opens Maria's inbox, order page and packing note
    # Then each is not found
    assert sara_client.get(inbox_url(maria)).status_code == 404
    assert sara_client.get(order_url(order)).status_code == 404
    assert sara_client.get(order_url(order, "packing_note")).status_code == 404

    # When she POSTs steps on it, then they are not found and nothing changes
    for to_status, note in [(OrderStatus.ACCEPTED, ""), (OrderStatus.DECLINED, "bukan punya")]:
        response = sara_client.post(order_url(order, "step"), {"ke": to_status, "catatan": note})
        assert response.status_code == 404
    order.refresh_from_db()
    assert order.status == OrderStatus.NEW
    assert order.events.count() == 1
    assert stock_of(kopi) == 8


def test_sara_cannot_reach_marias_order_through_her_own_inbox(sara_client, maria, kopi):
    # Given an order of Maria's and Sara's own seller profile
    order = place([(kopi, 1)]).orders.get()
    sara_seller = SellerMember.objects.get(user__name="Sara Maro").seller

    # When Sara puts Maria's order number under her own seller
    url = reverse("orders:seller_order", args=[sara_seller.pk, order.number])
    step_url = reverse("orders:seller_order_step", args=[sara_seller.pk, order.number])

    # Then it is not found either
    assert sara_client.get(url).status_code == 404
    assert sara_client.post(step_url, {"ke": OrderStatus.ACCEPTED}).status_code == 404
    assert Order.objects.get(pk=order.pk).status == OrderStatus.NEW


def test_anonymous_visitors_are_sent_to_log_in(client, maria, kopi):
    order = place([(kopi, 1)]).orders.get()
    response = client.post(order_url(order, "step"), {"ke": OrderStatus.ACCEPTED})
    assert response.status_code == 302
    assert Order.objects.get(pk=order.pk).status == OrderStatus.NEW


# --- Budgets ---------------------------------------------------------------------------


def test_pages_stay_within_the_byte_budget(maria_client, maria):
    # Given a full inbox page of orders with several lines each, and a long history
    items = [
        product(seller=maria, name=f"Produk desa dengan nama panjang {n}", stock=100)
        for n in range(6)
    ]
    orders = [place([(item, 2) for item in items]).orders.get() for _n in range(21)]
    order = orders[-1]
    for to_status in (OrderStatus.ACCEPTED, OrderStatus.PREPARING):
        take_step(maria_client, order, to_status)

    # When the inbox, the order page and the packing note are fetched
    for url in (inbox_url(maria), order_url(order), order_url(order, "packing_note")):
        response = maria_client.get(url)
        # Then each fits in the first round trip, compressed
        assert response.status_code == 200
        assert len(gzip.compress(response.content)) <= BYTE_BUDGET, url


@pytest.mark.parametrize("count", [3, 30])
def test_inbox_queries_do_not_grow_with_the_orders(maria_client, maria, kopi, count):
    # Given a seller with 3 or 30 orders (more than one page)
    kopi.stock = 1000
    kopi.save(update_fields=["stock"])
    for _n in range(count):
        place([(kopi, 1)])

    # When she opens the inbox
    with CaptureQueriesContext(connection) as queries:
        response = maria_client.get(inbox_url(maria))

    # Then the number of queries is the same whatever the number of orders
    assert response.status_code == 200
    assert len(queries) == INBOX_QUERIES


# session, user, seller, counts, page count, orders, their lines, which are unpaid
INBOX_QUERIES = 8


def test_an_order_of_uncounted_goods_is_declined_without_talk_of_stock(maria_client, maria):
    # Given an order of a product whose stock is not counted
    service = product(seller=maria, name="Jahit kebaya", stock=None)
    order = place([(service, 1)]).orders.get()

    # When Maria opens it, then the button simply declines
    page = text(maria_client.get(order_url(order)))
    assert "Tolak pesanan" in page
    assert "kembalikan stok" not in page
