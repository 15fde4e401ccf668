"""Who sees and does what on the treasurer's pages: a treasurer of this store
only (a platform superuser too); everyone else gets a 404 (anonymous: the
login page), and a treasurer never decides money of a seller they own or staff."""

import uuid

import pytest
from django.urls import reverse

from pasardesa.payments.models import Payment, PaymentStatus, Payout, Reconciliation
from pasardesa.payments.permissions import stores_treasured_by
from pasardesa.sellers.models import SellerMember
from pasardesa.stores.models import StoreMember
from tests.demo_fixtures import _language_reset, page  # noqa: F401 (autouse fixture)
from tests.factories import StoreFactory, make_user
from tests.payments.escrow_factories import escrow_order, open_escrow
from tests.payments.treasury_factories import (
    appoint,
    escrow_item,
    refunded,
    released,
    seller_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    return escrow_item(price_idr=50_000)


@pytest.fixture
def store(item):
    return item.seller.store


@pytest.fixture
def treasurer(store):
    return appoint(store, "0812-3800-0900")


@pytest.fixture
def money(item, store, treasurer):
    """One order of each kind the treasurer acts on."""
    return {
        "awaiting": escrow_order(item),
        "released": released(item, by=treasurer),
        "refunded": refunded(item, by=treasurer),
    }


def pages(store, money, item) -> list[tuple[str, str]]:
    """(method, url) of every treasurer page of ``store``."""
    s = store.slug
    r = lambda name, *a: reverse(f"payments:treasurer_{name}", args=[s, *a])  # noqa: E731
    return [
        ("get", r("home")),
        ("get", r("confirm_list")),
        ("get", r("confirmed", money["awaiting"].payment.pk)),
        ("get", r("held")),
        ("get", r("payouts")),
        ("get", r("payouts_csv")),
        ("get", r("refunds")),
        ("get", r("reconcile")),
        ("post", r("confirm", money["awaiting"].payment.pk)),
        ("post", r("payout", item.seller.pk)),
        ("post", r("refund", money["refunded"].payment.pk)),
        ("post", r("reconcile")),
    ]


FORM = {
    "idempotency_key": str(uuid.uuid4()),
    "amount": "1.000",
    "reference": "TRF 1",
    "paid_to": "BRI 1",
    "date": "2025-01-01",
    "bank_balance": "0",
}


def nothing_moved(money) -> None:
    assert Payment.objects.get(pk=money["awaiting"].payment.pk).status == PaymentStatus.AWAITING
    assert Payout.objects.count() == 0
    assert Reconciliation.objects.count() == 0


@pytest.mark.parametrize(
    "who", ["other_treasurer", "operator", "courier", "seller_owner", "seller_staff", "stranger"]
)
def test_everyone_but_this_stores_treasurer_gets_a_404_everywhere(client, store, item, money, who):
    actor = {
        "other_treasurer": lambda: appoint(open_escrow(StoreFactory()).store, "0812-3800-0901"),
        "operator": lambda: appoint(store, "0812-3800-0902", StoreMember.Role.OPERATOR),
        "courier": lambda: appoint(store, "0812-3800-0903", StoreMember.Role.COURIER),
        "seller_owner": lambda: seller_member(item.seller, "0812-3800-0904"),
        "seller_staff": lambda: seller_member(
            item.seller, "0812-3800-0905", SellerMember.Role.STAFF
        ),
        "stranger": lambda: make_user("0812-3800-0906", "Orang Lain"),
    }[who]()
    client.force_login(actor)
    for method, path in pages(store, money, item):
        response = getattr(client, method)(path, FORM)
        assert response.status_code == 404, (who, method, path)
    nothing_moved(money)


def test_a_treasurer_of_store_a_sees_nothing_of_store_b(client, store, item, money):
    # given a treasurer of another store (with its own escrow and orders)
    other_item = escrow_item(price_idr=10_000)
    other_treasurer = appoint(other_item.seller.store, "0812-3800-0907")
    client.force_login(other_treasurer)
    # then their own pages work, and this store's are not found
    own = reverse("payments:treasurer_home", args=[other_item.seller.store.slug])
    assert client.get(own).status_code == 200
    assert (
        client.get(reverse("payments:treasurer_confirm_list", args=[other_item.seller.store.slug]))
        .content.decode()
        .count(money["awaiting"].number)
        == 0
    )
    for method, path in pages(store, money, item):
        assert getattr(client, method)(path, FORM).status_code == 404
    # and a payment of this store through their own store's URL is not found either
    foreign = reverse(
        "payments:treasurer_confirm",
        args=[other_item.seller.store.slug, money["awaiting"].payment.pk],
    )
    assert client.post(foreign).status_code == 404
    nothing_moved(money)


def test_anonymous_is_sent_to_log_in(client, store, item, money):
    for method, path in pages(store, money, item):
        response = getattr(client, method)(path, FORM)
        assert response.status_code == 302
        assert "next=" in response["Location"]
    nothing_moved(money)


def test_this_stores_treasurer_and_a_superuser_open_every_page(
    client, store, item, money, treasurer
):
    boss = make_user("0812-3800-0908", "Admin Platform", is_superuser=True, is_staff=True)
    for actor in (treasurer, boss):
        client.force_login(actor)
        for method, path in pages(store, money, item):
            if method == "get":
                assert client.get(path).status_code == 200, path


def test_stores_treasured_by(store, treasurer):
    other = StoreFactory()
    assert list(stores_treasured_by(treasurer)) == [store]
    boss = make_user("0812-3800-0909", "Admin", is_superuser=True)
    assert set(stores_treasured_by(boss)) >= {store, other}
    operator = appoint(store, "0812-3800-0910", StoreMember.Role.OPERATOR)
    assert not stores_treasured_by(operator).exists()


class TestATreasurerWhoIsAlsoTheSeller:
    @pytest.fixture(params=[SellerMember.Role.OWNER, SellerMember.Role.STAFF])
    def own_client(self, request, client, store, item):
        user = appoint(store, "0812-3800-0911", name="Bendahara Penjual")
        SellerMember.objects.create(seller=item.seller, user=user, role=request.param)
        client.force_login(user)
        return client

    def test_sees_no_buttons_for_their_own_seller(self, own_client, store, money):
        for name in ("confirm_list", "payouts", "refunds"):
            html = page(own_client.get(reverse(f"payments:treasurer_{name}", args=[store.slug])))
            assert "bendahara lain yang harus" in html.text
            assert not [f for f in html.find_all("form") if "/bendahara/" in f.get("action", "")]

    def test_cannot_confirm_pay_out_or_refund_for_it(self, own_client, store, item, money):
        s = store.slug
        response = own_client.post(
            reverse("payments:treasurer_confirm", args=[s, money["awaiting"].payment.pk]),
            follow=True,
        )
        assert "bendahara lain" in page(response).text
        response = own_client.post(
            reverse("payments:treasurer_payout", args=[s, item.seller.pk]), FORM
        )
        assert "bendahara lain" in page(response).text
        response = own_client.post(
            reverse("payments:treasurer_refund", args=[s, money["refunded"].payment.pk]), FORM
        )
        assert "bendahara lain" in page(response).text
        nothing_moved(money)


def test_a_treasurer_of_a_store_without_an_escrow_yet_reads_why_the_lists_are_empty(client):
    store = StoreFactory()
    client.force_login(appoint(store, "0812-3800-0912"))
    response = client.get(reverse("payments:treasurer_home", args=[store.slug]))
    assert response.status_code == 200
    assert "belum mengatur rekening bersama" in page(response).text


def test_a_forged_huge_number_in_a_url_is_not_found_not_a_crash(client, store, item, treasurer):
    client.force_login(treasurer)
    huge = 10**20
    for name in ("confirmed", "confirm", "payout", "refund"):
        path = reverse(f"payments:treasurer_{name}", args=[store.slug, huge])
        method = client.get if name == "confirmed" else client.post
        assert method(path).status_code == 404, name
    assert client.get(reverse("payments:seller_qris", args=[huge])).status_code == 404
