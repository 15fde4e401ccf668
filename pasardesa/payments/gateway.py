"""The boundary where a payment gateway may confirm payments by itself.

Today a person confirms every QRIS or transfer (the seller, or the treasurer
for the rekening bersama): no acquirer API is reachable without a contract.
When a village signs one, its gateway's notification (webhook) comes in here:
an adapter turns the gateway's request into a ``GatewayNotice`` after checking
its signature, and ``confirm_from_gateway`` confirms the payment the notice
names, exactly as a person would, but only for the exact amount asked for.

``SignedJsonWebhook`` is the adapter for the simplest contract there is (a
JSON body signed with HMAC-SHA256 under a shared secret,
``PASARDESA_PAYMENT_WEBHOOK_SECRET``); a real acquirer's adapter verifies its
own signature scheme and produces the same notice. Without a secret the
endpoint does not exist (404), so nothing can confirm money by accident.
"""

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pasardesa.payments.models import Payment, PaymentRole
from pasardesa.payments.models import PaymentStatus as S
from pasardesa.payments.services import confirm_payment

SIGNATURE_HEADER = "X-Signature"
MAX_BODY_BYTES = 4096


class NoticeRefused(ValidationError):
    """A notification that confirms nothing: bad signature, unknown order, wrong amount."""


@dataclass(frozen=True)
class GatewayNotice:
    """A gateway says: ``amount_idr`` arrived for order ``reference``, its own id ``gateway_id``."""

    reference: str
    amount_idr: int
    gateway_id: str


class GatewayAdapter(Protocol):
    def notice(self, *, body: bytes, headers) -> GatewayNotice:
        """The notice in a request, or ``NoticeRefused``."""


class SignedJsonWebhook:
    """``{"reference": "PD-…", "amount_idr": 125347, "id": "…"}`` signed as
    hex HMAC-SHA256 of the raw body in ``X-Signature``."""

    def __init__(self, secret: str):
        self.secret = secret.encode()

    def sign(self, body: bytes) -> str:
        return hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    def notice(self, *, body: bytes, headers) -> GatewayNotice:
        if len(body) > MAX_BODY_BYTES:
            raise NoticeRefused("body too large")
        given = headers.get(SIGNATURE_HEADER, "")
        if not hmac.compare_digest(self.sign(body), given):
            raise NoticeRefused("bad signature")
        try:
            data = json.loads(body)
            reference, amount, gateway_id = data["reference"], data["amount_idr"], data["id"]
        except (ValueError, TypeError, KeyError):
            raise NoticeRefused("malformed notice") from None
        if not (isinstance(reference, str) and isinstance(gateway_id, str)):
            raise NoticeRefused("malformed notice")
        if type(amount) is not int:
            raise NoticeRefused("amount must be whole rupiah")
        return GatewayNotice(
            reference=reference[:40], amount_idr=amount, gateway_id=gateway_id[:80]
        )


def configured_adapter() -> GatewayAdapter | None:
    secret = getattr(settings, "PAYMENT_WEBHOOK_SECRET", "")
    return SignedJsonWebhook(secret) if secret else None


@transaction.atomic
def confirm_from_gateway(notice: GatewayNotice) -> Payment:
    """Confirm the awaited payment of order ``notice.reference`` for exactly its amount.

    A repeated notice for a payment already confirmed is answered with the
    payment unchanged (gateways retry until they hear 200); a wrong amount is
    refused and left for a person, who sees the payment still awaited.
    """
    payment = (
        Payment.objects.select_for_update()
        .select_related("order", "store")
        .filter(order__number=notice.reference)
        .first()
    )
    if payment is None:
        raise NoticeRefused("unknown reference")
    if payment.status != S.AWAITING:
        return payment
    if notice.amount_idr != payment.amount_idr:
        raise NoticeRefused("amount differs")
    confirm_payment(
        payment=payment,
        actor=None,
        actor_role=PaymentRole.SYSTEM,
        note=_("Dikonfirmasi otomatis oleh gateway pembayaran (%(id)s).")
        % {"id": notice.gateway_id},
    )
    payment.refresh_from_db()
    return payment
