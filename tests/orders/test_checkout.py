"""Placing a cart: one checkout, one order per seller, all or nothing."""

import datetime
import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from pasardesa.catalog.models import Product
from pasardesa.core.models import IdempotencyKey
from pasardesa.orders.models import ActorRole, Checkout, Order, OrderEvent, OrderLine, OrderStatus
from pasardesa.orders.services import (
    CartChanged,
    place_checkout,
)
from pasardesa.sellers.models import Seller
from tests.factories import SellerFactory, village
from tests.orders.factories import (
    BUYER_PHONE_E164,
    buyer,
    cart_changed,
    cart_items,
    place,
    product,
    stock_of,
)

pytestmark = pytest.mark.django_db

F, P = Order.Fulfilment, Order.Payment


def counts() -> tuple[int, ...]:
    """Every table a checkout writes to, and the stock of every product."""
    return (
        Checkout.objects.count(),
        Order.objects.count(),
        OrderLine.objects.count(),
        OrderEvent.objects.count(),
        IdempotencyKey.objects.count(),
        *Product.objects.order_by("pk").values_list("stock", flat=True),
    )


class TestPlacing:
    def test_a_cart_of_two_sellers_becomes_one_checkout_and_two_orders(self, kopi, tenun):
        # Given a cart with 3 bags of coffee and 1 woven cloth of another village
        # When the buyer places it with pickup+COD for one and delivery+transfer for the other
        checkout = place(
            [(kopi, 3), (tenun, 1)],
            choices={
                kopi.seller_id: (F.PICKUP, P.COD),
                tenun.seller_id: (F.SELLER_DELIVERY, P.TRANSFER),
            },
            note="Tolong dibungkus rapi.",
        )
        # Then one checkout with the buyer's details, normalised
        checkout.refresh_from_db()
        assert checkout.buyer_phone == BUYER_PHONE_E164
        assert checkout.village_id == "53.05.02.2006"
        assert (checkout.dusun, checkout.rt, checkout.rw) == ("Dusun II", "002", "001")
        assert checkout.note == "Tolong dibungkus rapi."
        # And one new order per seller, with its own choices and subtotal
        orders = {o.seller_id: o for o in checkout.orders.all()}
        coffee, cloth = orders[kopi.seller_id], orders[tenun.seller_id]
        assert (coffee.status, coffee.fulfilment, coffee.payment_method) == (
            OrderStatus.NEW,
            F.PICKUP,
            P.COD,
        )
        assert (cloth.fulfilment, cloth.payment_method) == (F.SELLER_DELIVERY, P.TRANSFER)
        assert cloth.transfer_to == "BRI 0123 0100 0123 456 a.n. Ros"
        assert coffee.subtotal_idr == 75_000
        assert cloth.subtotal_idr == 350_000
        assert coffee.store_id == kopi.seller.store_id
        assert cloth.store_id == tenun.seller.store_id
        # And the stock is reserved
        assert (stock_of(kopi), stock_of(tenun)) == (7, 2)

    def test_lines_keep_name_unit_and_price_as_the_buyer_agreed(self, kopi):
        order = place([(kopi, 3)]).orders.get()
        # When the seller later renames the product and raises its price
        Product.objects.filter(pk=kopi.pk).update(name="Kopi Baru", price_idr=99_000, unit="kg")
        line = order.lines.get()
        assert (line.product_name, line.unit, line.unit_price_idr, line.quantity) == (
            "Kopi Alor",
            "bungkus",
            25_000,
            3,
        )
        assert line.line_total_idr == 75_000
        assert line.stock_reserved

    def test_the_discounted_price_is_the_one_charged(self, maria):
        item = product(seller=maria, price_idr=20_000, discount_percent=25, stock=None)
        assert item.sale_price_idr == 15_000
        order = place([(item, 2)]).orders.get()
        assert order.subtotal_idr == 30_000
        assert not order.lines.get().stock_reserved  # not counted: nothing reserved

    def test_number_token_expiry_and_first_event(self, kopi, buyer_user):
        kopi.seller.store.order_expiry_hours = 6
        kopi.seller.store.save()
        before = timezone.now()
        order = place([(kopi, 1)], user=buyer_user).orders.get()
        assert re.fullmatch(r"PD-\d{6}-[A-HJKMNP-Z2-9]{6}", order.number)
        # (the date in the number is the store's own: Alor is WITA, an hour past WIB)
        store_date = timezone.localdate(order.created_at, kopi.seller.store.time_zone)
        assert order.number[3:9] == store_date.strftime("%y%m%d")
        assert len(order.tracking_token) >= 32
        assert order.number not in order.tracking_token
        assert before + datetime.timedelta(hours=6) <= order.expires_at
        assert order.expires_at <= timezone.now() + datetime.timedelta(hours=6)
        event = order.events.get()
        assert (event.from_status, event.to_status, event.actor, event.actor_role) == (
            "",
            OrderStatus.NEW,
            buyer_user,
            ActorRole.BUYER,
        )
        assert order.checkout.buyer == buyer_user

    def test_numbers_and_tokens_differ_between_orders(self, kopi, tenun):
        orders = list(place([(kopi, 1), (tenun, 1)]).orders.all())
        orders += list(place([(kopi, 1)]).orders.all())
        assert len({o.number for o in orders}) == 3
        assert len({o.tracking_token for o in orders}) == 3

    def test_the_same_product_twice_is_added_up(self, kopi):
        checkout = place_checkout(
            items=cart_items([(kopi.pk, 2), (str(kopi.pk), "3")]),
            choices={kopi.seller_id: (F.PICKUP, P.COD)},
            expected_prices={kopi.pk: 25_000},
            idempotency_key=uuid.uuid4(),
            buyer=buyer(),
        )
        assert checkout.orders.get().lines.get().quantity == 5

    def test_an_anonymous_user_is_not_stored_as_the_buyer(self, kopi):
        from django.contrib.auth.models import AnonymousUser

        checkout = place([(kopi, 1)], user=AnonymousUser())
        assert checkout.buyer is None


class TestIdempotency:
    def test_the_same_key_placed_five_times_is_one_checkout(self, kopi, tenun):
        key = uuid.uuid4()
        results = [place([(kopi, 2), (tenun, 1)], key=key) for _ in range(5)]
        assert {c.pk for c in results} == {results[0].pk}
        assert Checkout.objects.count() == 1
        assert Order.objects.count() == 2
        assert {o.pk for o in results[4].orders.all()} == {o.pk for o in results[0].orders.all()}
        # And the stock was taken once
        assert (stock_of(kopi), stock_of(tenun)) == (8, 2)

    def test_a_retry_after_the_cart_was_emptied_still_finds_the_checkout(self, kopi):
        key = uuid.uuid4()
        first = place([(kopi, 1)], key=key)
        again = place_checkout(
            items=[], choices={}, expected_prices={}, idempotency_key=str(key), buyer=buyer()
        )
        assert again.pk == first.pk

    def test_a_refused_checkout_releases_its_key(self, kopi):
        key = uuid.uuid4()
        with cart_changed("price"):
            place([(kopi, 1)], key=key, prices={kopi.pk: 1})
        # When the buyer confirms the new price with the same form
        checkout = place([(kopi, 1)], key=key)
        assert checkout.orders.count() == 1

    def test_a_broken_key_is_a_clear_error(self, kopi):
        with pytest.raises(ValidationError, match="Muat ulang halaman"):
            place_checkout(
                items=cart_items([(kopi.pk, 1)]),
                choices={kopi.seller_id: (F.PICKUP, P.COD)},
                expected_prices={kopi.pk: 25_000},
                idempotency_key="bukan-kunci",
                buyer=buyer(),
            )


class TestChangedSinceTheCart:
    def test_a_changed_price_places_nothing_and_lists_the_product(self, kopi, tenun):
        before = counts()
        # Given the seller raised the price after the buyer opened the checkout page
        Product.objects.filter(pk=kopi.pk).update(price_idr=30_000)
        with cart_changed("price") as caught:
            place([(kopi, 2), (tenun, 1)], prices={kopi.pk: 25_000, tenun.pk: 350_000})
        # Then nothing is placed and the error says what changed
        assert counts() == before
        [change] = caught.value.changes
        assert (change.product_id, change.kind, change.seen_price_idr, change.price_idr) == (
            kopi.pk,
            "price",
            25_000,
            30_000,
        )
        assert caught.value.messages == ["Harga Kopi Alor sekarang Rp30.000 per bungkus."]

    def test_a_lowered_price_is_also_told_before_placing(self, kopi):
        Product.objects.filter(pk=kopi.pk).update(price_idr=20_000)
        with cart_changed("price", match=r"Rp20\.000"):
            place([(kopi, 1)], prices={kopi.pk: 25_000})

    def test_a_tampered_lower_price_is_refused(self, kopi):
        before = counts()
        with cart_changed("price") as caught:
            place([(kopi, 2)], prices={kopi.pk: 1})
        assert counts() == before
        assert caught.value.changes[0].price_idr == 25_000

    @pytest.mark.parametrize("seen", [None, "", "abc", True, "25.000"])
    def test_a_missing_or_unreadable_price_counts_as_changed(self, kopi, seen):
        prices = {} if seen is None else {kopi.pk: seen}
        with cart_changed("price"):
            place([(kopi, 1)], prices=prices)
        assert Checkout.objects.count() == 0

    def test_stock_short_places_nothing_and_says_how_many_are_left(self, kopi, tenun):
        before = counts()
        with cart_changed("stock") as caught:
            place([(kopi, 2), (tenun, 5)])
        assert counts() == before
        [change] = caught.value.changes
        assert (change.product_id, change.requested, change.available) == (tenun.pk, 5, 3)
        assert caught.value.messages == ["Stok Tenun Ikat tinggal 3 lembar, Anda memesan 5."]

    def test_sold_out_says_so(self, kopi):
        Product.objects.filter(pk=kopi.pk).update(stock=0)
        with cart_changed("stock", match="Kopi Alor sudah habis terjual"):
            place([(kopi, 1)])

    def test_unlimited_stock_needs_no_reservation(self, maria):
        # (a seller who lifted the cap per order: nothing to hold for anyone)
        service = product(
            seller=maria, name="Jahit baju", stock=None, kind="jasa", max_per_order=None
        )
        place([(service, 9_999)])
        assert stock_of(service) is None

    @pytest.mark.parametrize(
        "hide",
        [
            lambda p: Product.objects.filter(pk=p.pk).update(status=Product.Status.HIDDEN),
            lambda p: Product.objects.filter(pk=p.pk).update(status=Product.Status.BLOCKED),
            lambda p: Seller.objects.filter(pk=p.seller_id).update(status=Seller.Status.SUSPENDED),
            lambda p: p.seller.store.__class__.objects.filter(pk=p.seller.store_id).update(
                is_active=False
            ),
            lambda p: Product.objects.filter(pk=p.pk).delete(),
        ],
        ids=["hidden", "taken-down", "seller-suspended", "store-inactive", "deleted"],
    )
    def test_a_product_no_longer_for_sale_places_nothing(self, kopi, tenun, hide):
        hide(tenun)
        before = counts()
        with cart_changed("unavailable") as caught:
            place([(kopi, 1), (tenun, 1)], prices={kopi.pk: 25_000, tenun.pk: 350_000})
        assert counts() == before
        assert [(c.product_id, c.kind) for c in caught.value.changes] == [(tenun.pk, "unavailable")]
        # The name of a product no longer public is not given away
        assert "Tenun" not in caught.value.messages[0]

    def test_a_closed_seller_takes_no_orders(self, kopi):
        Seller.objects.filter(pk=kopi.seller_id).update(is_open=False)
        with cart_changed("unavailable", match="Kopi Ibu Maria sedang tutup"):
            place([(kopi, 1)])
        assert Checkout.objects.count() == 0

    def test_every_change_is_listed_at_once(self, kopi, tenun, maria):
        gone = product(seller=maria, name="Gula Aren", stock=5)
        Product.objects.filter(pk=kopi.pk).update(price_idr=27_000)
        Product.objects.filter(pk=gone.pk).update(status=Product.Status.HIDDEN)
        with pytest.raises(CartChanged) as caught:
            place(
                [(kopi, 1), (tenun, 9), (gone, 1)],
                prices={kopi.pk: 25_000, tenun.pk: 350_000, gone.pk: 25_000},
            )
        assert type(caught.value) is CartChanged  # mixed kinds
        assert [(c.product_id, c.kind) for c in caught.value.changes] == [
            (kopi.pk, "price"),
            (tenun.pk, "stock"),
            (gone.pk, "unavailable"),
        ]


class TestBadInput:
    """Each answered with a clear message, and nothing half-written."""

    @pytest.mark.parametrize(
        ("quantity", "message"),
        [
            (0, "Jumlah paling sedikit 1."),
            (-3, "Jumlah paling sedikit 1."),
            (10**12, "Jumlah paling banyak 9.999 per produk."),
            ("10000", "Jumlah paling banyak 9.999 per produk."),
            (1.5, "Jumlah harus berupa angka bulat."),
            ("dua", "Jumlah harus berupa angka bulat."),
        ],
    )
    def test_a_quantity_out_of_bounds(self, kopi, tenun, quantity, message):
        before = counts()
        with pytest.raises(ValidationError) as caught:
            place_checkout(
                items=cart_items([(tenun.pk, 1), (kopi.pk, quantity)]),
                choices={kopi.seller_id: (F.PICKUP, P.COD), tenun.seller_id: (F.PICKUP, P.COD)},
                expected_prices={kopi.pk: 25_000, tenun.pk: 350_000},
                idempotency_key=uuid.uuid4(),
                buyer=buyer(),
            )
        assert caught.value.messages == [message]
        assert counts() == before

    def test_a_hidden_product_of_another_village_by_its_id(self, kopi):
        # Given a product hidden by its seller in another village
        elsewhere = product(name="Rahasia", stock=4, status=Product.Status.HIDDEN)
        assert elsewhere.seller.store.village_id != kopi.seller.store.village_id
        before = counts()
        # When a crafted form posts its id with the price it had
        with cart_changed("unavailable") as caught:
            place([(kopi, 1), (elsewhere, 1)], prices={kopi.pk: 25_000, elsewhere.pk: 25_000})
        assert caught.value.messages == [f"Produk nomor {elsewhere.pk} sudah tidak dijual lagi."]
        assert counts() == before

    @pytest.mark.parametrize("product_id", [0, -1, "abc", 2**63, None])
    def test_a_product_id_that_is_no_id(self, kopi, product_id):
        with pytest.raises(ValidationError, match="Produk tidak ditemukan"):
            place_checkout(
                items=cart_items([(product_id, 1)]),
                choices={},
                expected_prices={},
                idempotency_key=uuid.uuid4(),
                buyer=buyer(),
            )

    def test_a_product_id_that_does_not_exist(self, kopi):
        with cart_changed("unavailable", match="Produk nomor 987654 sudah tidak dijual"):
            place_checkout(
                items=cart_items([(987654, 1)]),
                choices={},
                expected_prices={987654: 1},
                idempotency_key=uuid.uuid4(),
                buyer=buyer(),
            )

    def test_a_cart_of_500_lines(self, kopi):
        before = counts()
        with pytest.raises(ValidationError) as caught:
            place_checkout(
                items=cart_items([(kopi.pk + n, 1) for n in range(500)]),
                choices={},
                expected_prices={},
                idempotency_key=uuid.uuid4(),
                buyer=buyer(),
            )
        assert caught.value.messages == ["Satu pesanan paling banyak berisi 100 macam produk."]
        assert counts() == before

    def test_an_empty_cart(self, db):
        with pytest.raises(ValidationError, match="Keranjang Anda masih kosong"):
            place_checkout(
                items=cart_items([]),
                choices={},
                expected_prices={},
                idempotency_key=uuid.uuid4(),
                buyer=buyer(),
            )

    @pytest.mark.parametrize("phone", ["", "0812", "bukan nomor", "0812-345-JUAL", "1" * 40])
    def test_an_invalid_phone_number(self, kopi, phone):
        before = counts()
        with pytest.raises(ValidationError) as caught:
            place([(kopi, 1)], buyer_phone=phone)
        assert caught.value.message_dict == {
            "buyer_phone": [
                "Nomor WhatsApp tidak valid. Tulis seperti 0812-3456-7890 atau +62 812-3456-7890."
            ]
        }
        assert counts() == before

    @pytest.mark.parametrize(
        ("code", "why"),
        [
            ("53.05.02", "a kecamatan"),
            ("53", "a provinsi"),
            ("99.99.99.9999", "no region"),
            ("x" * 50, "garbage"),
        ],
    )
    def test_a_village_that_is_not_a_desa(self, kopi, code, why):
        village()  # the kecamatan and provinsi exist
        before = counts()
        with pytest.raises(ValidationError) as caught:
            place([(kopi, 1)], village_code=code)
        assert caught.value.message_dict == {"village": ["Pilih desa/kelurahan dari daftar."]}
        assert counts() == before

    def test_a_pickup_needs_no_address_and_no_village(self, kopi):
        # When a neighbour who picks up gives neither address nor village
        checkout = place([(kopi, 1)], address="", village_code="")
        # Then the order is placed, with no address on it
        assert (checkout.address, checkout.village) == ("", None)
        assert checkout.orders.get().fulfilment == Order.Fulfilment.PICKUP

    def test_a_delivery_needs_the_address_and_the_village(self, kopi):
        before = counts()
        with pytest.raises(ValidationError) as caught:
            place(
                [(kopi, 1)],
                choices={kopi.seller_id: (Order.Fulfilment.SELLER_DELIVERY, Order.Payment.COD)},
                address=" ",
                village_code="",
            )
        assert caught.value.message_dict == {
            "address": ["Tulis alamat Anda: jalan, nomor rumah atau patokan."],
            "village": ["Pilih desa/kelurahan dari daftar."],
        }
        assert counts() == before

    def test_a_pickup_with_a_made_up_village_is_still_refused(self, kopi):
        with pytest.raises(ValidationError) as caught:
            place([(kopi, 1)], address="", village_code="99.99.99.9999")
        assert caught.value.message_dict == {"village": ["Pilih desa/kelurahan dari daftar."]}

    def test_every_bad_field_is_named_at_once(self, kopi):
        with pytest.raises(ValidationError) as caught:
            place(
                [(kopi, 1)],
                choices={kopi.seller_id: (Order.Fulfilment.SELLER_DELIVERY, Order.Payment.COD)},
                buyer_name="  ",
                address="",
                rt="12a",
                rw="1234",
                dusun="d" * 61,
                note="n" * 501,
            )
        assert set(caught.value.message_dict) == {
            "buyer_name",
            "address",
            "rt",
            "rw",
            "dusun",
            "note",
        }

    @pytest.mark.parametrize(
        "choice",
        [None, ("pickup",), ("kurir", "cod"), ("pickup", "gopay"), "pickup", 42],
    )
    def test_a_missing_or_unknown_choice_for_a_seller(self, kopi, tenun, choice):
        choices = {kopi.seller_id: (F.PICKUP, P.COD)}
        if choice is not None:
            choices[tenun.seller_id] = choice
        before = counts()
        with pytest.raises(ValidationError, match="Pilih cara pengambilan dan cara bayar"):
            place([(kopi, 1), (tenun, 1)], choices=choices)
        assert counts() == before

    def test_choices_posted_with_string_keys_are_read(self, kopi):
        order = place([(kopi, 1)], choices={str(kopi.seller_id): ["seller_delivery", "transfer"]})
        assert order.orders.get().fulfilment == F.SELLER_DELIVERY

    def test_a_failure_after_stock_was_taken_gives_it_all_back(self, kopi, tenun, monkeypatch):
        # Given the order insert fails after the stock UPDATEs ran
        from pasardesa.orders.services import placing as services

        def broken(model, prefix, count, today):
            raise RuntimeError("database went away")

        monkeypatch.setattr(services, "new_numbers", broken)
        before = counts()
        with pytest.raises(RuntimeError):
            place([(kopi, 2), (tenun, 1)])
        # Then the whole checkout rolled back: stock, checkout and key
        assert counts() == before


def test_a_second_seller_of_the_same_village_gets_its_own_order(kopi):
    neighbour = SellerFactory(store=kopi.seller.store, business_name="Ikan Asin Pak Ali")
    fish = product(seller=neighbour, name="Ikan Asin", price_idr=15_000, stock=20)
    checkout = place([(kopi, 1), (fish, 2)])
    assert sorted(o.subtotal_idr for o in checkout.orders.all()) == [25_000, 30_000]
    assert {o.store_id for o in checkout.orders.all()} == {kopi.seller.store_id}


def test_the_conditional_update_guards_stock_even_if_a_write_slips_in(kopi, monkeypatch):
    # Given another writer empties the stock between the read and the stock UPDATE
    # (the row lock prevents it on PostgreSQL; the condition must hold anyway)
    from django.db.models import QuerySet

    original = QuerySet.update
    slipped = []

    def update(queryset, **kwargs):
        if queryset.model is Product and "stock" in kwargs and not slipped:
            slipped.append(True)
            original(Product.objects.filter(pk=kopi.pk), stock=1)
        return original(queryset, **kwargs)

    monkeypatch.setattr(QuerySet, "update", update)
    before_orders = Order.objects.count()
    # When the checkout takes 3
    with cart_changed("stock") as caught:
        place([(kopi, 3)])
    # Then it is told what is left, and nothing is placed
    assert caught.value.changes[0].available == 1
    assert Order.objects.count() == before_orders
    assert Checkout.objects.count() == 0


def test_the_session_cart_checks_out_as_it_is(kopi, tenun):
    # Given a session cart with two sellers' products, as the checkout page shows it
    from django.contrib.sessions.backends.db import SessionStore

    from pasardesa.orders.cart import Cart

    cart = Cart(SessionStore())
    cart.add(kopi.pk, 2)
    cart.add(tenun.pk, 1)
    lines = cart.lines()
    # When it is placed with the prices the page showed
    checkout = place_checkout(
        items=cart_items(lines),
        choices={g.seller.pk: (F.PICKUP, P.COD) for g in cart.groups()},
        expected_prices={line.product_id: line.unit_price_idr for line in lines},
        idempotency_key=uuid.uuid4(),
        buyer=buyer(),
    )
    # Then each seller has their order with the cart's quantities
    assert sorted(
        (o.seller_id, [line.quantity for line in o.lines.all()]) for o in checkout.orders.all()
    ) == sorted([(kopi.seller_id, [2]), (tenun.seller_id, [1])])


def test_a_key_resent_after_its_record_was_pruned_returns_the_first_checkout(kopi):
    # Given a checkout whose idempotency record the weekly job has pruned
    from pasardesa.core.models import IdempotencyKey

    key = uuid.uuid4()
    first = place([(kopi, 1)], key=key)
    IdempotencyKey.objects.all().delete()
    # When the same form is sent again (an old tab, a replayed request)
    again = place([(kopi, 1)], key=key)
    # Then it is the same checkout, not a server error and not a second order
    assert again.pk == first.pk
    assert first.orders.count() == 1
