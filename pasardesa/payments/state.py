"""The payment state machine: one table of allowed steps, and who may take each.

A direct payment (transfer or QRIS to the seller) is awaited, then paid (the
seller saw it), unpaid (nobody paid in the store's time) or cancelled (the
order ended first).

The rekening bersama (escrow) runs longer, as buyers of Indonesian
marketplaces know it: menunggu pembayaran → dana ditahan (the treasurer saw
the money arrive; the seller may send) → diserahkan (the seller handed the goods
over; the release timer runs) → dana dilepas (the buyer says they have the
goods, or the timer ran out). Held money goes back to the buyer when the order
ends before it was handed over (declined, cancelled, not sent in time). Within
the release window the buyer may complain; the money stays held (disputed)
until the seller agrees or the operator decides: released, refunded, or split.

Every step that moves money posts one ledger transaction in the same database
transaction (``pasardesa.payments.services``).
"""

from django.utils.translation import gettext_lazy as _

from pasardesa.core.state import IllegalTransition, StateMachine, Step
from pasardesa.payments.models import PaymentRole, PaymentStatus

__all__ = ["PAYMENT_MACHINE", "PAYMENT_TRANSITIONS", "IllegalTransition", "Step"]

_P = PaymentStatus
_BUYER, _SELLER, _TREASURER = PaymentRole.BUYER, PaymentRole.SELLER, PaymentRole.TREASURER
_OPERATOR, _REGION, _SYSTEM = PaymentRole.OPERATOR, PaymentRole.REGION, PaymentRole.SYSTEM
_DECIDERS = frozenset({_SELLER, _OPERATOR, _REGION, _SYSTEM})

PAYMENT_TRANSITIONS: dict[tuple[str, str], Step] = {
    # Direct to the seller.
    # The system: a payment gateway's signed notice (pasardesa.payments.gateway).
    (_P.AWAITING, _P.PAID): Step(frozenset({_SELLER, _SYSTEM}), _("Uang sudah masuk"), name="paid"),
    (_P.AWAITING, _P.UNPAID): Step(frozenset({_SYSTEM}), _("Tidak dibayar")),
    (_P.AWAITING, _P.CANCELLED): Step(frozenset({_SYSTEM}), _("Pesanan berakhir")),
    # The rekening bersama.
    (_P.AWAITING, _P.HELD): Step(
        frozenset({_TREASURER, _SYSTEM}), _("Dana sudah masuk"), name="held"
    ),
    (_P.HELD, _P.SENT): Step(frozenset({_SELLER}), _("Barang diserahkan")),
    (_P.HELD, _P.REFUNDED): Step(frozenset({_SYSTEM}), _("Pesanan batal, dana kembali")),
    (_P.SENT, _P.RELEASED): Step(
        frozenset({_BUYER, _SYSTEM}), _("Pesanan sudah saya terima"), name="received"
    ),
    (_P.SENT, _P.DISPUTED): Step(frozenset({_BUYER}), _("Ajukan komplain"), name="complain"),
    # A complaint's outcome: the seller agrees, or the operator (or on appeal
    # the regional admin) decides; nobody deciding in time refunds the buyer.
    (_P.DISPUTED, _P.RELEASED): Step(_DECIDERS - {_SELLER}, _("Lepas dana ke penjual")),
    (_P.DISPUTED, _P.REFUNDED): Step(_DECIDERS, _("Kembalikan semua dana ke pembeli")),
    (_P.DISPUTED, _P.SPLIT): Step(_DECIDERS, _("Bagi dana")),
}

PAYMENT_MACHINE = StateMachine(
    statuses=PaymentStatus,
    roles=PaymentRole,
    transitions=PAYMENT_TRANSITIONS,
    illegal=_('Pembayaran berstatus "%(from)s" tidak bisa diubah menjadi "%(to)s".'),
    forbidden=_(
        'Sebagai %(who)s, Anda tidak bisa mengubah pembayaran dari "%(from)s" ke "%(to)s".'
    ),
)

# Money the village still holds for the order (its held account is not empty).
HOLDING = frozenset({_P.HELD, _P.SENT, _P.DISPUTED})
# Only the rekening bersama reaches these.
ESCROW_ONLY = frozenset({_P.HELD, _P.SENT, _P.DISPUTED, _P.RELEASED, _P.REFUNDED, _P.SPLIT})
