"""A payment gateway's signed notice confirms a payment by itself, for the exact
amount only; without a secret the endpoint does not exist."""

import json

import pytest
from django.urls import reverse

from pasardesa.payments.gateway import SIGNATURE_HEADER, SignedJsonWebhook
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import Payment, PaymentRole, PaymentStatus
from pasardesa.payments.selectors import balances, ledger_problems
from tests.payments.escrow_factories import escrow_order

pytestmark = pytest.mark.django_db

SECRET = "rahasia-gateway-uji"
URL = "/pembayaran/gateway/notifikasi/"


def notify(client, body: dict | bytes, *, secret: str = SECRET, signature: str | None = None):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode()
    sig = SignedJsonWebhook(secret).sign(raw) if signature is None else signature
    return client.post(URL, raw, content_type="application/json", headers={SIGNATURE_HEADER: sig})


@pytest.fixture
def gateway(settings):
    settings.PAYMENT_WEBHOOK_SECRET = SECRET


def test_the_url_is_the_one_documented():
    assert reverse("payments:gateway_notification") == URL


def test_without_a_secret_there_is_no_endpoint(client, settings):
    settings.PAYMENT_WEBHOOK_SECRET = ""
    order = escrow_order()
    body = {"reference": order.number, "amount_idr": order.payment.amount_idr, "id": "g-1"}
    assert notify(client, body).status_code == 404
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.AWAITING


def test_a_signed_notice_for_the_exact_amount_holds_the_money_once(client, gateway):
    # Given an escrow order awaiting its payment
    order = escrow_order()
    body = {"reference": order.number, "amount_idr": order.payment.amount_idr, "id": "g-1"}
    # When the gateway notifies, and retries the same notice
    first = notify(client, body)
    again = notify(client, body)
    # Then the money is held once, by the system, and the books agree
    assert first.status_code == again.status_code == 200
    payment = Payment.objects.get(pk=order.payment.pk)
    assert payment.status == PaymentStatus.HELD
    assert payment.events.filter(to_status=PaymentStatus.HELD).get().actor_role == (
        PaymentRole.SYSTEM
    )
    held = sum(amount for account, amount in balances(order.store) if account.kind == "held")
    assert held == payment.amount_idr
    assert AccountKind.ESCROW in {account.kind for account, _amount in balances(order.store)}
    assert ledger_problems() == []


@pytest.mark.parametrize(
    "tamper",
    ["bad signature", "wrong amount", "unknown order", "not json", "amount as text"],
)
def test_a_notice_that_does_not_match_confirms_nothing(client, gateway, tamper):
    order = escrow_order()
    body = {"reference": order.number, "amount_idr": order.payment.amount_idr, "id": "g-2"}
    signature = None
    if tamper == "bad signature":
        signature = SignedJsonWebhook("other-secret").sign(json.dumps(body).encode())
    elif tamper == "wrong amount":
        body["amount_idr"] -= 1
    elif tamper == "unknown order":
        body["reference"] = "PD-00000000-000"
    elif tamper == "amount as text":
        body["amount_idr"] = str(body["amount_idr"])
    response = notify(client, b"{not json" if tamper == "not json" else body, signature=signature)
    assert response.status_code == 400
    assert response.json()["ok"] is False
    assert Payment.objects.get(pk=order.payment.pk).status == PaymentStatus.AWAITING


def test_only_post_is_answered(client, gateway):
    assert client.get(URL).status_code == 405
