"""Setting up where money is paid, from the services' side: a QRIS read from
a photo or text, saved only by those allowed, and the store's rekening bersama."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from pasardesa.core.images import ERROR_TOO_MANY_PIXELS
from pasardesa.payments import qris
from pasardesa.payments.services import (
    clear_seller_qris,
    parse_fee_percent,
    read_qris_sticker,
    set_escrow_qris,
    set_seller_qris,
    set_store_escrow,
)
from pasardesa.sellers.models import SellerMember
from pasardesa.stores.models import Store, StoreEscrow, StoreMember
from tests.demo_fixtures import png_declaring
from tests.factories import SellerFactory, StoreFactory
from tests.payments.qris_samples import GOPAY_STATIC, NOBU_STATIC
from tests.payments.test_qris_image import qr_image, upload
from tests.payments.treasury_factories import appoint, seller_member

pytestmark = pytest.mark.django_db


def refused(call, message) -> ValidationError:
    with pytest.raises(ValidationError) as excinfo:
        call()
    assert str(message) in " ".join(excinfo.value.messages)
    return excinfo.value


class TestReadingASticker:
    def test_pasted_text_is_read_with_its_merchant_and_nmid(self):
        static = read_qris_sticker(text="  " + GOPAY_STATIC + "\n")
        assert static.merchant_name == "aldo soft"
        assert static.nmid == "ID1025389683406"
        assert static.merchant_city == "PASAMAN BARAT"

    def test_a_photo_is_decoded_on_the_server(self):
        static = read_qris_sticker(upload=upload(qr_image(NOBU_STATIC), "PNG", "qris.png"))
        assert static.payload == NOBU_STATIC

    def test_the_photo_wins_over_pasted_text(self):
        photo = upload(qr_image(NOBU_STATIC), "PNG", "qris.png")
        assert read_qris_sticker(upload=photo, text=GOPAY_STATIC).payload == NOBU_STATIC

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            (GOPAY_STATIC[:-4] + "2276", qris.ERROR_CRC),
            ("https://toko.example/bayar", qris.ERROR_URL),
            ("", qris.ERROR_EMPTY),
            ("halo apa kabar", qris.ERROR_NOT_QRIS),
        ],
    )
    def test_bad_text_is_refused_in_plain_words(self, text, message):
        refused(lambda: read_qris_sticker(text=text), message)

    def test_a_qr_of_a_web_address_is_refused(self):
        photo = upload(qr_image("https://contoh.id/promo"), "PNG", "qr.png")
        refused(lambda: read_qris_sticker(upload=photo), qris.ERROR_URL)

    def test_a_blank_photo_is_refused(self):
        photo = upload(Image.new("RGB", (300, 300), (250, 250, 250)), "JPEG", "kosong.jpg")
        refused(lambda: read_qris_sticker(upload=photo), qris.ERROR_BLANK)

    def test_a_decompression_bomb_is_refused_before_decoding(self):
        bomb = SimpleUploadedFile("bom.png", png_declaring(20_000, 20_000))
        refused(lambda: read_qris_sticker(upload=bomb), ERROR_TOO_MANY_PIXELS)


class TestTheSellersQris:
    def test_the_owner_sets_it_and_the_name_and_nmid_are_kept(self):
        seller = SellerFactory()
        owner = seller_member(seller, "0812-3900-0001")
        set_seller_qris(seller=seller, payload=GOPAY_STATIC, actor=owner)
        seller.refresh_from_db()
        assert seller.qris_payload == GOPAY_STATIC
        assert (seller.qris_merchant_name, seller.qris_nmid) == ("aldo soft", "ID1025389683406")

    def test_a_treasurer_of_the_sellers_store_may_set_it(self):
        seller = SellerFactory()
        treasurer = appoint(seller.store, "0812-3900-0002")
        set_seller_qris(seller=seller, payload=NOBU_STATIC, actor=treasurer)
        seller.refresh_from_db()
        assert seller.qris_nmid == "ID2023270994163"

    @pytest.mark.parametrize("who", ["staff", "operator", "other_treasurer", "stranger"])
    def test_others_are_refused_and_nothing_changes(self, who):
        seller = SellerFactory()
        people = {
            "staff": lambda: seller_member(seller, "0812-3900-0003", SellerMember.Role.STAFF),
            "operator": lambda: appoint(seller.store, "0812-3900-0004", StoreMember.Role.OPERATOR),
            "other_treasurer": lambda: appoint(StoreFactory(), "0812-3900-0005"),
            "stranger": lambda: seller_member(SellerFactory(), "0812-3900-0006"),
        }
        actor = people[who]()
        refused(
            lambda: set_seller_qris(seller=seller, payload=GOPAY_STATIC, actor=actor),
            "Hanya pemilik usaha atau bendahara",
        )
        seller.refresh_from_db()
        assert seller.qris_payload == ""

    def test_a_tampered_payload_is_read_again_and_refused(self):
        seller = SellerFactory()
        owner = seller_member(seller, "0812-3900-0007")
        refused(
            lambda: set_seller_qris(
                seller=seller, payload=GOPAY_STATIC.replace("aldo soft", "aldo sofa"), actor=owner
            ),
            qris.ERROR_CRC,
        )
        seller.refresh_from_db()
        assert seller.qris_payload == ""

    def test_the_owner_removes_it(self):
        seller = SellerFactory()
        owner = seller_member(seller, "0812-3900-0008")
        set_seller_qris(seller=seller, payload=GOPAY_STATIC, actor=owner)
        clear_seller_qris(seller=seller, actor=owner)
        seller.refresh_from_db()
        assert not seller.has_qris
        assert seller.qris_nmid == ""


@pytest.mark.parametrize(
    ("text", "points"),
    [("", 0), ("0", 0), ("1,5", 150), ("1.5", 150), ("2 %", 200), ("0,05", 5), ("10", 1000)],
)
def test_a_fee_in_percent_becomes_basis_points(text, points):
    assert parse_fee_percent(text) == points


@pytest.mark.parametrize("text", ["10,5", "11", "-1", "1,555", "satu", "1e2"])
def test_a_fee_beyond_ten_percent_or_not_a_number_is_refused(text):
    refused(lambda: parse_fee_percent(text), "")


class TestTheStoresEscrow:
    @pytest.fixture
    def store(self):
        return StoreFactory()

    @pytest.fixture
    def operator(self, store):
        return appoint(store, "0812-3900-0100", StoreMember.Role.OPERATOR, "Pak Yoram")

    def bank(self, **changes):
        return {
            "holder_name": "BUMDes Dulolong Maju",
            "bank_name": "BRI",
            "bank_account_number": "0123-01-000123-45-6",
            "bank_account_holder": "BUMDes Dulolong Maju",
        } | changes

    def test_the_operator_sets_it_up_with_a_fee_timers_and_the_payment_deadline(
        self, store, operator
    ):
        escrow = set_store_escrow(
            store=store,
            actor=operator,
            **self.bank(),
            fee_percent="1,5",
            send_days=3,
            release_hours=72,
            extend_days=2,
            unpaid_expiry_hours=12,
        )
        assert escrow.bank_account_number == "012301000123456"
        assert escrow.fee_basis_points == 150
        assert (escrow.send_days, escrow.release_hours, escrow.extend_days) == (3, 72, 2)
        assert escrow.is_active
        assert Store.objects.get(pk=store.pk).unpaid_expiry_hours == 12

    def test_a_qris_only_escrow_is_allowed(self, store, operator):
        escrow = set_store_escrow(
            store=store, actor=operator, holder_name="BUMDes", qris_payload=GOPAY_STATIC
        )
        assert escrow.bank_account_number == ""
        assert escrow.qris_merchant_name == "aldo soft"

    def test_nowhere_to_pay_is_refused(self, store, operator):
        error = refused(
            lambda: set_store_escrow(store=store, actor=operator, holder_name="BUMDes"),
            "Isi rekening bank atau pasang QRIS",
        )
        assert "bank_account_number" in error.message_dict
        assert not StoreEscrow.objects.filter(store=store).exists()

    def test_half_a_bank_account_is_refused_field_by_field(self, store, operator):
        error = refused(
            lambda: set_store_escrow(
                store=store,
                actor=operator,
                **self.bank(bank_name="", bank_account_number="12ab"),
            ),
            "",
        )
        assert set(error.message_dict) == {"bank_name", "bank_account_number"}

    def test_timers_out_of_range_and_a_big_fee_are_refused(self, store, operator):
        error = refused(
            lambda: set_store_escrow(
                store=store,
                actor=operator,
                **self.bank(),
                fee_percent="12",
                send_days=0,
                release_hours=10,
                extend_days=30,
                unpaid_expiry_hours=500,
            ),
            "",
        )
        assert set(error.message_dict) == {
            "fee_percent",
            "send_days",
            "release_hours",
            "extend_days",
            "unpaid_expiry_hours",
        }
        assert not StoreEscrow.objects.filter(store=store).exists()

    def test_a_bad_qris_is_refused(self, store, operator):
        error = refused(
            lambda: set_store_escrow(
                store=store, actor=operator, **self.bank(), qris_payload="https://x.id"
            ),
            qris.ERROR_URL,
        )
        assert "qris" in error.message_dict

    @pytest.mark.parametrize("role", [StoreMember.Role.TREASURER, StoreMember.Role.COURIER])
    def test_only_the_operator_of_this_store_may(self, store, role):
        member = appoint(store, "0812-3900-0101", role)
        other_operator = appoint(StoreFactory(), "0812-3900-0102", StoreMember.Role.OPERATOR)
        for actor in (member, other_operator):
            refused(
                lambda actor=actor: set_store_escrow(store=store, actor=actor, **self.bank()),
                "Hanya pengelola toko ini",
            )
        assert not StoreEscrow.objects.filter(store=store).exists()

    def test_the_escrow_qris_keeps_the_bank_account(self, store, operator):
        set_store_escrow(store=store, actor=operator, **self.bank())
        escrow = set_escrow_qris(store=store, payload=NOBU_STATIC, actor=operator)
        assert escrow.bank_account_number == "012301000123456"
        assert escrow.qris_merchant_name == "GRANOOL STORE OK1229577"
