"""The treasurer's pages, given/when/then: confirm money in, see money held,
pay sellers (once per tap, with a CSV for the bank), pay refunds, reconcile."""

import csv
import datetime
import io
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from pasardesa.payments.models import Payment, PaymentStatus, Payout, Reconciliation
from pasardesa.payments.services import buyer_says_paid
from pasardesa.stores.models import StoreMember
from tests.demo_fixtures import _language_reset, page, photo_upload, whatsapp_text  # noqa: F401
from tests.payments.escrow_factories import escrow_order, hand_over, hold
from tests.payments.treasury_factories import appoint, escrow_item, refunded, released

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return escrow_item(price_idr=100_000)


@pytest.fixture
def store(item):
    return item.seller.store


@pytest.fixture
def treasurer(store):
    return appoint(store, "0812-3800-0900", name="Ibu Bendahara")


@pytest.fixture
def tclient(client, treasurer):
    client.force_login(treasurer)
    return client


def url(name: str, store, *args) -> str:
    return reverse(f"payments:treasurer_{name}", args=[store.slug, *args])


class TestPaymentsToConfirm:
    def test_the_list_shows_amount_code_buyer_and_what_the_buyer_said(self, tclient, item, store):
        # given two escrow orders, the newer one "paid" with a proof photo
        older = escrow_order(item, buyer_name="Yohanis Maro")
        newer = escrow_order(item, buyer_name="Sara Lado")
        buyer_says_paid(payment=newer.payment, proof=photo_upload())
        # when the treasurer opens the list
        response = tclient.get(url("confirm_list", store))
        html = page(response)
        # then both are there, newest first, with what matches the bank statement
        text = html.text
        assert text.index("Sara Lado") < text.index("Yohanis Maro")
        assert "Rp" + f"{older.payment.amount_idr:,}".replace(",", ".") in text
        assert f"kode unik {older.payment.unique_code_idr}" in text
        assert text.count("pembeli bilang sudah bayar") == 1
        assert any("payments/proofs/" in href for href in html.hrefs())
        assert "(2)" in text  # the count in the menu

    def test_dana_sudah_masuk_holds_the_money_and_offers_telling_the_seller(
        self, tclient, item, store
    ):
        order = escrow_order(item)
        # when the treasurer taps "Dana sudah masuk"
        response = tclient.post(url("confirm", store, order.payment.pk), follow=True)
        # then the money is held and one tap tells the seller, with their own order page
        assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.HELD
        links = page(response).wa_links()
        assert len(links) == 1
        message = whatsapp_text(links[0])
        assert "dana aman" in message and "silakan kirim" in message.lower()
        seller_page = reverse("orders:seller_order", args=[item.seller.pk, order.number])
        assert seller_page in message
        assert order.tracking_token not in message
        assert links[0].startswith("https://wa.me/6281234567891")

    def test_a_second_tap_changes_nothing_and_says_so(self, tclient, item, store, treasurer):
        order = escrow_order(item)
        tclient.post(url("confirm", store, order.payment.pk))
        response = tclient.post(url("confirm", store, order.payment.pk), follow=True)
        assert response.status_code == 200
        assert page(response).find_all("div", role="alert")
        assert Payment.objects.get(pk=order.payment.pk).events.filter(to_status="held").count() == 1


def test_money_held_lists_timers_in_the_stores_zone(tclient, item, store, treasurer):
    held = escrow_order(item)
    hold(held, by=treasurer)
    sent = escrow_order(item)
    hold(sent, by=treasurer)
    hand_over(sent)
    text = page(tclient.get(url("held", store))).text
    assert "harus diserahkan sebelum" in text
    assert "dilepas otomatis ke penjual" in text
    assert "WITA" in text


class TestPayouts:
    def test_the_page_shows_who_is_owed_how_much_to_which_account(self, tclient, item, store):
        order = released(item, by=appoint(store, "0812-3800-0950"))
        text = page(tclient.get(url("payouts", store))).text
        assert item.seller.business_name in text
        assert "Maria Lado" in text
        assert "Rp" + f"{order.payment.amount_idr:,}".replace(",", ".") in text

    def test_a_double_submit_pays_once(self, tclient, item, store, treasurer):
        order = released(item, by=treasurer)
        form = {
            "idempotency_key": str(uuid.uuid4()),
            "amount": str(order.payment.amount_idr),
            "reference": "TRF 778899",
        }
        first = tclient.post(url("payout", store, item.seller.pk), form)
        second = tclient.post(url("payout", store, item.seller.pk), form)
        assert first.status_code == second.status_code == 302
        assert Payout.objects.count() == 1
        payout = Payout.objects.get()
        assert (payout.amount_idr, payout.reference) == (order.payment.amount_idr, "TRF 778899")
        assert (
            "Tidak ada penjual yang menunggu dibayar"
            in page(tclient.get(url("payouts", store))).text
        )

    def test_more_than_owed_re_renders_with_plain_words(self, tclient, item, store, treasurer):
        order = released(item, by=treasurer)
        response = tclient.post(
            url("payout", store, item.seller.pk),
            {
                "idempotency_key": str(uuid.uuid4()),
                "amount": str(order.payment.amount_idr + 5_000),
                "reference": "TRF 1",
            },
        )
        assert response.status_code == 200
        assert "lebih besar dari yang harus dibayar" in page(response).text
        assert 'value="TRF 1"' in response.content.decode()
        assert Payout.objects.count() == 0

    def test_the_csv_lists_bank_account_holder_amount_and_note(
        self, tclient, item, store, treasurer
    ):
        order = released(item, by=treasurer)
        response = tclient.get(url("payouts_csv", store))
        assert response["Content-Type"].startswith("text/csv")
        assert "attachment" in response["Content-Disposition"]
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0] == ["bank", "nomor_rekening", "atas_nama", "jumlah", "keterangan"]
        assert rows[1][:4] == ["BRI", "0123456789012", "Maria Lado", str(order.payment.amount_idr)]
        assert item.seller.business_name in rows[1][4]
        assert len(rows) == 2

    def test_a_seller_name_that_looks_like_a_formula_is_defused_in_the_csv(
        self, tclient, item, store, treasurer
    ):
        from pasardesa.sellers.models import Seller

        Seller.objects.filter(pk=item.seller.pk).update(bank_account_holder="=HYPERLINK(1)")
        released(item, by=treasurer)
        content = tclient.get(url("payouts_csv", store)).content.decode("utf-8-sig")
        assert "'=HYPERLINK(1)" in content


class TestRefunds:
    def test_without_an_account_the_buyer_is_asked_on_whatsapp_with_their_own_link(
        self, tclient, item, store, treasurer
    ):
        order = refunded(item, by=treasurer)
        html = page(tclient.get(url("refunds", store)))
        assert "minta rekening pembeli" in html.text
        (link,) = html.wa_links()
        assert link.startswith("https://wa.me/6281338001234")
        assert reverse("orders:track", args=[order.tracking_token]) in whatsapp_text(link)

    def test_paying_it_records_the_reference_and_empties_the_list(
        self, tclient, item, store, treasurer
    ):
        order = refunded(item, by=treasurer)
        Payment.objects.filter(pk=order.payment.pk).update(refund_to="DANA 081338001234")
        form = {"idempotency_key": str(uuid.uuid4()), "paid_to": "", "reference": "REF-9"}
        tclient.post(url("refund", store, order.payment.pk), form)
        tclient.post(url("refund", store, order.payment.pk), form)
        payout = Payout.objects.get()
        assert (payout.paid_to, payout.reference) == ("DANA 081338001234", "REF-9")
        assert payout.amount_idr == order.payment.amount_idr
        text = page(tclient.get(url("refunds", store))).text
        assert "Tidak ada pengembalian dana yang menunggu" in text

    def test_no_account_and_none_written_re_renders_the_form(self, tclient, item, store, treasurer):
        order = refunded(item, by=treasurer)
        response = tclient.post(
            url("refund", store, order.payment.pk),
            {"idempotency_key": str(uuid.uuid4()), "paid_to": "", "reference": "REF-1"},
        )
        assert response.status_code == 200
        assert "Tulis rekening atau dompet digital pembeli" in page(response).text
        assert Payout.objects.count() == 0


class TestReconciliation:
    def test_the_difference_between_bank_and_books_is_shown_and_kept(
        self, tclient, item, store, treasurer
    ):
        # given Rp held for one order and a seller owed another
        held = escrow_order(item)
        hold(held, by=treasurer)
        done = released(item, by=treasurer)
        expected = held.payment.amount_idr + done.payment.amount_idr
        today = timezone.localdate(timezone=store.time_zone)
        # when the treasurer enters a bank balance Rp10.000 short
        response = tclient.post(
            url("reconcile", store),
            {"date": today.isoformat(), "bank_balance": str(expected - 10_000)},
            follow=True,
        )
        # then the page says what the books expect and the gap, and keeps the entry
        entry = Reconciliation.objects.get()
        assert (entry.expected_idr, entry.difference_idr) == (expected, -10_000)
        assert entry.entered_by == treasurer
        text = page(response).text
        assert "berbeda Rp10.000" in text
        assert "Rp" + f"{expected:,}".replace(",", ".") in text

    def test_a_matching_balance_says_so(self, tclient, store):
        today = timezone.localdate(timezone=store.time_zone)
        response = tclient.post(
            url("reconcile", store), {"date": today.isoformat(), "bank_balance": "0"}, follow=True
        )
        assert "Saldo bank cocok dengan buku" in page(response).text

    def test_a_day_before_the_money_came_in_expects_nothing(self, tclient, item, store, treasurer):
        hold(escrow_order(item), by=treasurer)
        yesterday = timezone.localdate(timezone=store.time_zone) - datetime.timedelta(days=1)
        tclient.post(url("reconcile", store), {"date": yesterday.isoformat(), "bank_balance": "0"})
        assert Reconciliation.objects.get().expected_idr == 0

    def test_bad_input_re_renders_in_plain_words(self, tclient, store):
        response = tclient.post(url("reconcile", store), {"date": "kemarin", "bank_balance": "x"})
        assert response.status_code == 200
        text = page(response).text
        assert "Tulis tanggal seperti 31/12/2025." in text
        assert Reconciliation.objects.count() == 0


def test_the_overview_counts_each_list(tclient, item, store, treasurer):
    escrow_order(item)
    hold(escrow_order(item), by=treasurer)
    released(item, by=treasurer)
    refunded(item, by=treasurer)
    response = tclient.get(url("home", store))
    counts = response.context["counts"]
    assert counts == {"to_confirm": 1, "held": 1, "disputed": 0, "payouts": 1, "refunds": 1}


class TestTheTreasurerRole:
    def test_kelola_home_lists_the_store_and_links_to_its_treasurer_page(self, tclient, store):
        html = page(tclient.get(reverse("kelola:home")))
        assert "Bendahara" in html.text
        assert url("home", store) in html.hrefs()

    def test_the_team_page_invites_a_treasurer(self, client, store):
        operator = appoint(store, "0812-3800-0960", StoreMember.Role.OPERATOR)
        client.force_login(operator)
        response = client.get(reverse("kelola:team", args=[store.slug]))
        assert page(response).find_all("input", value="treasurer")
        client.post(
            reverse("kelola:team", args=[store.slug]),
            {"phone": "0812-3800-0961", "role": "treasurer"},
        )
        from pasardesa.stores.models import StoreInvitation

        invitation = StoreInvitation.objects.get(phone="+6281238000961")
        assert invitation.role == StoreMember.Role.TREASURER

    def test_an_invited_treasurer_reads_what_the_role_does(self, client, store):
        from pasardesa.stores.services import invite_store_member
        from tests.payments.treasury_factories import person

        invitee = person("0812-3800-0962")
        invite_store_member(
            store=store, phone=invitee.phone, role=StoreMember.Role.TREASURER, invited_by=None
        )
        client.force_login(invitee)
        text = page(client.get(reverse("kelola:home"))).text
        assert "Bendahara memastikan uang pembeli masuk" in text


def test_after_a_payout_one_tap_tells_the_seller_with_their_own_page(
    tclient, item, store, treasurer
):
    order = released(item, by=treasurer)
    response = tclient.post(
        url("payout", store, item.seller.pk),
        {
            "idempotency_key": str(uuid.uuid4()),
            "amount": str(order.payment.amount_idr),
            "reference": "TRF 55",
        },
        follow=True,
    )
    (link,) = page(response).wa_links()
    message = whatsapp_text(link)
    assert link.startswith("https://wa.me/6281234567891")
    assert "TRF 55" in message
    assert reverse("kelola:seller_home", args=[item.seller.pk]) in message
    assert order.tracking_token not in message


def test_after_a_refund_one_tap_tells_the_buyer_with_their_own_link(
    tclient, item, store, treasurer
):
    order = refunded(item, by=treasurer)
    response = tclient.post(
        url("refund", store, order.payment.pk),
        {"idempotency_key": str(uuid.uuid4()), "paid_to": "BRI 99887766", "reference": "R-7"},
        follow=True,
    )
    (link,) = page(response).wa_links()
    assert link.startswith("https://wa.me/6281338001234")
    message = whatsapp_text(link)
    assert "R-7" in message and "BRI 99887766" in message
    assert reverse("orders:track", args=[order.tracking_token]) in message


@pytest.mark.parametrize("name", ["confirm_list", "held", "payouts", "refunds"])
def test_each_list_reads_in_a_fixed_number_of_queries(tclient, store, treasurer, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import SellerFactory
    from tests.orders.factories import product
    from tests.payments.treasury_factories import with_bank

    def add_one():
        # a new seller of the same store, with an order in each list
        item = product(price_idr=20_000, stock=None, seller=SellerFactory(store=store))
        with_bank(item.seller)
        escrow_order(item)
        hold(escrow_order(item), by=treasurer)
        released(item, by=treasurer)
        refunded(item, by=treasurer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert tclient.get(url(name, store)).status_code == 200
        return len(queries)

    add_one()
    one = count()
    add_one()
    add_one()
    assert count() == one
