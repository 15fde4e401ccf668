"""Bargaining (tawar): the buyer's offer, the answers back and forth, and its end."""

import datetime
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from pasardesa.catalog.models import Product
from pasardesa.core.models import IdempotencyKey
from pasardesa.orders.models import (
    ACCEPTED_OFFER_HOURS,
    MAX_OFFER_ROUNDS,
    ActorRole,
    Offer,
    OfferEvent,
    OfferStatus,
)
from pasardesa.orders.services import OfferChanged, expire_offers, make_offer, transition_offer
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import Store
from tests.orders.factories import BUYER_PHONE_E164, stock_of
from tests.orders.offer_factories import (
    BUYER_COUNTER,
    BUYER_PRICE,
    SELLER_PRICE,
    age,
    negotiable,
    offer_in,
    offer_on,
    offer_state,
    step,
)

pytestmark = pytest.mark.django_db

S, R = OfferStatus, ActorRole
HOUR = datetime.timedelta(hours=1)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def coffee(maria):
    """Maria's coffee, Rp25.000 a bag, 10 in stock, open to offers."""
    return negotiable(maria, name="Kopi Alor", stock=10)


def written() -> tuple[int, int, int]:
    """Every table making an offer writes to."""
    return Offer.objects.count(), OfferEvent.objects.count(), IdempotencyKey.objects.count()


def refused(offer: Offer, error=ValidationError, **kwargs) -> pytest.ExceptionInfo:
    """Take a step that must be refused; assert it changed nothing."""
    before = offer_state(offer)
    with pytest.raises(error) as caught:
        transition_offer(offer=offer, actor=None, **kwargs)
    assert offer_state(offer) == before
    return caught


class TestMakingAnOffer:
    def test_the_offer_waits_for_the_seller_for_the_stores_time(self, coffee, buyer_user):
        # Given a store whose sellers answer within 6 hours
        Store.objects.filter(pk=coffee.seller.store_id).update(order_expiry_hours=6)
        before = timezone.now()
        # When the buyer offers Rp18.000 a bag for 3 bags
        offer = offer_on(
            coffee, price=18_000, quantity=3, user=buyer_user, note="  Untuk arisan.  "
        )
        # Then the offer waits for the seller, with what the buyer saw snapshotted
        offer.refresh_from_db()
        assert (offer.status, offer.buyer_price_idr, offer.seller_price_idr) == (
            S.PENDING,
            18_000,
            None,
        )
        assert (offer.agreed_price_idr, offer.rounds, offer.quantity) == (None, 1, 3)
        assert (offer.product_name, offer.unit, offer.list_price_idr) == (
            "Kopi Alor",
            "bungkus",
            25_000,
        )
        assert (offer.seller, offer.store_id) == (coffee.seller, coffee.seller.store_id)
        assert (offer.buyer, offer.buyer_phone) == (buyer_user, BUYER_PHONE_E164)
        assert offer.total_on_table_idr == 54_000
        # And the seller has 6 hours to answer
        assert before + 6 * HOUR <= offer.expires_at <= timezone.now() + 6 * HOUR
        # And a number to read aloud and a private link that does not contain it
        assert re.fullmatch(r"TW-\d{6}-[A-HJKMNP-Z2-9]{6}", offer.number)
        assert len(offer.token) >= 32
        assert offer.number not in offer.token
        # And one event: the buyer proposed 18.000, with the note
        event = offer.events.get()
        assert (event.from_status, event.to_status, event.price_idr) == ("", S.PENDING, 18_000)
        assert (event.actor, event.actor_role, event.note) == (buyer_user, R.BUYER, "Untuk arisan.")
        # And no stock is held by an offer
        assert stock_of(coffee) == 10

    def test_an_anonymous_buyer_is_not_stored_as_an_account(self, coffee):
        offer = offer_on(coffee)
        assert offer.buyer is None
        assert offer.events.get().actor is None

    @pytest.mark.parametrize(
        ("price", "message"),
        [
            (
                25_000,
                "Tawaran harus di bawah harga jual Rp25.000. Setuju dengan harga itu? "
                "Langsung pesan saja.",
            ),
            (
                30_000,
                "Tawaran harus di bawah harga jual Rp25.000. Setuju dengan harga itu? "
                "Langsung pesan saja.",
            ),
            (0, "Harga tawaran paling sedikit Rp1."),
            (-18_000, "Harga tawaran paling sedikit Rp1."),
            (18_000.0, "Tulis harga tawaran dalam rupiah, contoh 12.500."),
            (18_000.5, "Tulis harga tawaran dalam rupiah, contoh 12.500."),
            ("18000", "Tulis harga tawaran dalam rupiah, contoh 12.500."),
            (True, "Tulis harga tawaran dalam rupiah, contoh 12.500."),
            (None, "Tulis harga tawaran dalam rupiah, contoh 12.500."),
            (10**12 + 1, "Harga tawaran terlalu besar."),
        ],
    )
    def test_the_price_is_a_whole_rupiah_below_the_sale_price(self, coffee, price, message):
        # When the buyer offers an impossible price
        with pytest.raises(ValidationError) as caught:
            offer_on(coffee, price=price)
        # Then they are told why, under the price, and nothing was written
        assert caught.value.message_dict == {"price_idr": [message]}
        assert written() == (0, 0, 0)

    def test_just_below_the_sale_price_is_an_offer(self, coffee):
        assert offer_on(coffee, price=24_999).buyer_price_idr == 24_999
        assert offer_on(coffee, price=1).buyer_price_idr == 1

    def test_the_sale_price_is_the_discounted_one(self, maria):
        # Given a Rp20.000 product at 25% off (Rp15.000)
        item = negotiable(maria, price_idr=20_000, discount_percent=25)
        # When the buyer offers the discounted price, then it is no offer
        with pytest.raises(ValidationError) as caught:
            offer_on(item, price=15_000)
        assert "Rp15.000" in caught.value.message_dict["price_idr"][0]
        assert offer_on(item, price=14_000).list_price_idr == 15_000

    @pytest.mark.parametrize(
        ("quantity", "message"),
        [
            (0, "Jumlah paling sedikit 1."),
            (-2, "Jumlah paling sedikit 1."),
            (10**12, "Jumlah paling banyak 9.999 per produk."),
            (10_000, "Jumlah paling banyak 9.999 per produk."),
            ("abc", "Jumlah harus berupa angka bulat."),
            (2.5, "Jumlah harus berupa angka bulat."),
            (None, "Jumlah harus berupa angka bulat."),
        ],
    )
    def test_the_quantity_is_a_whole_number_1_to_9999(self, coffee, quantity, message):
        with pytest.raises(ValidationError) as caught:
            offer_on(coffee, quantity=quantity)
        assert caught.value.message_dict == {"quantity": [message]}
        assert written() == (0, 0, 0)

    def test_a_quantity_typed_as_text_is_read(self, coffee):
        assert offer_on(coffee, quantity=" 4 ").quantity == 4

    @pytest.mark.parametrize(
        ("stock", "message"),
        [
            (3, "Stok Kopi Alor tinggal 3 bungkus, kurang dari 5."),
            (0, "Kopi Alor sudah habis."),
        ],
    )
    def test_more_than_in_stock_is_refused(self, coffee, stock, message):
        Product.objects.filter(pk=coffee.pk).update(stock=stock)
        with pytest.raises(ValidationError) as caught:
            offer_on(coffee, quantity=5)
        assert caught.value.message_dict == {"quantity": [message]}
        assert written() == (0, 0, 0)

    def test_unlimited_stock_takes_any_quantity(self, maria):
        item = negotiable(maria, stock=None)
        assert offer_on(item, quantity=9_999).quantity == 9_999

    @pytest.mark.parametrize("phone", ["0812-345-JUAL", "12345", "", "+62 812"])
    def test_an_invalid_phone_number(self, coffee, phone):
        with pytest.raises(ValidationError) as caught:
            offer_on(coffee, buyer_phone=phone)
        assert list(caught.value.message_dict) == ["buyer_phone"]
        assert "Nomor WhatsApp tidak valid" in caught.value.message_dict["buyer_phone"][0]
        assert written() == (0, 0, 0)

    def test_every_wrong_field_is_told_at_once(self, coffee):
        with pytest.raises(ValidationError) as caught:
            offer_on(coffee, price=0, quantity="abc", buyer_name=" ", buyer_phone="x")
        assert set(caught.value.message_dict) == {
            "price_idr",
            "quantity",
            "buyer_name",
            "buyer_phone",
        }
        assert written() == (0, 0, 0)

    def test_a_note_longer_than_500_characters_is_refused(self, coffee):
        with pytest.raises(ValidationError) as caught:
            offer_on(coffee, note="x" * 501)
        assert caught.value.message_dict == {"note": ["Catatan paling panjang 500 huruf."]}
        assert written() == (0, 0, 0)

    @pytest.mark.parametrize(
        "why",
        [
            "not negotiable",
            "hidden",
            "seller pending",
            "seller suspended",
            "store inactive",
            "deleted",
        ],
    )
    def test_a_product_not_open_to_offers_is_refused_whole(self, coffee, why):
        # Given a product that cannot be bargained for, for one reason or another
        if why == "not negotiable":
            Product.objects.filter(pk=coffee.pk).update(is_negotiable=False)
        elif why == "hidden":
            Product.objects.filter(pk=coffee.pk).update(status=Product.Status.HIDDEN)
        elif why == "seller pending":
            Seller.objects.filter(pk=coffee.seller_id).update(status=Seller.Status.PENDING)
        elif why == "seller suspended":
            Seller.objects.filter(pk=coffee.seller_id).update(status=Seller.Status.SUSPENDED)
        elif why == "store inactive":
            Store.objects.filter(pk=coffee.seller.store_id).update(is_active=False)
        else:
            Product.objects.filter(pk=coffee.pk).delete()
        # When a buyer offers on it (with everything else right)
        with pytest.raises(ValidationError) as caught:
            offer_on(coffee)
        # Then it is refused as a whole, not a field, and nothing was written
        assert not hasattr(caught.value, "error_dict")
        assert caught.value.messages == ["Produk ini tidak bisa ditawar."]
        assert written() == (0, 0, 0)

    @pytest.mark.parametrize("product_id", [True, -1, 0, 2**63, None, "x"])
    def test_a_product_id_that_is_not_an_id_is_refused(self, coffee, product_id):
        # Given an id a tampered form could send (True is not product 1)
        with pytest.raises(ValidationError) as caught:
            make_offer(
                product_id=product_id,
                quantity=1,
                price_idr=BUYER_PRICE,
                buyer_name="Yohanis Maro",
                buyer_phone="0813-3800-1234",
                idempotency_key=uuid.uuid4(),
            )
        # Then it is refused whole and nothing is written
        assert caught.value.messages == ["Produk ini tidak bisa ditawar."]
        assert written() == (0, 0, 0)

    def test_the_same_key_sent_five_times_is_one_offer(self, coffee):
        # Given one form, tapped five times on a slow connection
        key = uuid.uuid4()
        # When it is sent five times (once even as text)
        offers = [offer_on(coffee, key=key) for _n in range(4)]
        offers.append(offer_on(coffee, key=str(key), price=19_000))
        # Then there is one offer, the first, with one event
        assert len({offer.pk for offer in offers}) == 1
        assert written() == (1, 1, 1)
        assert Offer.objects.get().buyer_price_idr == BUYER_PRICE

    def test_a_retry_after_the_product_was_hidden_still_finds_the_offer(self, coffee):
        # Given an offer made, and the product hidden right after
        key = uuid.uuid4()
        first = offer_on(coffee, key=key)
        Product.objects.filter(pk=coffee.pk).update(status=Product.Status.HIDDEN)
        # When the browser retries the same form, then it gets the first offer
        assert offer_on(coffee, key=key).pk == first.pk
        assert written() == (1, 1, 1)

    def test_a_refused_offer_releases_its_key(self, coffee):
        key = uuid.uuid4()
        with pytest.raises(ValidationError):
            offer_on(coffee, key=key, price=30_000)
        assert offer_on(coffee, key=key, price=20_000).buyer_price_idr == 20_000

    def test_a_broken_key_is_a_clear_error(self, coffee):
        with pytest.raises(ValidationError) as caught:
            offer_on(coffee, key="bukan-kunci")
        assert caught.value.messages == [
            "Formulir ini sudah kedaluwarsa. Muat ulang halaman lalu coba lagi."
        ]
        assert written() == (0, 0, 0)


class TestTheSellersCounter:
    def test_the_seller_counters_and_the_buyer_has_the_stores_time(self, coffee, maria_user):
        # Given the buyer's offer of 18.000
        offer = offer_on(coffee)
        before = timezone.now()
        # When the seller counters with 22.000
        event = step(offer, S.COUNTERED, R.SELLER, actor=maria_user, price_idr=22_000)
        # Then the seller's price is on the table, for the buyer to answer in 24 hours
        offer.refresh_from_db()
        assert (offer.status, offer.seller_price_idr, offer.buyer_price_idr) == (
            S.COUNTERED,
            22_000,
            18_000,
        )
        assert (offer.price_on_table_idr, offer.rounds, offer.rounds_left) == (22_000, 2, 8)
        assert before + 24 * HOUR <= offer.expires_at <= timezone.now() + 24 * HOUR
        assert (event.price_idr, event.actor, event.actor_role) == (22_000, maria_user, R.SELLER)

    def test_the_sale_price_itself_is_a_counter(self, coffee):
        offer = offer_on(coffee)
        step(offer, S.COUNTERED, R.SELLER, price_idr=25_000)
        assert offer.seller_price_idr == 25_000

    @pytest.mark.parametrize(
        ("price", "message"),
        [
            (
                18_000,
                "Harga balik harus di atas tawaran pembeli Rp18.000; "
                "kalau setuju, terima saja tawarannya.",
            ),
            (
                17_000,
                "Harga balik harus di atas tawaran pembeli Rp18.000; "
                "kalau setuju, terima saja tawarannya.",
            ),
            (25_001, "Harga balik tidak boleh di atas harga jual Rp25.000."),
            (None, "Tulis harga tawaran dalam rupiah, contoh 12.500."),
            ("22000", "Tulis harga tawaran dalam rupiah, contoh 12.500."),
            (0, "Harga tawaran paling sedikit Rp1."),
        ],
    )
    def test_a_counter_is_above_the_buyers_price_and_not_above_the_sale_price(
        self, coffee, price, message
    ):
        offer = offer_on(coffee)
        caught = refused(offer, to_status=S.COUNTERED, actor_role=R.SELLER, price_idr=price)
        assert caught.value.message_dict == {"price_idr": [message]}


class TestTheSellersSecondCounter:
    def test_the_seller_comes_down_towards_the_buyer(self, coffee):
        # Given the seller's 22.000, the buyer's 20.000 back
        offer = offer_in(S.COUNTERED, item=coffee)
        step(offer, S.PENDING, R.BUYER, price_idr=BUYER_COUNTER)
        # When the seller comes down to 21.000
        step(offer, S.COUNTERED, R.SELLER, price_idr=21_000)
        # Then that is the price on the table
        offer.refresh_from_db()
        assert (offer.status, offer.price_on_table_idr) == (S.COUNTERED, 21_000)

    def test_the_seller_cannot_go_back_up_above_their_last_counter(self, coffee):
        # Given the seller's 22.000, the buyer's 20.000 back
        offer = offer_in(S.COUNTERED, item=coffee)
        step(offer, S.PENDING, R.BUYER, price_idr=BUYER_COUNTER)
        # When the seller asks 23.000 now, then they are told and nothing changes
        caught = refused(offer, to_status=S.COUNTERED, actor_role=R.SELLER, price_idr=23_000)
        assert caught.value.message_dict == {
            "price_idr": ["Harga balik tidak boleh di atas harga Anda sebelumnya Rp22.000."]
        }
        offer.refresh_from_db()
        assert (offer.status, offer.seller_price_idr) == (S.PENDING, SELLER_PRICE)


class TestTheBuyersCounter:
    def test_the_buyer_comes_up_and_the_seller_answers_again(self, coffee):
        # Given the seller's counter of 22.000 to the buyer's 18.000
        offer = offer_in(S.COUNTERED, item=coffee)
        # When the buyer comes up to 20.000
        event = step(offer, S.PENDING, R.BUYER, price_idr=20_000)
        # Then the buyer's new price waits for the seller; the seller's stays on record
        offer.refresh_from_db()
        assert (offer.status, offer.buyer_price_idr, offer.seller_price_idr) == (
            S.PENDING,
            20_000,
            22_000,
        )
        assert (offer.price_on_table_idr, offer.rounds) == (20_000, 3)
        assert (event.from_status, event.to_status, event.price_idr) == (
            S.COUNTERED,
            S.PENDING,
            20_000,
        )

    def test_the_buyer_may_hold_on_to_their_price(self, coffee):
        offer = offer_in(S.COUNTERED, item=coffee)
        step(offer, S.PENDING, R.BUYER, price_idr=BUYER_PRICE)
        assert (offer.status, offer.buyer_price_idr) == (S.PENDING, BUYER_PRICE)

    @pytest.mark.parametrize(
        ("price", "message"),
        [
            (
                22_000,
                "Tawaran baru harus di bawah harga penjual Rp22.000; "
                "kalau setuju, terima saja harganya.",
            ),
            (
                23_000,
                "Tawaran baru harus di bawah harga penjual Rp22.000; "
                "kalau setuju, terima saja harganya.",
            ),
            (17_999, "Tawaran baru tidak boleh di bawah tawaran Anda sebelumnya Rp18.000."),
            (None, "Tulis harga tawaran dalam rupiah, contoh 12.500."),
        ],
    )
    def test_a_counter_is_below_the_sellers_price_and_not_below_the_last_offer(
        self, coffee, price, message
    ):
        offer = offer_in(S.COUNTERED, item=coffee)
        caught = refused(offer, to_status=S.PENDING, actor_role=R.BUYER, price_idr=price)
        assert caught.value.message_dict == {"price_idr": [message]}


class TestTheLimitOfRounds:
    def haggle(self, item) -> Offer:
        """Ten proposals: the buyer 10.000 up by 1.000, the seller 24.000 down by 1.000."""
        offer = offer_on(item, price=10_000)
        for n in range(1, 5):
            step(offer, S.COUNTERED, R.SELLER, price_idr=25_000 - 1_000 * n)
            step(offer, S.PENDING, R.BUYER, price_idr=10_000 + 1_000 * n)
        step(offer, S.COUNTERED, R.SELLER, price_idr=20_000)
        offer.refresh_from_db()
        return offer

    def test_after_ten_proposals_no_more_counters(self, coffee):
        # Given ten proposals, the last the seller's 20.000
        offer = self.haggle(coffee)
        assert (offer.rounds, offer.status, offer.rounds_left) == (MAX_OFFER_ROUNDS, S.COUNTERED, 0)
        assert offer.events.exclude(price_idr=None).count() == MAX_OFFER_ROUNDS
        # When the buyer counters once more, then they are told to accept or decline
        caught = refused(offer, to_status=S.PENDING, actor_role=R.BUYER, price_idr=15_000)
        assert caught.value.message_dict == {
            "price_idr": ["Sudah 10 kali tawar-menawar. Terima harga terakhir, atau tolak."]
        }

    def test_after_ten_proposals_the_last_price_can_still_be_accepted(self, coffee):
        offer = self.haggle(coffee)
        step(offer, S.ACCEPTED, R.BUYER)
        offer.refresh_from_db()
        assert (offer.status, offer.agreed_price_idr, offer.rounds) == (S.ACCEPTED, 20_000, 10)

    def test_after_ten_proposals_the_seller_can_still_decline(self, coffee):
        offer = self.haggle(coffee)
        step(offer, S.DECLINED, R.SELLER)
        assert offer.status == S.DECLINED


class TestAccepting:
    @pytest.mark.parametrize(
        ("start", "role", "agreed"),
        [
            (S.PENDING, R.SELLER, BUYER_PRICE),
            (S.COUNTERED, R.BUYER, SELLER_PRICE),
        ],
    )
    def test_the_price_on_the_table_is_agreed_for_24_hours(self, coffee, start, role, agreed):
        # Given an offer waiting for an answer
        offer = offer_in(start, item=coffee)
        before = timezone.now()
        # When the side it waits for accepts
        event = step(offer, S.ACCEPTED, role)
        # Then the price on the table is agreed, and holds 24 hours for the checkout
        offer.refresh_from_db()
        assert (offer.status, offer.agreed_price_idr, event.price_idr) == (
            S.ACCEPTED,
            agreed,
            agreed,
        )
        assert offer.total_on_table_idr == agreed * 2
        hold = datetime.timedelta(hours=ACCEPTED_OFFER_HOURS)
        assert before + hold <= offer.expires_at <= timezone.now() + hold
        # And accepting takes no stock (the checkout does)
        assert stock_of(coffee) == 10

    def test_the_buyers_second_price_is_the_one_the_seller_accepts(self, coffee):
        offer = offer_in(S.COUNTERED, item=coffee)
        step(offer, S.PENDING, R.BUYER, price_idr=BUYER_COUNTER)
        step(offer, S.ACCEPTED, R.SELLER)
        offer.refresh_from_db()
        assert (offer.agreed_price_idr, offer.seller_price_idr) == (BUYER_COUNTER, SELLER_PRICE)

    @pytest.mark.parametrize(
        ("stock", "message"),
        [
            (1, "Stok Kopi Alor tinggal 1 bungkus, kurang dari 2."),
            (0, "Kopi Alor sudah habis."),
        ],
    )
    def test_accepting_when_the_stock_ran_short_is_refused(self, coffee, stock, message):
        # Given an offer for 2 bags, and the stock sold down to `stock` since
        offer = offer_on(coffee, quantity=2)
        Product.objects.filter(pk=coffee.pk).update(stock=stock)
        # When the seller accepts, then they are told, and nothing is agreed
        caught = refused(offer, to_status=S.ACCEPTED, actor_role=R.SELLER)
        assert caught.value.message_dict == {"quantity": [message]}

    def test_accepting_a_product_no_longer_for_sale_is_refused(self, coffee):
        offer = offer_in(S.COUNTERED, item=coffee)
        Product.objects.filter(pk=coffee.pk).update(status=Product.Status.HIDDEN)
        caught = refused(offer, to_status=S.ACCEPTED, actor_role=R.BUYER)
        assert caught.value.messages == ["Produk ini sudah tidak dijual lagi."]


class TestStalePages:
    def test_the_seller_accepting_an_offer_the_buyer_cancelled_is_told(self, coffee):
        # Given the seller's page shows the pending offer, and the buyer cancels meanwhile
        offer = offer_on(coffee)
        seen = (offer.status, offer.rounds)
        step(Offer.objects.get(pk=offer.pk), S.CANCELLED, R.BUYER)
        # When the seller accepts from that page, then it says what the offer is now
        caught = refused(
            offer,
            OfferChanged,
            to_status=S.ACCEPTED,
            actor_role=R.SELLER,
            seen_status=seen[0],
            seen_round=seen[1],
        )
        assert "Dibatalkan pembeli" in str(caught.value)
        offer.refresh_from_db()
        assert (offer.status, offer.agreed_price_idr) == (S.CANCELLED, None)

    def test_the_buyer_never_accepts_a_price_they_did_not_see(self, coffee):
        # Given the buyer's page shows the seller's 22.000 (round 2)
        offer = offer_in(S.COUNTERED, item=coffee)
        seen = (offer.status, offer.rounds)
        # And meanwhile (another tab) they came up to 20.000 and the seller answered 21.000
        step(offer, S.PENDING, R.BUYER, price_idr=20_000)
        step(offer, S.COUNTERED, R.SELLER, price_idr=21_000)
        assert (offer.status, offer.rounds) == (S.COUNTERED, 4)
        # When the buyer accepts on the old page: the status matches, the round does not
        caught = refused(
            offer,
            OfferChanged,
            to_status=S.ACCEPTED,
            actor_role=R.BUYER,
            seen_status=seen[0],
            seen_round=seen[1],
        )
        # Then nothing is agreed
        assert "Penjual menawar balik" in str(caught.value)
        offer.refresh_from_db()
        assert offer.agreed_price_idr is None

    def test_what_the_page_showed_still_holds_so_the_step_is_taken(self, coffee):
        offer = offer_in(S.COUNTERED, item=coffee)
        step(offer, S.ACCEPTED, R.BUYER, seen_status=S.COUNTERED, seen_round=2)
        assert offer.agreed_price_idr == SELLER_PRICE


class TestLapsed:
    @pytest.mark.parametrize(
        ("start", "to", "role", "price"),
        [
            (S.PENDING, S.ACCEPTED, R.SELLER, None),
            (S.PENDING, S.COUNTERED, R.SELLER, SELLER_PRICE),
            (S.PENDING, S.DECLINED, R.SELLER, None),
            (S.PENDING, S.CANCELLED, R.BUYER, None),
            (S.COUNTERED, S.ACCEPTED, R.BUYER, None),
            (S.COUNTERED, S.PENDING, R.BUYER, BUYER_COUNTER),
            (S.COUNTERED, S.CANCELLED, R.BUYER, None),
            (S.ACCEPTED, S.CANCELLED, R.BUYER, None),
        ],
    )
    def test_people_cannot_answer_an_offer_past_its_time(self, coffee, start, to, role, price):
        # Given an offer whose time ran out a minute ago (the job has not run yet)
        offer = age(offer_in(start, item=coffee))
        # When someone answers it, then they are told it lapsed, and nothing changed
        caught = refused(offer, OfferChanged, to_status=to, actor_role=role, price_idr=price)
        assert str(caught.value) == "Tawaran ini sudah lewat waktunya."

    def test_the_system_cannot_expire_an_offer_in_time(self, coffee):
        offer = offer_on(coffee)
        caught = refused(
            offer,
            OfferChanged,
            to_status=S.EXPIRED,
            actor_role=R.SYSTEM,
            now=offer.expires_at - MINUTE,
        )
        assert str(caught.value) == "Tawaran ini belum lewat waktunya."


class TestExpiry:
    def test_exactly_the_lapsed_open_offers_expire(self, coffee):
        # Given lapsed offers waiting for the seller, the buyer, and the checkout
        lapsed = [age(offer_in(status, item=coffee)) for status in (S.PENDING, S.COUNTERED)]
        lapsed.append(age(offer_in(S.ACCEPTED, item=coffee, quantity=1)))
        # And fresh open offers, and ended offers whose time has also passed
        fresh = [offer_in(status, item=coffee, quantity=1) for status in (S.PENDING, S.COUNTERED)]
        fresh.append(offer_in(S.ACCEPTED, item=coffee, quantity=1))
        ended = [
            age(offer_in(status, item=coffee, quantity=1))
            for status in (S.DECLINED, S.CANCELLED, S.ORDERED, S.EXPIRED)
        ]
        untouched = {offer.pk: offer_state(offer) for offer in fresh + ended}
        # When the job runs
        assert expire_offers() == 3
        # Then the lapsed open offers expired, by the system, once each
        for offer in lapsed:
            offer.refresh_from_db()
            assert offer.status == S.EXPIRED
            event = offer.events.last()
            assert (event.to_status, event.actor, event.actor_role, event.price_idr) == (
                S.EXPIRED,
                None,
                R.SYSTEM,
                None,
            )
        # And nothing else changed
        assert {pk: offer_state(Offer(pk=pk)) for pk in untouched} == untouched

    def test_what_the_agreed_price_was_stays_on_the_expired_offer(self, coffee):
        offer = age(offer_in(S.ACCEPTED, item=coffee))
        expire_offers()
        offer.refresh_from_db()
        assert (offer.status, offer.agreed_price_idr) == (S.EXPIRED, BUYER_PRICE)

    def test_running_twice_expires_each_once(self, coffee):
        offers = [age(offer_in(S.PENDING, item=coffee, quantity=1)) for _n in range(3)]
        assert expire_offers() == 3
        events = OfferEvent.objects.count()
        assert expire_offers() == 0
        assert expire_offers(now=timezone.now() + 30 * 24 * HOUR) == 0
        assert OfferEvent.objects.count() == events
        for offer in offers:
            assert offer.events.filter(to_status=S.EXPIRED).count() == 1

    def test_an_offer_not_yet_due_stays_open(self, coffee):
        offer = offer_on(coffee)
        assert expire_offers(now=offer.expires_at - MINUTE) == 0
        assert expire_offers(now=offer.expires_at) == 1
        offer.refresh_from_db()
        assert offer.status == S.EXPIRED

    def test_an_offer_answered_after_the_list_was_read_is_not_expired(self, coffee):
        # Given the seller's counter, due at `old`
        offer = offer_in(S.COUNTERED, item=coffee)
        old = offer.expires_at
        # And the buyer countering back before it lapsed: a new deadline
        step(offer, S.PENDING, R.BUYER, price_idr=BUYER_COUNTER, now=old - HOUR)
        assert offer.expires_at > old
        # When the job, having listed the offer as due, expires it before the new deadline
        caught = refused(
            offer,
            OfferChanged,
            to_status=S.EXPIRED,
            actor_role=R.SYSTEM,
            now=offer.expires_at - MINUTE,
        )
        # Then it stays with the seller, with the buyer's new price
        assert str(caught.value) == "Tawaran ini belum lewat waktunya."
        assert expire_offers(now=offer.expires_at - MINUTE) == 0
        offer.refresh_from_db()
        assert (offer.status, offer.buyer_price_idr) == (S.PENDING, BUYER_COUNTER)


class TestTheDatabaseRefuses:
    """The rules hold in the database too, whatever code writes the row."""

    def row(self, item, **fields) -> dict:
        return {
            "number": f"TW-250817-{uuid.uuid4().hex[:6].upper()}",
            "token": uuid.uuid4().hex,
            "product": item,
            "seller": item.seller,
            "store": item.seller.store,
            "product_name": item.name,
            "unit": item.unit,
            "list_price_idr": 25_000,
            "quantity": 2,
            "buyer_name": "Yohanis Maro",
            "buyer_phone": BUYER_PHONE_E164,
            "status": S.COUNTERED,
            "buyer_price_idr": 18_000,
            "seller_price_idr": 22_000,
            "rounds": 2,
            "expires_at": timezone.now() + HOUR,
            "idempotency_key": uuid.uuid4(),
        } | fields

    def test_a_well_formed_row_is_stored(self, coffee):
        Offer.objects.create(**self.row(coffee))
        Offer.objects.create(**self.row(coffee, status=S.ACCEPTED, agreed_price_idr=22_000))
        Offer.objects.create(**self.row(coffee, status=S.ORDERED, agreed_price_idr=18_000))
        assert Offer.objects.count() == 3

    @pytest.mark.parametrize(
        "fields",
        [
            {"seller_price_idr": 18_000},
            {"seller_price_idr": 17_000},
            {"status": S.ACCEPTED, "agreed_price_idr": None},
            {"status": S.ORDERED, "agreed_price_idr": None},
            {"status": S.ACCEPTED, "agreed_price_idr": 20_000},
            {"status": S.ACCEPTED, "seller_price_idr": None, "agreed_price_idr": 22_000},
            {"status": "paid"},
            {"quantity": 0},
            {"quantity": 10_000},
            {"buyer_price_idr": 0, "seller_price_idr": None},
            {"rounds": MAX_OFFER_ROUNDS + 1},
            {"rounds": 0},
            {"buyer_phone": ""},
        ],
        ids=lambda fields: ",".join(f"{k}={v}" for k, v in fields.items()),
    )
    def test_a_row_breaking_the_rules_is_refused(self, coffee, fields):
        with transaction.atomic(), pytest.raises(IntegrityError):
            Offer.objects.create(**self.row(coffee, **fields))
        assert Offer.objects.count() == 0

    def test_an_event_without_a_positive_price_is_refused(self, coffee):
        offer = offer_on(coffee)
        with transaction.atomic(), pytest.raises(IntegrityError):
            OfferEvent.objects.create(
                offer=offer, to_status=S.COUNTERED, price_idr=0, actor_role=R.SELLER
            )
        assert offer.events.count() == 1
