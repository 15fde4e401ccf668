"""The seller verification state machine.

A new seller waits (pending) until the village operator has met them, seen
their KTP/NIK and checked where they work: then verified, or rejected with a
reason the seller reads. A rejected seller may resubmit. The operator may
suspend a verified seller (with a reason) and reinstate them. Only verified
sellers of an active store are seen by buyers.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pasardesa.core.state import StateMachine, Step
from pasardesa.sellers.models import Seller


class VerificationRole(models.TextChoices):
    OPERATOR = "operator", _("Pengelola")
    SELLER = "seller", _("Penjual")


_S = Seller.Status
_OPERATOR = frozenset({VerificationRole.OPERATOR})
_SELLER = frozenset({VerificationRole.SELLER})

SELLER_TRANSITIONS: dict[tuple[str, str], Step] = {
    (_S.PENDING, _S.VERIFIED): Step(_OPERATOR, _("Verifikasi penjual"), name="verifikasi"),
    (_S.PENDING, _S.REJECTED): Step(
        _OPERATOR, _("Tolak pendaftaran"), needs_note=True, name="tolak"
    ),
    (_S.REJECTED, _S.PENDING): Step(_SELLER, _("Ajukan ulang"), name="ajukan-ulang"),
    (_S.VERIFIED, _S.SUSPENDED): Step(
        _OPERATOR, _("Bekukan penjual"), needs_note=True, name="bekukan"
    ),
    (_S.SUSPENDED, _S.VERIFIED): Step(_OPERATOR, _("Pulihkan penjual"), name="pulihkan"),
}

SELLER_MACHINE = StateMachine(
    statuses=Seller.Status,
    roles=VerificationRole,
    transitions=SELLER_TRANSITIONS,
    illegal=_('Status penjual tidak bisa diubah dari "%(from)s" ke "%(to)s".'),
    forbidden=_(
        'Sebagai %(who)s, Anda tidak bisa mengubah status penjual dari "%(from)s" ke "%(to)s".'
    ),
)
