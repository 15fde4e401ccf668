"""Every redirect that takes a ``next`` from the visitor stays on this site
and never breaks: a bare word, a number or a foreign URL falls back to the
page's own default (core.web.safe_next)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from pasardesa.accounts.models import User
from tests.demo_fixtures import page
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-alor-2026"

HOSTILE_NEXT = [
    "-1",
    "NaN",
    "99999999999999999999",
    "home",
    "market:home",
    "//evil.example",
    "///evil.example",
    "https://evil.example",
    "https://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    " /x",
    "\x00",
    "/\r\nSet-Cookie: a=1",
    "x" * 5000,
]


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def assert_stays_home(response, default: str):
    assert response.status_code == 302
    location = response["Location"]
    assert location == default, location
    assert "evil" not in location
    assert "\n" not in location


@pytest.mark.parametrize("target", HOSTILE_NEXT, ids=repr)
def test_add_to_cart_with_a_hostile_next_lands_on_the_cart(client, target):
    # Given a product on sale
    product = ProductFactory()
    # When "Masukkan keranjang" is posted with a next no page of ours would send
    response = client.post(
        reverse("orders:cart_add"), {"product": product.pk, "quantity": "1", "next": target}
    )
    # Then the product is in the cart and the buyer lands on the cart, not a 500
    assert_stays_home(response, reverse("orders:cart"))
    assert client.session["cart"]


def test_add_to_cart_goes_back_to_the_product_page_it_came_from(client):
    product = ProductFactory()
    response = client.post(
        reverse("orders:cart_add"),
        {"product": product.pk, "quantity": "1", "next": product.get_absolute_url()},
    )
    assert response["Location"] == product.get_absolute_url()


@pytest.mark.parametrize("target", HOSTILE_NEXT, ids=repr)
def test_login_with_a_hostile_next_logs_in_and_lands_on_the_dashboard(client, target):
    # Given an account
    User.objects.create_user("0812-3456-7890", PASSWORD, name="Maria Lake")
    # When the person logs in from a link carrying a hostile next
    response = client.post(
        reverse("accounts:login") + "?next=" + target.replace("\x00", "%00"),
        {"phone": "0812-3456-7890", "password": PASSWORD},
    )
    # Then they are logged in and on their dashboard
    assert_stays_home(response, reverse("kelola:home"))
    assert client.session.get("_auth_user_id")


@pytest.mark.parametrize("target", HOSTILE_NEXT, ids=repr)
def test_login_page_with_a_hostile_next_does_not_carry_it_on(client, target):
    # When the login page is opened with a hostile next
    response = client.get(reverse("accounts:login"), {"next": target})
    # Then it renders, and neither the form nor the sign-up link passes it on
    assert response.status_code == 200
    html = page(response)
    assert not html.find_all("input", name="next")
    signup = [href for href in html.hrefs() if href.startswith(reverse("accounts:signup"))]
    assert signup == [reverse("accounts:signup")]


def test_login_keeps_a_next_on_this_site(client):
    User.objects.create_user("0812-3456-7890", PASSWORD, name="Maria Lake")
    response = client.post(
        reverse("accounts:login"),
        {"phone": "0812-3456-7890", "password": PASSWORD, "next": "/keranjang/"},
    )
    assert response["Location"] == "/keranjang/"


@pytest.mark.parametrize("target", HOSTILE_NEXT, ids=repr)
def test_signup_with_a_hostile_next_creates_the_account_and_lands_on_the_dashboard(client, target):
    # When a new person signs up with a hostile next in the form
    response = client.post(
        reverse("accounts:signup"),
        {
            "name": "Yohanes",
            "phone": "0813-3333-4444",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "next": target,
        },
    )
    # Then the account exists, they are logged in and on their dashboard
    assert_stays_home(response, reverse("kelola:home"))
    assert User.objects.filter(phone="+6281333334444").exists()
    assert client.session.get("_auth_user_id")
