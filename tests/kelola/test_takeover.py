"""The account takeover of issue 9, walked end to end: an operator adds
someone's number to the team and makes a password link for them.

Membership is an invitation the person accepts while logged in; a reset link
is offered only for people who accepted, hold no role anywhere else and never
ordered or bargained with the account; every step is in the person's
"Riwayat akun".
"""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from pasardesa.accounts.models import AccountEvent
from pasardesa.regions.models import RegionAdmin
from pasardesa.sellers.models import SellerMember
from pasardesa.stores.models import StoreInvitation, StoreMember
from tests.demo_fixtures import _language_reset, page  # noqa: F401 (autouse fixture)
from tests.factories import (
    PASSWORD,
    ProductFactory,
    SellerFactory,
    StoreFactory,
    make_user,
    store_member,
    village,
)
from tests.orders.factories import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def store():
    return StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")


@pytest.fixture
def operator(store):
    user = make_user("0812-1111-0001", "Pak Yoram")
    store_member(store, user, "operator")
    return user


@pytest.fixture
def op_client(operator):
    client = Client()
    client.force_login(operator)
    return client


def _reset_url(store, user) -> str:
    return reverse("kelola:reset_link", args=[store.slug, user.pk])


def _team_html(op_client, store) -> str:
    return op_client.get(reverse("kelola:team", args=[store.slug])).content.decode()


def test_an_invited_person_has_no_role_and_no_reset_link_until_they_accept(op_client, store):
    # Given a villager with an account, whose number the operator types in
    victim = make_user("0813-4444-0001", "Ibu Maria")
    op_client.post(
        reverse("kelola:team", args=[store.slug]), {"phone": "0813-4444-0001", "role": "courier"}
    )
    # Then she is invited, not a member: no role, no reset link
    assert StoreInvitation.objects.get(phone=victim.phone).status == "pending"
    assert not StoreMember.objects.filter(user=victim).exists()
    assert _reset_url(store, victim) not in _team_html(op_client, store)
    assert op_client.post(_reset_url(store, victim)).status_code == 404
    assert not AccountEvent.objects.filter(phone=victim.phone, kind="reset_link").exists()
    # And she can still log in with her own password
    assert Client().login(phone=victim.phone, password=PASSWORD)


def test_an_accepted_member_with_a_role_elsewhere_gets_no_reset_link(op_client, store):
    # Given people who accepted a courier invitation here, but also hold a
    # role elsewhere: another store's team, a seller of another store, a region
    other_store = StoreFactory()
    in_other_team = make_user("0813-4444-0002", "Kurir Dua Toko")
    store_member(other_store, in_other_team, "courier")
    other_seller_owner = make_user("0813-4444-0003", "Penjual Desa Lain")
    SellerMember.objects.create(
        seller=SellerFactory(store=other_store), user=other_seller_owner, role="owner"
    )
    region_admin = make_user("0813-4444-0004", "Admin Kabupaten")
    RegionAdmin.objects.create(region=store.village.parent.parent, user=region_admin)
    staff = make_user("0813-4444-0005", "Staf Platform", is_staff=True)
    people = [in_other_team, other_seller_owner, region_admin, staff]
    for person in people:
        store_member(store, person, "courier")
    team = _team_html(op_client, store)
    for person in people:
        # Then no reset link is offered or made for them
        assert _reset_url(store, person) not in team
        assert op_client.post(_reset_url(store, person)).status_code == 404


def test_an_accepted_member_who_ordered_gets_no_reset_link(op_client, store):
    # Given a courier who accepted, but has ordered with this account
    buyer = make_user("0813-4444-0006", "Pembeli Setia")
    store_member(store, buyer, "courier")
    place([(ProductFactory(seller=SellerFactory(store=store)), 1)], user=buyer)
    # Then their orders, addresses and phone stay out of the operator's reach
    assert op_client.post(_reset_url(store, buyer)).status_code == 404


def test_an_accepted_member_with_no_other_role_gets_a_link_and_sees_every_step(
    op_client, operator, store
):
    # Given a courier invited by the operator, who accepts while logged in
    courier = make_user("0813-4444-0007", "Daud Ojek")
    op_client.post(
        reverse("kelola:team", args=[store.slug]), {"phone": "0813-4444-0007", "role": "courier"}
    )
    invitation = StoreInvitation.objects.get(phone=courier.phone)
    courier_client = Client()
    courier_client.force_login(courier)
    courier_client.post(reverse("kelola:invitation", args=[invitation.pk, "terima"]))
    assert StoreMember.objects.filter(store=store, user=courier, role="courier").exists()
    # When the operator makes a reset link for him
    assert _reset_url(store, courier) in _team_html(op_client, store)
    response = op_client.post(_reset_url(store, courier))
    assert response.status_code == 200
    [link] = [a["value"] for a in page(response).find_all("input", id="reset-url")]
    # And the link is used
    Client().post(
        urlsplit(link).path, {"password1": "ojek-desa-baru-9", "password2": "ojek-desa-baru-9"}
    )
    # Then his account history tells him each step, and who took it
    kinds = list(
        AccountEvent.objects.filter(phone=courier.phone)
        .order_by("created_at", "id")
        .values_list("kind", "actor__name")
    )
    assert kinds == [
        ("invited", "Pak Yoram"),
        ("accepted", "Daud Ojek"),
        ("reset_link", "Pak Yoram"),
        ("password_reset", None),
    ]
    courier.refresh_from_db()  # logged in again with the new password
    courier_client = Client()
    courier_client.force_login(courier)
    history = page(courier_client.get(reverse("accounts:history"))).text
    assert "Tautan atur ulang kata sandi dibuat" in history
    assert "Kata sandi diganti lewat tautan" in history
    assert "Toko Desa Dulolong" in history
    assert "oleh Pak Yoram" in history


def test_a_removed_member_gets_no_reset_link(op_client, operator, store):
    courier = make_user("0813-4444-0008", "Mantan Kurir")
    member = store_member(store, courier, "courier", invited_by=operator)
    op_client.post(reverse("kelola:member_remove", args=[store.slug, member.pk]))
    assert op_client.post(_reset_url(store, courier)).status_code == 404
    assert StoreInvitation.objects.get(phone=courier.phone).status == "revoked"


def test_seller_staff_get_no_reset_link_from_the_operator(op_client, store):
    # Given a seller's staff member, added by the seller without asking them
    seller = SellerFactory(store=store)
    staff = make_user("0813-4444-0009", "Staf Penjual")
    SellerMember.objects.create(seller=seller, user=staff, role="staff")
    # Then the operator cannot make a reset link for them
    assert op_client.post(_reset_url(store, staff)).status_code == 404


def test_an_operator_of_another_village_cannot_invite_revoke_or_reset(op_client, store):
    # Given another village's store with a pending invitation and an accepted courier
    theirs = StoreFactory(name="Toko Desa Lain", slug="desa-lain")
    their_operator = make_user("0813-4444-0010", "Operator Lain")
    store_member(theirs, their_operator, "operator")
    their_courier = make_user("0813-4444-0011", "Kurir Lain")
    store_member(theirs, their_courier, "courier", invited_by=their_operator)
    pending = StoreInvitation.objects.create(
        store=theirs, phone="+6281344440012", role="courier", invited_by=their_operator
    )
    # When our operator tries each action on it
    attempts = [
        (reverse("kelola:team", args=[theirs.slug]), {"phone": "081344440013", "role": "operator"}),
        (reverse("kelola:invitation_revoke", args=[theirs.slug, pending.pk]), {}),
        (reverse("kelola:invitation_revoke", args=[store.slug, pending.pk]), {}),
        (reverse("kelola:reset_link", args=[theirs.slug, their_courier.pk]), {}),
        (reverse("kelola:reset_link", args=[store.slug, their_courier.pk]), {}),
    ]
    for target, data in attempts:
        assert op_client.post(target, data).status_code == 404, target
    # Then nothing changed and no link was made
    pending.refresh_from_db()
    assert pending.status == "pending"
    assert not StoreInvitation.objects.filter(phone="+6281344440013").exists()
    assert not AccountEvent.objects.filter(kind="reset_link").exists()


@pytest.mark.parametrize("seller", ["²", "99999999999999999999", "-1", "satu"])
def test_a_forged_seller_field_on_a_reset_link_is_ignored(op_client, store, seller):
    # Given an accepted courier
    courier = make_user("0813-4444-0008", "Yakob Ojek")
    op_client.post(
        reverse("kelola:team", args=[store.slug]), {"phone": "0813-4444-0008", "role": "courier"}
    )
    invitation = StoreInvitation.objects.get(phone=courier.phone)
    courier_client = Client()
    courier_client.force_login(courier)
    courier_client.post(reverse("kelola:invitation", args=[invitation.pk, "terima"]))
    # When the reset form comes with a seller id no page would send
    response = op_client.post(_reset_url(store, courier), {"seller": seller})
    # Then the link is made and the page leads back to the team, no 500
    assert response.status_code == 200
    assert page(response).find_all("input", id="reset-url")
