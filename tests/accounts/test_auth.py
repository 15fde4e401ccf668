"""Phone-number accounts: sign up, log in (rate-limited), operator-issued reset links."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from pasardesa.accounts import ratelimit
from pasardesa.accounts.models import User
from pasardesa.accounts.services import password_reset_link
from tests.demo_fixtures import page

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-alor-2026"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def maria():
    return User.objects.create_user("0812-3456-7890", PASSWORD, name="Maria Lake")


def _login(client, phone, password=PASSWORD, **extra):
    return client.post(reverse("accounts:login"), {"phone": phone, "password": password}, **extra)


class TestSignup:
    def test_given_a_new_number_when_signing_up_then_the_account_is_stored_normalised(self, client):
        response = client.post(
            reverse("accounts:signup"),
            {
                "name": "Yohanes",
                "phone": "62 813-3333-4444",
                "email": "",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status_code == 302
        user = User.objects.get()
        assert user.phone == "+6281333334444"
        assert user.check_password(PASSWORD)
        assert client.session["_auth_user_id"] == str(user.pk)

    def test_given_a_taken_number_in_another_format_when_signing_up_then_refused_with_input_kept(
        self, client, maria
    ):
        response = client.post(
            reverse("accounts:signup"),
            {
                "name": "Orang Lain",
                "phone": "+62 812 3456 7890",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        assert response.status_code == 200
        body = response.content.decode()
        assert "sudah terdaftar" in body
        assert 'value="Orang Lain"' in body
        assert User.objects.count() == 1

    @pytest.mark.parametrize(
        ("phone", "password1", "password2", "message"),
        [
            ("12345", PASSWORD, PASSWORD, "Nomor WhatsApp tidak valid"),
            ("0813-3333-4444", PASSWORD, PASSWORD + "x", "Kedua kata sandi tidak sama"),
            ("0813-3333-4444", "12345678", "12345678", "terlalu umum"),
        ],
    )
    def test_given_bad_input_when_signing_up_then_a_plain_indonesian_error(
        self, client, phone, password1, password2, message
    ):
        response = client.post(
            reverse("accounts:signup"),
            {"name": "Yohanes", "phone": phone, "password1": password1, "password2": password2},
        )
        assert response.status_code == 200
        assert message in response.content.decode()
        assert not User.objects.exists()


class TestLogin:
    @pytest.mark.parametrize("typed", ["0812-3456-7890", "62812 3456 7890", "+62 812-3456-7890"])
    def test_given_an_account_when_logging_in_with_any_way_of_writing_the_number_then_in(
        self, client, maria, typed
    ):
        response = _login(client, typed)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(maria.pk)

    def test_given_a_wrong_password_then_a_message_that_does_not_say_which_part_was_wrong(
        self, client, maria
    ):
        response = _login(client, "0812-3456-7890", "salah")
        assert response.status_code == 200
        assert "Nomor WhatsApp atau kata sandi salah" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_given_five_failures_for_a_number_then_even_the_right_password_waits(
        self, client, maria
    ):
        for _ in range(ratelimit.MAX_FAILURES_PER_PHONE):
            _login(client, "0812-3456-7890", "salah")

        response = _login(client, "0812-3456-7890")

        assert response.status_code == 429
        assert "Tunggu 15 menit" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_given_one_number_locked_then_another_number_from_another_ip_still_logs_in(
        self, client, maria
    ):
        User.objects.create_user("0813-1111-2222", PASSWORD, name="Budi")
        for _ in range(ratelimit.MAX_FAILURES_PER_PHONE):
            _login(client, "0812-3456-7890", "salah")

        response = _login(client, "0813-1111-2222", REMOTE_ADDR="10.0.0.9")

        assert response.status_code == 302

    def test_given_many_failures_from_one_ip_over_many_numbers_then_that_ip_is_locked(
        self, client, maria
    ):
        for n in range(ratelimit.MAX_FAILURES_PER_IP):
            _login(client, f"0813-0000-{n:04d}", "salah")

        response = _login(client, "0812-3456-7890")

        assert response.status_code == 429

    def test_given_an_open_redirect_in_next_then_it_is_ignored(self, client, maria):
        response = client.post(
            reverse("accounts:login"),
            {"phone": "0812-3456-7890", "password": PASSWORD, "next": "https://evil.example/"},
        )
        assert response.status_code == 302
        assert "evil.example" not in response["Location"]

    def test_given_a_deactivated_account_then_it_cannot_log_in(self, client, maria):
        maria.is_active = False
        maria.save()
        response = _login(client, "0812-3456-7890")
        assert response.status_code == 200
        assert "dinonaktifkan" in response.content.decode()


class TestResetLink:
    def test_given_a_link_when_a_new_password_is_set_then_it_works_and_the_link_dies(
        self, client, maria
    ):
        link = password_reset_link(user=maria)
        new_password = "tenun-ikat-baru-9"

        response = client.post(link.path, {"password1": new_password, "password2": new_password})

        assert response.status_code == 302
        maria.refresh_from_db()
        assert maria.check_password(new_password)
        # A second use of the same link is refused: the password changed.
        again = client.get(link.path)
        assert again.status_code == 410

    def test_given_a_link_older_than_a_day_then_it_is_refused(self, client, maria, settings):
        link = password_reset_link(user=maria)
        settings.PASSWORD_RESET_TIMEOUT = -1  # as if 24 hours had passed
        assert client.get(link.path).status_code == 410

    @pytest.mark.parametrize("path", ["/akun/atur-ulang/xx/yy/", "/akun/atur-ulang/MQ/1-2/"])
    def test_given_a_forged_link_then_refused(self, client, maria, path):
        assert client.get(path).status_code == 410


def test_logout_needs_post(client, maria):
    client.force_login(maria)
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_dashboard_sends_anonymous_visitors_to_login(client):
    response = client.get(reverse("kelola:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


class TestFlashMessages:
    """A message belongs to the page the action lands on, not the one after."""

    def test_given_a_sign_up_then_the_next_page_says_so_and_the_one_after_does_not(self, client):
        # When a new person signs up
        response = client.post(
            reverse("accounts:signup"),
            {
                "name": "Yohanes",
                "phone": "0813-3333-4444",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
            follow=True,
        )
        # Then the page they land on says the account was made
        assert response.redirect_chain[-1][0] == reverse("kelola:home")
        assert "Akun Anda sudah dibuat." in response.content.decode()
        # and the following page does not say it again
        again = client.get(reverse("kelola:home"))
        assert "Akun Anda sudah dibuat." not in again.content.decode()

    def test_given_a_logout_then_the_page_landed_on_says_so(self, client, maria):
        client.force_login(maria)
        response = client.post(reverse("accounts:logout"), follow=True)
        assert "Anda sudah keluar." in response.content.decode()

    def test_given_a_new_password_then_the_login_page_says_it_was_saved(self, client, maria):
        link = password_reset_link(user=maria)
        response = client.post(
            link.path,
            {"password1": "tenun-ikat-baru-9", "password2": "tenun-ikat-baru-9"},
            follow=True,
        )
        assert response.redirect_chain[-1][0] == reverse("accounts:login")
        assert "Kata sandi baru sudah disimpan." in response.content.decode()


class TestHeaderLogin:
    """Buyers find their orders and offers through "Masuk" in every header."""

    def _masuk_href(self, client) -> str:
        html = page(client.get(reverse("market:home")))
        links = [
            a["href"] for t, a in html.tags if t == "a" and a.get("href", "").startswith("/akun/")
        ]
        assert len(links) == 1, links
        return links[0]

    def test_given_a_buyer_when_tapping_masuk_and_logging_in_then_their_orders(self, client, maria):
        # Given the header of a buyer page
        href = self._masuk_href(client)
        assert "Masuk" in page(client.get(reverse("market:home"))).text
        # When the buyer follows it and logs in
        form = page(client.get(href))
        next_values = [i["value"] for i in form.find_all("input", name="next")]
        response = client.post(
            href, {"phone": "0812-3456-7890", "password": PASSWORD, "next": next_values[0]}
        )
        # Then they land on their order history
        assert response.status_code == 302
        assert response["Location"] == reverse("orders:history")

    def test_given_someone_logged_in_when_tapping_masuk_then_straight_on(self, client, maria):
        client.force_login(maria)
        response = client.get(self._masuk_href(client))
        assert response.status_code == 302
        assert response["Location"] == reverse("orders:history")
