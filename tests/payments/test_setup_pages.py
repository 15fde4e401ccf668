"""The QRIS and rekening bersama setup pages: read a sticker, ask "Apakah ini
QRIS Anda?", save only on "Ya"; bad stickers come back with plain words."""

import pytest
from django.urls import reverse

from pasardesa.payments import qris
from pasardesa.sellers.models import Seller, SellerMember
from pasardesa.stores.models import Store, StoreEscrow, StoreMember
from tests.demo_fixtures import _language_reset, page  # noqa: F401 (autouse fixture)
from tests.factories import SellerFactory, StoreFactory
from tests.payments.qris_samples import GOPAY_STATIC, NOBU_STATIC
from tests.payments.test_qris_image import qr_image, upload
from tests.payments.treasury_factories import appoint, seller_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def seller():
    return SellerFactory(business_name="Kopi Ibu Maria", slug="kopi-ibu-maria")


@pytest.fixture
def owner_client(client, seller):
    client.force_login(seller_member(seller, "0812-3901-0001"))
    return client


def qris_url(seller) -> str:
    return reverse("payments:seller_qris", args=[seller.pk])


class TestTheSellersQrisPage:
    def test_pasted_text_is_shown_back_and_saved_only_on_yes(self, owner_client, seller):
        # when the owner pastes the sticker's text
        response = owner_client.post(qris_url(seller), {"text": GOPAY_STATIC})
        # then the page asks whether this is theirs, with name, NMID and city
        text = page(response).text
        assert "Apakah ini QRIS Anda?" in text
        assert "aldo soft" in text and "ID1025389683406" in text and "PASAMAN BARAT" in text
        seller.refresh_from_db()
        assert not seller.has_qris
        # when they answer "Ya"
        response = owner_client.post(qris_url(seller), {"payload": GOPAY_STATIC, "answer": "ya"})
        # then it is saved
        assert response.status_code == 302
        seller.refresh_from_db()
        assert seller.qris_payload == GOPAY_STATIC
        assert "aldo soft" in page(owner_client.get(qris_url(seller))).text

    def test_an_uploaded_photo_is_read_and_confirmed(self, owner_client, seller):
        photo = upload(qr_image(NOBU_STATIC), "PNG", "qris.png")
        response = owner_client.post(qris_url(seller), {"photo": photo, "text": ""})
        assert "GRANOOL STORE OK1229577" in page(response).text
        owner_client.post(qris_url(seller), {"payload": NOBU_STATIC, "answer": "ya"})
        seller.refresh_from_db()
        assert seller.qris_nmid == "ID2023270994163"

    def test_no_saves_nothing(self, owner_client, seller):
        response = owner_client.post(
            qris_url(seller), {"payload": GOPAY_STATIC, "answer": "bukan"}, follow=True
        )
        assert "QRIS tidak disimpan" in page(response).text
        seller.refresh_from_db()
        assert not seller.has_qris

    def test_a_payload_changed_in_the_hidden_field_is_refused(self, owner_client, seller):
        forged = GOPAY_STATIC.replace("aldo soft", "maling xx")
        response = owner_client.post(qris_url(seller), {"payload": forged, "answer": "ya"})
        assert response.status_code == 200
        assert str(qris.ERROR_CRC) in page(response).text
        seller.refresh_from_db()
        assert not seller.has_qris

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (GOPAY_STATIC[:-4] + "2276", qris.ERROR_CRC),
            ("https://toko.example/bayar", qris.ERROR_URL),
            ("000201halo", qris.ERROR_MALFORMED),
        ],
    )
    def test_a_bad_sticker_is_refused_and_the_form_keeps_the_text(
        self, owner_client, seller, text, message
    ):
        response = owner_client.post(qris_url(seller), {"text": text})
        assert response.status_code == 200
        html = page(response)
        assert str(message) in html.text
        assert text in response.content.decode()
        assert "Apakah ini QRIS Anda?" not in html.text

    def test_a_blank_photo_and_nothing_at_all_are_refused_in_plain_words(
        self, owner_client, seller
    ):
        from PIL import Image

        blank = upload(Image.new("RGB", (300, 300), (255, 255, 255)), "PNG", "putih.png")
        assert (
            str(qris.ERROR_BLANK)
            in page(owner_client.post(qris_url(seller), {"photo": blank})).text
        )
        assert (
            "Unggah foto stiker QRIS atau tempel isinya"
            in page(owner_client.post(qris_url(seller), {"text": "  "})).text
        )

    def test_the_owner_removes_it(self, owner_client, seller):
        Seller.objects.filter(pk=seller.pk).update(qris_payload=GOPAY_STATIC)
        owner_client.post(reverse("payments:seller_qris_clear", args=[seller.pk]))
        seller.refresh_from_db()
        assert not seller.has_qris

    def test_the_sellers_home_links_to_it_for_the_owner(self, owner_client, seller):
        response = owner_client.get(reverse("kelola:seller_home", args=[seller.pk]))
        assert qris_url(seller) in page(response).hrefs()

    def test_a_treasurer_of_the_store_may_open_it(self, client, seller):
        client.force_login(appoint(seller.store, "0812-3901-0002"))
        assert client.get(qris_url(seller)).status_code == 200

    @pytest.mark.parametrize("who", ["staff", "operator", "other_owner", "other_treasurer"])
    def test_others_get_a_404_and_nothing_changes(self, client, seller, who):
        actor = {
            "staff": lambda: seller_member(seller, "0812-3901-0003", SellerMember.Role.STAFF),
            "operator": lambda: appoint(seller.store, "0812-3901-0004", StoreMember.Role.OPERATOR),
            "other_owner": lambda: seller_member(SellerFactory(), "0812-3901-0005"),
            "other_treasurer": lambda: appoint(StoreFactory(), "0812-3901-0006"),
        }[who]()
        client.force_login(actor)
        assert client.get(qris_url(seller)).status_code == 404
        response = client.post(qris_url(seller), {"payload": GOPAY_STATIC, "answer": "ya"})
        assert response.status_code == 404
        seller.refresh_from_db()
        assert not seller.has_qris

    def test_anonymous_is_sent_to_log_in(self, client, seller):
        response = client.get(qris_url(seller))
        assert response.status_code == 302
        assert "/masuk" in response["Location"] or "login" in response["Location"]


@pytest.fixture
def store():
    return StoreFactory(name="Toko Desa Dulolong", slug="dulolong")


@pytest.fixture
def operator_client(client, store):
    client.force_login(appoint(store, "0812-3901-0100", StoreMember.Role.OPERATOR, "Pak Yoram"))
    return client


def escrow_url(store) -> str:
    return reverse("payments:escrow_setup", args=[store.slug])


FORM = {
    "holder_name": "BUMDes Dulolong Maju",
    "bank_name": "BRI",
    "bank_account_number": "0123 0100 0123 456",
    "bank_account_holder": "BUMDes Dulolong Maju",
    "fee_percent": "1,5",
    "send_days": "2",
    "release_hours": "48",
    "extend_days": "3",
    "unpaid_expiry_hours": "24",
    "is_active": "on",
}


class TestTheEscrowSetupPage:
    def test_the_operators_store_page_links_to_it(self, operator_client, store):
        response = operator_client.get(reverse("kelola:store", args=[store.slug]))
        assert escrow_url(store) in page(response).hrefs()

    def test_the_operator_saves_the_account_fee_and_timers(self, operator_client, store):
        response = operator_client.post(escrow_url(store), FORM)
        assert response.status_code == 302
        escrow = StoreEscrow.objects.get(store=store)
        assert escrow.bank_account_number == "012301000123456"
        assert escrow.fee_basis_points == 150
        # and the page shows the fee back as it was written
        assert 'value="1,5"' in operator_client.get(escrow_url(store)).content.decode()

    def test_bad_input_comes_back_with_plain_words_and_the_input_kept(self, operator_client, store):
        response = operator_client.post(
            escrow_url(store), FORM | {"fee_percent": "15", "bank_account_holder": ""}
        )
        assert response.status_code == 200
        text = page(response).text
        assert "Biaya desa paling tinggi 10 %." in text
        assert "Tulis nama pemilik rekening" in text
        assert 'value="BUMDes Dulolong Maju"' in response.content.decode()
        assert not StoreEscrow.objects.filter(store=store).exists()

    def test_its_qris_is_confirmed_in_two_steps(self, operator_client, store):
        operator_client.post(escrow_url(store), FORM)
        qris_url = reverse("payments:escrow_qris", args=[store.slug])
        photo = upload(qr_image(GOPAY_STATIC), "PNG", "qris.png")
        asked = operator_client.post(qris_url, {"photo": photo})
        assert "Apakah ini QRIS Anda?" in page(asked).text
        assert StoreEscrow.objects.get(store=store).qris_payload == ""
        operator_client.post(qris_url, {"payload": GOPAY_STATIC, "answer": "ya"})
        escrow = StoreEscrow.objects.get(store=store)
        assert escrow.qris_nmid == "ID1025389683406"
        assert escrow.bank_account_number == "012301000123456"

    def test_a_bad_escrow_sticker_re_renders_the_page(self, operator_client, store):
        response = operator_client.post(
            reverse("payments:escrow_qris", args=[store.slug]), {"text": "https://x.id"}
        )
        assert response.status_code == 200
        assert str(qris.ERROR_URL) in page(response).text

    @pytest.mark.parametrize("role", [StoreMember.Role.TREASURER, StoreMember.Role.COURIER])
    def test_other_members_and_other_stores_operators_get_a_404(self, client, store, role):
        member = appoint(store, "0812-3901-0101", role)
        other = appoint(StoreFactory(), "0812-3901-0102", StoreMember.Role.OPERATOR)
        for actor in (member, other):
            client.force_login(actor)
            assert client.get(escrow_url(store)).status_code == 404
            assert client.post(escrow_url(store), FORM).status_code == 404
        assert not StoreEscrow.objects.filter(store=store).exists()
        assert Store.objects.get(pk=store.pk).unpaid_expiry_hours == 24


def test_the_escrow_page_names_the_treasurers_or_says_there_is_none(operator_client, store):
    url = escrow_url(store)
    html = page(operator_client.get(url))
    assert "Belum ada bendahara" in html.text
    assert reverse("kelola:team", args=[store.slug]) in html.hrefs()
    appoint(store, "0812-3901-0110", name="Ibu Marta")
    assert "Ibu Marta" in page(operator_client.get(url)).text
