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
from pasardesa.payments.models import ComplaintStatus, PaymentRole, PaymentStatus

__all__ = [
    "COMPLAINT_MACHINE",
    "COMPLAINT_TRANSITIONS",
    "PAYMENT_MACHINE",
    "PAYMENT_TRANSITIONS",
    "IllegalTransition",
    "Step",
]

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


# --- Complaints ---------------------------------------------------------------------------
#
# A complaint waits for the seller (2×24 h), who agrees to a full refund,
# offers part of it back (the buyer accepts: split; refuses: the operator
# decides), asks for the goods back, or disagrees (the operator decides, in 3
# days). The goods-back rule: the buyer says they sent them; the seller then
# confirms receipt (full refund) or disputes it (the operator decides) within
# another 2×24 h, and their silence refunds the buyer. The operator's decision
# (release, full refund, any split) waits out an appeal window: either side
# may appeal once to the regional admin, who decides with the same choices;
# unappealed, it takes effect by itself. The seller silent past their time:
# granted (full refund); anything undecided 14 days after filing: refunded.

_C = ComplaintStatus
_SIDES = frozenset({_BUYER, _SELLER})
_OUTCOMES = (_C.RELEASED, _C.REFUNDED, _C.SPLIT)


COMPLAINT_TRANSITIONS: dict[tuple[str, str], Step] = {
    # The seller answers.
    (_C.OPEN, _C.REFUNDED): Step(
        frozenset({_SELLER}), _("Setuju, kembalikan semua dana"), takes_note=True, name="agree"
    ),
    (_C.OPEN, _C.OFFERED): Step(
        frozenset({_SELLER}),
        _("Tawarkan pengembalian sebagian"),
        needs_price=True,
        takes_note=True,
        name="offer",
    ),
    (_C.OPEN, _C.RETURN_REQUESTED): Step(
        frozenset({_SELLER}), _("Minta barang dikembalikan"), takes_note=True, name="return"
    ),
    (_C.OPEN, _C.OPERATOR): Step(
        frozenset({_SELLER}), _("Tidak setuju"), needs_note=True, name="disagree"
    ),
    (_C.OPEN, _C.GRANTED): Step(frozenset({_SYSTEM}), _("Penjual tidak menjawab")),
    # The buyer answers a partial offer.
    (_C.OFFERED, _C.SPLIT): Step(
        frozenset({_BUYER}), _("Terima tawaran"), takes_note=True, name="accept"
    ),
    (_C.OFFERED, _C.OPERATOR): Step(
        frozenset({_BUYER}), _("Tolak, minta pengelola memutuskan"), takes_note=True, name="refuse"
    ),
    (_C.OFFERED, _C.REFUNDED): Step(frozenset({_SYSTEM}), _("Tidak diputuskan 14 hari")),
    # The goods go back.
    (_C.RETURN_REQUESTED, _C.RETURN_SENT): Step(
        frozenset({_BUYER}), _("Barang sudah saya kirim balik"), takes_note=True, name="sent_back"
    ),
    (_C.RETURN_REQUESTED, _C.OPERATOR): Step(
        frozenset({_BUYER}),
        _("Tidak bisa mengembalikan, minta pengelola memutuskan"),
        needs_note=True,
        name="refuse",
    ),
    (_C.RETURN_REQUESTED, _C.REFUNDED): Step(frozenset({_SYSTEM}), _("Tidak diputuskan 14 hari")),
    (_C.RETURN_SENT, _C.REFUNDED): Step(
        frozenset({_SELLER, _SYSTEM}),
        _("Barang sudah kembali, kembalikan semua dana"),
        takes_note=True,
        name="received_back",
    ),
    (_C.RETURN_SENT, _C.OPERATOR): Step(
        frozenset({_SELLER}), _("Barang belum/tidak kembali utuh"), needs_note=True, name="disagree"
    ),
    # The operator decides (and may be appealed; the money moves when the
    # window closes, by the system on the operator's word).
    (_C.OPERATOR, _C.DECIDED): Step(frozenset({_OPERATOR}), _("Putuskan"), name="decide"),
    (_C.OPERATOR, _C.APPEALED): Step(
        _SIDES, _("Banding ke admin wilayah"), needs_note=True, name="appeal"
    ),
    (_C.OPERATOR, _C.REFUNDED): Step(frozenset({_SYSTEM}), _("Tidak diputuskan 14 hari")),
    (_C.DECIDED, _C.APPEALED): Step(
        _SIDES, _("Banding ke admin wilayah"), needs_note=True, name="appeal"
    ),
    **{
        (_C.DECIDED, outcome): Step(frozenset({_SYSTEM}), _("Keputusan pengelola berlaku"))
        for outcome in _OUTCOMES
    },
    # The regional admin decides an appeal, finally.
    **{
        (_C.APPEALED, outcome): Step(
            frozenset({_REGION, _SYSTEM} if outcome == _C.REFUNDED else {_REGION}),
            _("Putuskan banding"),
            name="decide",
        )
        for outcome in _OUTCOMES
    },
}

COMPLAINT_MACHINE = StateMachine(
    statuses=ComplaintStatus,
    roles=PaymentRole,
    transitions=COMPLAINT_TRANSITIONS,
    illegal=_('Komplain berstatus "%(from)s" tidak bisa diubah menjadi "%(to)s".'),
    forbidden=_('Sebagai %(who)s, Anda tidak bisa mengubah komplain dari "%(from)s" ke "%(to)s".'),
)

# Statuses whose money is not decided yet: the 14-day rule refunds them.
COMPLAINT_UNDECIDED = frozenset(
    {_C.OPEN, _C.OFFERED, _C.RETURN_REQUESTED, _C.RETURN_SENT, _C.OPERATOR, _C.APPEALED}
)
# Where the seller must answer in time (else: granted / refunded).
COMPLAINT_SELLER_TURN = frozenset({_C.OPEN, _C.RETURN_SENT})
