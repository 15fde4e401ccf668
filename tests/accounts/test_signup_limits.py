"""Sign-up is limited per IP address: one address may create 5 accounts an hour."""

import pytest
from django.urls import reverse

from pasardesa.accounts.models import User

pytestmark = pytest.mark.django_db


def _signup(client, n: int, **extra):
    return client.post(
        reverse("accounts:signup"),
        {
            "name": f"Warga {n}",
            "phone": f"0813-2000-{n:04d}",
            "password1": "kampung-alor-9",
            "password2": "kampung-alor-9",
        },
        **extra,
    )


def test_the_sixth_account_from_one_address_in_an_hour_gets_a_plain_429(client):
    # Given five accounts made from one address
    for n in range(5):
        assert _signup(client, n).status_code == 302
        client.logout()
    # When a sixth is tried
    response = _signup(client, 5)
    # Then a plain Indonesian page answers 429 and no account is made
    assert response.status_code == 429
    assert "Terlalu banyak akun dibuat dari sambungan ini" in response.content.decode()
    assert not User.objects.filter(phone="+6281320000005").exists()
    # Another address still signs up
    assert _signup(client, 6, REMOTE_ADDR="10.1.2.3").status_code == 302


def test_failed_sign_ups_do_not_count(client):
    # Given a person who mistypes the second password six times
    for _ in range(6):
        response = client.post(
            reverse("accounts:signup"),
            {
                "name": "Warga",
                "phone": "0813-2000-0100",
                "password1": "kampung-alor-9",
                "password2": "salah-ketik-9",
            },
        )
        assert response.status_code == 200
    # Then the right form still creates the account
    assert _signup(client, 100).status_code == 302
