"""The complaint pages: the buyer's form and page (private link, proof,
re-rendered on bad input, within the byte budget, JS off), the seller's, the
operator's and the regional admin's, and who sees what (everyone else: 404)."""

import gzip
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pasardesa.orders.views.checkout import PLACED_KEY
from pasardesa.payments.models import Complaint, ComplaintPhoto, ComplaintStatus, PaymentStatus
from pasardesa.payments.services import decide_complaint, seller_answer
from pasardesa.regions.models import RegionAdmin
from pasardesa.sellers.models import SellerMember
from pasardesa.stores.models import StoreMember
from tests.demo_fixtures import BYTE_BUDGET, photo_upload, whatsapp_text
from tests.factories import make_user, village
from tests.orders.factories import BUYER_PHONE
from tests.payments.complaint_factories import complain, sent_order

pytestmark = pytest.mark.django_db

C = ComplaintStatus


def gz(response) -> int:
    return len(gzip.compress(response.content))


def as_buyer(client, order):
    """The browser that placed ``order``."""
    session = client.session
    session[PLACED_KEY] = [str(order.checkout.idempotency_key)]
    session.save()
    return client


def new_url(order):
    return reverse("payments:complaint_new", args=[order.tracking_token])


def page_url(order):
    return reverse("payments:complaint", args=[order.tracking_token])


def post_complaint(client, order, **extra):
    data = {
        "reason": "wrong_damaged",
        "description": "Kainnya sobek di ujung.",
        "idempotency_key": str(uuid.uuid4()),
    } | extra
    return client.post(new_url(order), data)


@pytest.fixture
def order():
    return sent_order()


@pytest.fixture
def seller_user(order):
    user = make_user("0812-3700-0001", "Ibu Penjual")
    SellerMember.objects.create(seller=order.seller, user=user, role=SellerMember.Role.OWNER)
    return user


@pytest.fixture
def operator(order):
    user = make_user("0812-3700-0002", "Pak Operator")
    StoreMember.objects.create(store=order.store, user=user, role=StoreMember.Role.OPERATOR)
    return user


@pytest.fixture
def region_admin(order):
    user = make_user("0812-3700-0003", "Dinas Alor")
    RegionAdmin.objects.create(region=order.store.village.parent.parent, user=user)
    return user


# --- The buyer ----------------------------------------------------------------------------


def test_the_buyer_files_a_complaint_with_photos_and_sees_it(client, order):
    # Given the browser that placed the order
    as_buyer(client, order)
    form = client.get(new_url(order))
    assert form.status_code == 200
    assert b'enctype="multipart/form-data"' in form.content
    assert gz(form) <= BYTE_BUDGET
    # When it sends the complaint with two photos
    response = post_complaint(client, order, foto=[photo_upload(), photo_upload("b.jpg")])
    # Then it lands on the complaint page, the money still held
    assert response.status_code == 302
    assert response["Location"] == page_url(order)
    complaint = Complaint.objects.get()
    assert complaint.payment.status == PaymentStatus.DISPUTED
    assert ComplaintPhoto.objects.filter(complaint=complaint).count() == 2
    shown = client.get(page_url(order))
    assert shown.status_code == 200
    assert "Kainnya sobek di ujung." in shown.content.decode()
    assert shown["X-Robots-Tag"] == "noindex, nofollow"
    assert gz(shown) <= BYTE_BUDGET
    # And the seller is told with the link to their own page, never the buyer's
    links = [link for _words, link in shown.context["links"]]
    assert links
    text = whatsapp_text(links[0])
    assert reverse("payments:seller_complaint", args=[order.seller_id, complaint.pk]) in text
    assert order.tracking_token not in text
    # And the buyer may keep their own link in their own chat
    own = shown.context["own_link"]
    assert own.startswith("https://wa.me/6281338001234?")
    assert order.tracking_token in whatsapp_text(own)


def test_a_double_tap_files_one_complaint(client, order):
    as_buyer(client, order)
    key = str(uuid.uuid4())
    post_complaint(client, order, idempotency_key=key)
    second = post_complaint(client, order, idempotency_key=key)
    assert second.status_code == 302
    assert Complaint.objects.count() == 1


def test_a_bad_photo_re_renders_the_form_with_the_input(client, order):
    as_buyer(client, order)
    bad = SimpleUploadedFile("x.jpg", b"bukan foto", content_type="image/jpeg")
    response = post_complaint(client, order, foto=[bad])
    assert response.status_code == 200
    html = response.content.decode()
    assert "bukan foto" in html.lower()
    assert "Kainnya sobek di ujung." in html
    assert not Complaint.objects.exists()


def test_four_photos_are_refused(client, order):
    as_buyer(client, order)
    response = post_complaint(client, order, foto=[photo_upload(f"{i}.jpg") for i in range(4)])
    assert response.status_code == 200
    assert "Paling banyak 3 foto" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_missing_reason_re_renders(client, order):
    as_buyer(client, order)
    response = post_complaint(client, order, reason="", description="")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Complaint.objects.exists()


def test_another_device_must_give_the_buyers_number(client, order):
    # Given a browser that did not place the order
    response = post_complaint(client, order, buyer_phone="0812-9999-9999")
    assert response.status_code == 200
    assert "bukan nomor WhatsApp" in response.content.decode()
    assert not Complaint.objects.exists()
    # When it types the buyer's number
    response = post_complaint(client, order, buyer_phone=BUYER_PHONE)
    assert response.status_code == 302
    assert Complaint.objects.count() == 1
    # Then that browser gets no self-link (it may not be the buyer's phone)
    assert client.get(page_url(order)).context["own_link"] is None


def test_no_complaint_form_before_the_goods_were_handed_over(client):
    from tests.payments.escrow_factories import escrow_order, escrow_product, hold

    order = escrow_order(escrow_product())
    hold(order)
    as_buyer(client, order)
    response = client.get(new_url(order))
    assert response.status_code == 200
    assert b"<textarea" not in response.content
    post_complaint(client, order)
    assert not Complaint.objects.exists()


def test_unknown_links_are_404(client):
    assert client.get(new_url_for("x" * 10)).status_code == 404
    assert client.get(reverse("payments:complaint", args=["y" * 22])).status_code == 404


def new_url_for(token):
    return reverse("payments:complaint_new", args=[token])


def test_the_buyer_accepts_the_sellers_offer_on_the_page(client, order):
    as_buyer(client, order)
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="offer", actor=None, offer_idr=20_000)
    shown = client.get(page_url(order))
    assert "Terima tawaran" in shown.content.decode()
    assert gz(shown) <= BYTE_BUDGET
    response = client.post(
        reverse("payments:complaint_answer", args=[order.tracking_token]), {"answer": "accept"}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == C.SPLIT
    assert complaint.buyer_part_idr == 20_000


def test_a_stale_answer_is_a_message_not_an_error(client, order):
    as_buyer(client, order)
    complain(order)
    response = client.post(
        reverse("payments:complaint_answer", args=[order.tracking_token]), {"answer": "accept"}
    )
    assert response.status_code == 200
    assert "sudah berubah" in response.content.decode()
    assert Complaint.objects.get().status == C.OPEN


# --- The seller ---------------------------------------------------------------------------


def seller_url(order, complaint):
    return reverse("payments:seller_complaint", args=[order.seller_id, complaint.pk])


def test_the_seller_offers_part_back_and_tells_the_buyer_without_their_link(
    client, order, seller_user
):
    complaint = complain(order)
    client.force_login(seller_user)
    listing = client.get(reverse("payments:seller_complaints", args=[order.seller_id]))
    assert order.number in listing.content.decode()
    assert client.get(seller_url(order, complaint)).status_code == 200
    # A bad amount re-renders with a plain message
    bad = client.post(
        seller_url(order, complaint), {"answer": "offer", "offer_idr": "abc", "text": ""}
    )
    assert bad.status_code == 200
    assert "Tulis jumlah rupiah" in bad.content.decode()
    too_much = client.post(
        seller_url(order, complaint), {"answer": "offer", "offer_idr": "999.999.999"}
    )
    assert too_much.status_code == 200
    # A good one is kept, and the buyer is told without a private link
    ok = client.post(
        seller_url(order, complaint), {"answer": "offer", "offer_idr": "15.000", "text": "Maaf"}
    )
    assert ok.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == C.OFFERED
    assert complaint.offer_idr == 15_000
    links = [link for _w, link in client.get(seller_url(order, complaint)).context["links"]]
    assert links
    assert all(order.tracking_token not in whatsapp_text(link) for link in links)


def test_the_seller_cannot_decide_for_the_operator(client, order, seller_user):
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="disagree", actor=None, text="Barang baik")
    client.force_login(seller_user)
    # The seller's page has no decision form and its POST knows no decision
    page = client.get(seller_url(order, complaint))
    assert "decide_form" not in page.context
    response = client.post(seller_url(order, complaint), {"outcome": "release"})
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.status == C.OPERATOR
    # And the operator's page is not theirs
    store_url = reverse("payments:store_complaint", args=[order.store.slug, complaint.pk])
    assert client.get(store_url).status_code == 404


def test_another_seller_sees_nothing(client, order):
    complaint = complain(order)
    other = sent_order()
    stranger = make_user("0812-3700-0009", "Penjual Lain")
    SellerMember.objects.create(seller=other.seller, user=stranger, role=SellerMember.Role.OWNER)
    client.force_login(stranger)
    assert client.get(seller_url(order, complaint)).status_code == 404
    wrong_pair = reverse("payments:seller_complaint", args=[other.seller_id, complaint.pk])
    assert client.get(wrong_pair).status_code == 404
    assert client.post(wrong_pair, {"answer": "agree"}).status_code == 404
    assert Complaint.objects.get(pk=complaint.pk).status == C.OPEN


# --- The operator -------------------------------------------------------------------------


def test_the_operator_decides_a_split_from_the_queue(client, order, operator):
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="disagree", actor=None, text="Barang baik")
    client.force_login(operator)
    queue = client.get(reverse("payments:store_complaints", args=[order.store.slug]))
    assert queue.status_code == 200
    assert queue.context["counts"]["operator"] == 1
    url = reverse("payments:store_complaint", args=[order.store.slug, complaint.pk])
    # A split beyond the amount re-renders with the input and a plain message
    bad = client.post(url, {"outcome": "split", "seller_part": "99.999.999"})
    assert bad.status_code == 200
    assert "Bagian penjual harus" in bad.content.decode()
    ok = client.post(url, {"outcome": "split", "seller_part": "60.000", "text": "Adil"})
    assert ok.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == C.DECIDED
    assert complaint.seller_part_idr == 60_000
    # Both sides are told (the buyer without the private link)
    links = [link for _w, link in client.get(url).context["links"]]
    assert len(links) == 2
    assert all(order.tracking_token not in whatsapp_text(link) for link in links)


def test_another_stores_operator_sees_nothing(client, order):
    complaint = complain(order)
    other = sent_order()
    stranger = make_user("0812-3700-0010", "Operator Lain")
    StoreMember.objects.create(store=other.store, user=stranger, role=StoreMember.Role.OPERATOR)
    client.force_login(stranger)
    assert (
        client.get(reverse("payments:store_complaints", args=[order.store.slug])).status_code == 404
    )
    wrong = reverse("payments:store_complaint", args=[other.store.slug, complaint.pk])
    assert client.get(wrong).status_code == 404
    assert client.post(wrong, {"outcome": "release"}).status_code == 404


# --- The regional admin -------------------------------------------------------------------


def appealed(order, operator):
    complaint = complain(order)
    seller_answer(complaint=complaint, answer="disagree", actor=None, text="Barang baik")
    decide_complaint(complaint=complaint, outcome="release", actor=operator, actor_role="pengelola")
    from pasardesa.payments.services import buyer_answer

    buyer_answer(complaint=complaint, answer="appeal", actor=None, placed_here=True, text="Rusak")
    complaint.refresh_from_db()
    return complaint


def test_the_region_decides_an_appeal(client, order, operator, region_admin):
    complaint = appealed(order, operator)
    region = order.store.village.parent.parent
    client.force_login(region_admin)
    listing = client.get(reverse("payments:region_complaints", args=[region.code]))
    assert listing.status_code == 200
    assert order.number in listing.content.decode()
    url = reverse("payments:region_complaint", args=[region.code, complaint.pk])
    assert client.post(url, {"outcome": "refund"}).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == C.REFUNDED
    assert complaint.decided_role == "wilayah"


def test_the_operator_cannot_decide_an_appeal_and_a_region_elsewhere_sees_nothing(
    client, order, operator
):
    complaint = appealed(order, operator)
    client.force_login(operator)
    store_url = reverse("payments:store_complaint", args=[order.store.slug, complaint.pk])
    assert "decide_form" not in client.get(store_url).context
    client.post(store_url, {"outcome": "refund"})
    assert Complaint.objects.get(pk=complaint.pk).status == C.APPEALED
    # A regional admin of another kabupaten
    elsewhere = village("53.06.01.2001", "Desa Lain").parent.parent
    admin = make_user("0812-3700-0011", "Dinas Lain")
    RegionAdmin.objects.create(region=elsewhere, user=admin)
    client.force_login(admin)
    mine = client.get(reverse("payments:region_complaints", args=[elsewhere.code]))
    assert mine.status_code == 200
    assert order.number not in mine.content.decode()
    theirs = order.store.village.parent.parent.code
    assert client.get(reverse("payments:region_complaints", args=[theirs])).status_code == 404
    assert (
        client.get(
            reverse("payments:region_complaint", args=[elsewhere.code, complaint.pk])
        ).status_code
        == 404
    )


def test_pages_need_a_login(client, order):
    complaint = complain(order)
    url = reverse("payments:seller_complaint", args=[order.seller_id, complaint.pk])
    assert client.get(url).status_code == 302


def test_messages_from_each_side_are_on_both_pages(client, order, seller_user, operator):
    # Given a complaint
    complaint = complain(order)
    # When the buyer, the seller and the operator each write a message
    as_buyer(client, order)
    answer_url = reverse("payments:complaint_answer", args=[order.tracking_token])
    assert client.post(answer_url, {"answer": "message", "text": "Ini fotonya"}).status_code == 302
    client.force_login(seller_user)
    url = seller_url(order, complaint)
    assert client.post(url, {"answer": "message", "text": "Akan saya cek"}).status_code == 302
    client.force_login(operator)
    store_url = reverse("payments:store_complaint", args=[order.store.slug, complaint.pk])
    assert client.post(store_url, {"answer": "message", "text": "Saya pantau"}).status_code == 302
    # (each page has the message form)
    assert 'value="message"' in client.get(store_url).content.decode()
    # Then the status is unchanged and both sides read all three
    assert Complaint.objects.get(pk=complaint.pk).status == C.OPEN
    client.logout()
    as_buyer(client, order)
    buyer_html = client.get(page_url(order)).content.decode()
    client.force_login(seller_user)
    seller_html = client.get(url).content.decode()
    assert 'value="message"' in buyer_html
    assert 'value="message"' in seller_html
    for words in ("Ini fotonya", "Akan saya cek", "Saya pantau"):
        assert words in buyer_html
        assert words in seller_html
    # And an empty message re-renders with a plain error
    empty = client.post(url, {"answer": "message", "text": " "})
    assert empty.status_code == 200
    assert "Tulis alasannya" in empty.content.decode()


def test_a_long_complaint_page_stays_within_the_budget(client, order):
    # Given a complaint with three photos and a long exchange of messages
    from pasardesa.payments.services import add_message

    as_buyer(client, order)
    complaint = complain(order, photos=[photo_upload(f"{i}.jpg") for i in range(3)])
    for i in range(12):
        add_message(
            complaint=complaint,
            actor=None,
            actor_role="pengelola" if i % 2 else "penjual",
            text=f"Pesan nomor {i}: " + "barangnya sudah dicek dan difoto ulang. " * 5,
        )
    seller_answer(complaint=complaint, answer="offer", actor=None, offer_idr=25_000)
    # When the buyer opens it, JavaScript off
    response = client.get(page_url(order))
    # Then it fits the first round trip, its photos as lazy thumbnails
    assert response.status_code == 200
    assert gz(response) <= BYTE_BUDGET
    assert response.content.decode().count("<img") >= 3
