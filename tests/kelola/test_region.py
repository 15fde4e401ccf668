"""The regional admin's dashboard (/kelola/wilayah/<code>/…), given/when/then.

A kabupaten office sees every store beneath it, opens a store for any village
of the kabupaten with its first operator, appoints operators and closes or
reopens stores; nothing outside its region is found.
"""

import gzip
import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from pasardesa.accounts.models import User
from pasardesa.catalog.models import Product
from pasardesa.regions.models import Region, RegionAdmin
from pasardesa.sellers.models import Seller
from pasardesa.stores.models import Store, StoreInvitation, StoreMember
from tests.demo_fixtures import (  # noqa: F401 (autouse fixture)
    _language_reset,
    page,
    whatsapp_text,
)
from tests.factories import ProductFactory, SellerFactory, StoreFactory, village

pytestmark = pytest.mark.django_db

BYTE_BUDGET = 14_000


def make_user(phone: str, name: str, **extra) -> User:
    return User.objects.create_user(phone, "sandi-rahasia-9", name=name, **extra)


@pytest.fixture
def alor():
    """Kabupaten Alor (53.05) with two villages without a store."""
    village("53.05.02.2007", "Alor Besar")
    village("53.05.02.2008", "Alor Kecil")
    return Region.objects.get(code="53.05")


@pytest.fixture
def elsewhere():
    """A village in Kabupaten 33.03 (Central Java) with the same kind of name."""
    return village("33.03.01.2001", "Alor Jawa")


@pytest.fixture
def admin(alor):
    user = make_user("0812-2222-0001", "Dinas PMD Alor")
    RegionAdmin.objects.create(region=alor, user=user)
    return user


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


@pytest.fixture
def dulolong():
    return StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")


@pytest.fixture
def future_operator():
    return make_user("0813-7777-0001", "Ibu Kepala Desa")


def errors_text(response) -> str:
    html = response.content.decode()
    return " ".join(re.findall(r'<div class="err"[^>]*>(.*?)</div>', html, flags=re.S))


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


# --- Who may enter -----------------------------------------------------------------


def test_anonymous_is_sent_to_login(client, alor, dulolong):
    for target in (
        reverse("kelola:region", args=["53.05"]),
        reverse("kelola:region_open", args=["53.05"]),
        reverse("kelola:region_store", args=["53.05", "dulolong"]),
    ):
        response = client.get(target)
        assert response.status_code == 302
        assert urlsplit(response["Location"]).path == "/akun/masuk/"
    response = client.post(reverse("kelola:region_deactivate", args=["53.05", "dulolong"]))
    assert urlsplit(response["Location"]).path == "/akun/masuk/"
    dulolong.refresh_from_db()
    assert dulolong.is_active


def test_an_operator_is_not_a_regional_admin(client, alor, dulolong):
    operator = make_user("0812-2222-0002", "Operator")
    StoreMember.objects.create(store=dulolong, user=operator, role="operator")
    client.force_login(operator)
    assert client.get(reverse("kelola:region", args=["53.05"])).status_code == 404
    assert client.get(reverse("kelola:region", args=["53.05.02"])).status_code == 404


def test_admin_sees_regions_beneath_but_not_above_or_beside(admin_client, alor, elsewhere):
    assert admin_client.get(reverse("kelola:region", args=["53.05"])).status_code == 200
    assert admin_client.get(reverse("kelola:region", args=["53.05.02"])).status_code == 200
    for code in ("53", "33.03", "33", "99.99", "53.05.02.2007"):
        response = admin_client.get(reverse("kelola:region", args=[code]))
        assert response.status_code == 404, code


# --- The stores of the region ---------------------------------------------------------


def test_region_page_lists_stores_with_counts(admin_client, alor, dulolong, elsewhere):
    # Given Dulolong with a verified and a pending seller, two public products
    # and a taken-down one; a closed store in Alor; a store in another kabupaten
    maria = SellerFactory(store=dulolong)
    SellerFactory(store=dulolong, status=Seller.Status.PENDING)
    ProductFactory(seller=maria)
    ProductFactory(seller=maria)
    ProductFactory(seller=maria, status=Product.Status.BLOCKED)
    closed = StoreFactory(name="Toko Desa Tutup", is_active=False)
    theirs = StoreFactory(village=elsewhere, name="Toko Jawa", slug="jawa")
    # When the admin opens the region page
    response = admin_client.get(reverse("kelola:region", args=["53.05"]))
    # Then both Alor stores are listed with their counts and flags, not the other
    assert response.status_code == 200
    stores = {s.name: s for s in response.context["page_obj"]}
    assert set(stores) == {"Toko Desa Dulolong", "Toko Desa Tutup"}
    row = stores["Toko Desa Dulolong"]
    assert (row.verified_sellers, row.pending_sellers, row.public_products) == (1, 1, 2)
    text = page(response).text
    assert "1 penjual terverifikasi · 1 menunggu · 2 produk tampil" in text
    assert "Nonaktif" in text
    assert theirs.name not in text
    hrefs = page(response).hrefs()
    assert reverse("kelola:region_store", args=["53.05", closed.slug]) in hrefs
    assert len(gzip.compress(response.content)) <= BYTE_BUDGET


# --- Opening a store -------------------------------------------------------------------


def test_search_lists_villages_of_the_region_only(admin_client, alor, dulolong, elsewhere):
    target = reverse("kelola:region_open", args=["53.05"])
    # By name: both Alor villages, not the Javanese one with a similar name
    response = admin_client.get(target, {"q": "alor"})
    assert [v.code for v in response.context["villages"]] == ["53.05.02.2007", "53.05.02.2008"]
    assert 'value="alor"' in response.content.decode()
    assert "?desa=53.05.02.2007" in page(response).hrefs()
    # By code, and a village that already has a store is marked
    response = admin_client.get(target, {"q": "53.05.02.2006"})
    [found] = response.context["villages"]
    assert found.has_store
    assert "Sudah punya toko" in page(response).text
    # A code outside the region finds nothing
    assert admin_client.get(target, {"q": "33.03"}).context["villages"] == []
    assert "Tidak ada desa/kelurahan" in page(admin_client.get(target, {"q": "33.03"})).text


def test_open_a_store_and_invite_its_first_operator(
    client, admin_client, admin, alor, future_operator
):
    target = reverse("kelola:region_open", args=["53.05"])
    # Given the admin chose Alor Besar from the search
    response = admin_client.get(target, {"desa": "53.05.02.2007"})
    assert "Desa Alor Besar" in page(response).text
    # When they open its store and name its operator by WhatsApp number
    response = admin_client.post(
        target,
        {"village": "53.05.02.2007", "name": "", "operator_phone": "0813 7777 0001"},
        follow=True,
    )
    # Then the store exists, active, named after the village, with an
    # invitation to the operator but no operator yet
    store = Store.objects.get(village_id="53.05.02.2007")
    assert store.is_active
    assert store.name == "Toko Desa Alor Besar"
    invitation = StoreInvitation.objects.get(store=store)
    assert (invitation.phone, invitation.role, invitation.status, invitation.invited_by) == (
        "+6281377770001",
        "operator",
        "pending",
        admin,
    )
    assert not StoreMember.objects.filter(store=store).exists()
    assert response.redirect_chain[-1][0] == reverse(
        "kelola:region_store", args=["53.05", store.slug]
    )
    # And the page has one tap to tell the operator on WhatsApp, with only /kelola/ in it
    [wa] = page(response).wa_links()
    assert wa.startswith("https://wa.me/6281377770001?text=")
    text = whatsapp_text(wa)
    assert "pengelola Toko Desa Alor Besar" in text
    assert re.findall(r"https?://\S+", text) == ["http://testserver/kelola/"]
    # Before accepting, the invitee cannot run the store
    client.force_login(future_operator)
    assert client.get(reverse("kelola:store", args=[store.slug])).status_code == 404
    # When they accept on their role home
    home = client.get(reverse("kelola:home"))
    assert "Anda diundang menjadi pengelola Toko Desa Alor Besar" in page(home).text
    client.post(reverse("kelola:invitation", args=[invitation.pk, "terima"]))
    # Then they run it
    member = StoreMember.objects.get(store=store)
    assert (member.user, member.role, member.added_by) == (future_operator, "operator", admin)
    assert client.get(reverse("kelola:store", args=[store.slug])).status_code == 200


def test_a_double_tap_opens_the_store_once(admin_client, alor, future_operator):
    # Given the form as shown, with its one-time key
    target = reverse("kelola:region_open", args=["53.05"])
    form = page(admin_client.get(target, {"desa": "53.05.02.2007"}))
    [key] = [a["value"] for a in form.find_all("input", name="idempotency_key")]
    data = {"village": "53.05.02.2007", "operator_phone": "081377770001", "idempotency_key": key}
    # When it is sent twice
    first = admin_client.post(target, data)
    second = admin_client.post(target, data)
    # Then one store is opened, with one invitation, and both answers lead to it
    store = Store.objects.get(village_id="53.05.02.2007")
    assert first["Location"] == second["Location"]
    assert first["Location"] == reverse("kelola:region_store", args=["53.05", store.slug])
    assert StoreInvitation.objects.filter(store=store).count() == 1


def test_admin_of_53_05_cannot_open_a_store_in_33_03(
    admin_client, alor, elsewhere, future_operator
):
    data = {"village": elsewhere.code, "operator_phone": "081377770001"}
    # Through the other region's URL: not found
    for method in ("get", "post"):
        response = getattr(admin_client, method)(
            reverse("kelola:region_open", args=["33.03"]), data
        )
        assert response.status_code == 404
    # Through their own region's URL with a village outside it: refused
    response = admin_client.post(reverse("kelola:region_open", args=["53.05"]), data)
    assert response.status_code == 200
    assert "Pilih dulu desa/kelurahan di wilayah ini" in errors_text(response)
    assert not Store.objects.filter(village=elsewhere).exists()
    assert not StoreMember.objects.exists()


def test_an_operator_without_an_account_signs_up_then_accepts(client, admin_client, alor):
    # Given a store opened for a number that has no account yet
    admin_client.post(
        reverse("kelola:region_open", args=["53.05"]),
        {"village": "53.05.02.2008", "name": "Toko Kampung", "operator_phone": "0813-0000-0000"},
    )
    store = Store.objects.get(village_id="53.05.02.2008")
    # When the person signs up with that number
    client.post(
        reverse("accounts:signup"),
        {
            "name": "Bapak Baru",
            "phone": "0813 0000 0000",
            "password1": "kampung-alor-9",
            "password2": "kampung-alor-9",
        },
    )
    # Then the invitation waits on their role home, and accepting makes them operator
    invitation = StoreInvitation.objects.get(store=store)
    home = client.get(reverse("kelola:home"))
    assert f'action="{reverse("kelola:invitation", args=[invitation.pk, "terima"])}"' in (
        home.content.decode()
    )
    client.post(reverse("kelola:invitation", args=[invitation.pk, "terima"]))
    assert client.get(reverse("kelola:store", args=[store.slug])).status_code == 200


def test_opening_with_a_broken_number_keeps_the_input(admin_client, alor):
    response = admin_client.post(
        reverse("kelola:region_open", args=["53.05"]),
        {"village": "53.05.02.2008", "name": "Toko Kampung Alor Kecil", "operator_phone": "0813"},
    )
    # Then nothing is created, the plain phone message, the input stays
    assert response.status_code == 200
    assert "Nomor WhatsApp tidak valid" in errors_text(response)
    html = response.content.decode()
    assert 'value="Toko Kampung Alor Kecil"' in html
    assert 'value="53.05.02.2008"' in html
    assert not Store.objects.filter(village_id="53.05.02.2008").exists()


def test_a_village_has_one_store(admin_client, alor, dulolong, future_operator):
    response = admin_client.post(
        reverse("kelola:region_open", args=["53.05"]),
        {"village": dulolong.village_id, "operator_phone": "081377770001"},
    )
    assert "Desa ini sudah punya toko." in errors_text(response)
    assert Store.objects.filter(village=dulolong.village).count() == 1
    assert not StoreMember.objects.exists()


# --- Running the stores of the region --------------------------------------------------


def test_deactivating_asks_first_then_needs_a_reason(admin_client, alor, dulolong):
    ProductFactory(seller=SellerFactory(store=dulolong))
    target = reverse("kelola:region_deactivate", args=["53.05", "dulolong"])
    # Given the store page: "Nonaktifkan toko" is a link, not a one-tap form
    store_page = page(admin_client.get(reverse("kelola:region_store", args=["53.05", "dulolong"])))
    assert target in store_page.hrefs()
    # When the admin follows it, the store is still open and the page says what happens
    response = admin_client.get(target)
    dulolong.refresh_from_db()
    assert dulolong.is_active
    text = page(response).text
    assert "1 produk tidak tampil lagi untuk pembeli" in text
    assert "Ya, nonaktifkan toko" in text
    assert len(gzip.compress(response.content)) <= BYTE_BUDGET
    # Confirming without a reason closes nothing
    response = admin_client.post(target, {"reason": "  "})
    assert "Tulis alasannya" in errors_text(response)
    dulolong.refresh_from_db()
    assert dulolong.is_active
    # With a reason: closed, buyers no longer find it, its operator reads why
    response = admin_client.post(target, {"reason": "Pengelola tidak aktif."}, follow=True)
    dulolong.refresh_from_db()
    assert not dulolong.is_active
    assert dulolong.inactive_reason == "Pengelola tidak aktif."
    assert any("dinonaktifkan" in m for m in messages_of(response))
    buyer, operator_client = Client(), Client()
    assert buyer.get("/desa/dulolong/").status_code == 404
    operator = make_user("0812-2222-0009", "Operator")
    StoreMember.objects.create(store=dulolong, user=operator, role="operator")
    operator_client.force_login(operator)
    assert "Pengelola tidak aktif." in page(operator_client.get("/kelola/toko/dulolong/")).text
    # Reactivated: back for buyers
    admin_client.post(reverse("kelola:region_reactivate", args=["53.05", "dulolong"]))
    dulolong.refresh_from_db()
    assert dulolong.is_active
    assert buyer.get("/desa/dulolong/").status_code == 200


def test_invite_another_operator(client, admin_client, alor, dulolong, future_operator):
    target = reverse("kelola:region_appoint", args=["53.05", "dulolong"])
    response = admin_client.post(target, {"phone": "0813"})
    assert "Nomor WhatsApp tidak valid" in errors_text(response)
    response = admin_client.post(target, {"phone": "0813-7777-0001"}, follow=True)
    # Then an invitation, no role yet, and a WhatsApp tap to tell them
    assert not StoreMember.objects.filter(store=dulolong, user=future_operator).exists()
    invitation = StoreInvitation.objects.get(store=dulolong, role="operator")
    assert page(response).wa_links()[0].startswith("https://wa.me/6281377770001?text=")
    # Declined: still no role
    client.force_login(future_operator)
    client.post(reverse("kelola:invitation", args=[invitation.pk, "tolak"]))
    invitation.refresh_from_db()
    assert invitation.status == "declined"
    assert not StoreMember.objects.filter(store=dulolong, user=future_operator).exists()


def test_stores_of_other_regions_are_not_found(admin_client, alor, elsewhere):
    theirs = StoreFactory(village=elsewhere, name="Toko Jawa", slug="jawa")
    for name, method in [
        ("region_store", "get"),
        ("region_deactivate", "get"),
        ("region_deactivate", "post"),
        ("region_reactivate", "post"),
        ("region_appoint", "post"),
    ]:
        # Neither through their region nor smuggled under ours
        for code in ("33.03", "53.05"):
            response = getattr(admin_client, method)(
                reverse(f"kelola:{name}", args=[code, "jawa"]), {"phone": "081222220001"}
            )
            assert response.status_code == 404, (name, code)
    theirs.refresh_from_db()
    assert theirs.is_active
    assert not StoreMember.objects.filter(store=theirs).exists()


def test_provincial_admin_and_superuser_see_it_all(client, alor, dulolong):
    provincial = make_user("0812-2222-0003", "Dinas Provinsi NTT")
    RegionAdmin.objects.create(region=Region.objects.get(code="53"), user=provincial)
    superuser = make_user("0812-2222-0004", "Admin Platform", is_superuser=True, is_staff=True)
    for user in (provincial, superuser):
        client.force_login(user)
        response = client.get(reverse("kelola:region", args=["53"]))
        assert response.status_code == 200
        assert [s.name for s in response.context["page_obj"]] == ["Toko Desa Dulolong"]
        assert (
            client.get(reverse("kelola:region_store", args=["53.05", "dulolong"])).status_code
            == 200
        )
