"""The operator sets how long a seller may leave a new order unanswered
(``Store.order_expiry_hours``, 1..168) on the store profile page."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from pasardesa.catalog.models import Category
from pasardesa.kelola.forms import StoreProfileForm
from pasardesa.stores.models import Store, StoreMember
from pasardesa.stores.services import update_store_profile
from tests.factories import SellerFactory, StoreFactory, make_user, village
from tests.orders.factories import place, product

pytestmark = pytest.mark.django_db

ERROR = "Isi angka bulat antara 1 dan 168 jam (7 hari)."


@pytest.fixture
def store():
    return StoreFactory(village=village(), name="Toko Desa Dulolong", slug="dulolong")


@pytest.fixture
def op_client(client, store):
    user = make_user("0812-1111-0001", "Pak Yoram")
    StoreMember.objects.create(store=store, user=user, role=StoreMember.Role.OPERATOR)
    client.force_login(user)
    return client


def profile_url(store: Store) -> str:
    return reverse("kelola:store_profile", args=[store.slug])


def profile_post(**fields) -> dict:
    return {
        "name": "Toko Desa Dulolong",
        "shown_categories": list(Category.objects.values_list("pk", flat=True)),
        **fields,
    }


def expiry_input(html: str) -> str:
    found = re.search(r"<input[^>]*name=\"order_expiry_hours\"[^>]*>", html)
    assert found, "no order_expiry_hours input on the page"
    return found.group(0)


def errors_text(html: str) -> str:
    return " ".join(re.findall(r'<div class="err"[^>]*>(.*?)</div>', html, flags=re.S))


def test_the_profile_page_shows_the_current_expiry_with_its_bounds(op_client, store):
    response = op_client.get(profile_url(store))

    assert response.status_code == 200
    html = response.content.decode()
    field = expiry_input(html)
    assert 'value="24"' in field
    assert 'min="1"' in field
    assert 'max="168"' in field
    assert "Batas waktu jawab pesanan (jam)" in html


@pytest.mark.parametrize("typed", ["0", "169", "-5", "abc", "2,5", "1000000000000"])
def test_a_bad_value_is_refused_in_indonesian_and_the_input_kept(op_client, store, typed):
    # When the operator types a time outside 1..168 (or no number at all)
    response = op_client.post(
        profile_url(store),
        profile_post(order_expiry_hours=typed, tagline="Slogan yang diketik"),
    )

    # Then the page comes back saying why, with what was typed still there
    assert response.status_code == 200
    html = response.content.decode()
    assert ERROR in errors_text(html)
    assert f'value="{typed}"' in expiry_input(html)
    assert 'value="Slogan yang diketik"' in html
    # and nothing of the profile is saved
    store.refresh_from_db()
    assert store.order_expiry_hours == 24
    assert store.tagline == ""


@pytest.mark.parametrize("hours", [1, 48, 168])
def test_the_form_accepts_1_to_168_hours(store, hours):
    form = StoreProfileForm(store, profile_post(order_expiry_hours=str(hours)))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["order_expiry_hours"] == hours


def test_an_empty_field_keeps_the_current_time(store):
    form = StoreProfileForm(store, profile_post(order_expiry_hours=""))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["order_expiry_hours"] is None


def test_the_service_stores_the_time_and_new_orders_get_it(store):
    # Given a seller of the store with a product, and an order placed at 24 h
    seller = SellerFactory(store=store)
    item = product(seller=seller, stock=10)
    before = place([(item, 1)]).orders.get()

    # When the operator sets 2 hours
    update_store_profile(store=store, name=store.name, order_expiry_hours=2)

    # Then the store keeps it, and only orders placed from now on get 2 hours
    store.refresh_from_db()
    assert store.order_expiry_hours == 2
    after = place([(item, 1)]).orders.get()
    assert after.expires_at - after.created_at == pytest.approx(
        datetime.timedelta(hours=2), abs=datetime.timedelta(seconds=5)
    )
    before.refresh_from_db()
    assert before.expires_at > timezone.now() + datetime.timedelta(hours=23)


def test_the_service_keeps_the_time_when_not_given(store):
    update_store_profile(store=store, name=store.name, order_expiry_hours=72)

    update_store_profile(store=store, name="Toko Desa Dulolong Baru")

    store.refresh_from_db()
    assert (store.name, store.order_expiry_hours) == ("Toko Desa Dulolong Baru", 72)


@pytest.mark.parametrize("hours", [0, 169, -1, True, "24", 2.5])
def test_the_service_refuses_anything_but_1_to_168_whole_hours(store, hours):
    with pytest.raises(ValidationError) as refused:
        update_store_profile(store=store, name="Nama Baru", order_expiry_hours=hours)

    assert refused.value.message_dict == {"order_expiry_hours": [ERROR]}
    store.refresh_from_db()
    assert (store.name, store.order_expiry_hours) == ("Toko Desa Dulolong", 24)


def test_the_operator_saves_a_new_time_on_the_profile_page(op_client, store):
    response = op_client.post(profile_url(store), profile_post(order_expiry_hours="48"))

    assert response.status_code == 302
    store.refresh_from_db()
    assert store.order_expiry_hours == 48
    assert 'value="48"' in expiry_input(op_client.get(profile_url(store)).content.decode())
