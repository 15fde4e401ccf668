"""The order and offer state machines: one table of allowed steps each, and who
may take every step.

Read the table, not the code, to know what an order can do next. A step not in
the table, or taken by someone the table does not name, raises
``IllegalTransition``; there is no other way to change an order's status (see
``pasardesa.orders.services.transition_order``).

The happy path is new → accepted → (preparing →) ready → delivered → completed.
A new order ends early when the seller declines it (a reason optional), the buyer
cancels it, or nobody answers before the store's ``order_expiry_hours``; an
accepted or preparing order only the seller can still cancel (with a reason).

An offer (tawar) goes back and forth between pending (the buyer's price waits
for the seller) and countered (the seller's price waits for the buyer) until
one side accepts; the agreed price is then checked out once (ordered) within
24 hours, or lapses (expired). Only the seller declines; only the buyer
cancels; nobody answering in the store's time limit expires it.
"""

from django.utils.translation import gettext_lazy as _

from pasardesa.core.state import IllegalTransition, StateMachine, Step
from pasardesa.orders.models import HELD_BY_VILLAGE, ActorRole, OfferStatus, OrderStatus

__all__ = [
    "OFFER_MACHINE",
    "OFFER_TRANSITIONS",
    "OPEN_OFFER_STATUSES",
    "OPEN_STATUSES",
    "ORDER_MACHINE",
    "ORDER_TRANSITIONS",
    "RELEASES_STOCK",
    "TERMINAL_STATUSES",
    "IllegalTransition",
    "Step",
    "check_transition",
    "next_steps",
    "order_steps",
    "status_label",
]

_S = OrderStatus
_BUYER, _SELLER, _SYSTEM = ActorRole.BUYER, ActorRole.SELLER, ActorRole.SYSTEM

ORDER_TRANSITIONS: dict[tuple[str, str], Step] = {
    (_S.NEW, _S.ACCEPTED): Step(frozenset({_SELLER}), _("Terima pesanan")),
    # One tap, a reason welcome but not required: declining is also how a
    # seller gives back stock a suspicious order holds, and must be quick.
    (_S.NEW, _S.DECLINED): Step(frozenset({_SELLER}), _("Tolak pesanan"), takes_note=True),
    # The system cancels too: an order to be paid first that nobody paid in
    # time, or (rekening bersama) one the seller did not send in time.
    (_S.NEW, _S.CANCELLED): Step(frozenset({_BUYER, _SYSTEM}), _("Batalkan pesanan")),
    (_S.NEW, _S.EXPIRED): Step(frozenset({_SYSTEM}), _("Kedaluwarsa")),
    (_S.ACCEPTED, _S.PREPARING): Step(frozenset({_SELLER}), _("Mulai siapkan")),
    (_S.ACCEPTED, _S.READY): Step(frozenset({_SELLER}), _("Siap diambil/dikirim")),
    (_S.ACCEPTED, _S.CANCELLED): Step(
        frozenset({_SELLER, _SYSTEM}), _("Batalkan pesanan"), needs_note=True
    ),
    (_S.PREPARING, _S.READY): Step(frozenset({_SELLER}), _("Siap diambil/dikirim")),
    (_S.PREPARING, _S.CANCELLED): Step(
        frozenset({_SELLER, _SYSTEM}), _("Batalkan pesanan"), needs_note=True
    ),
    (_S.READY, _S.DELIVERED): Step(frozenset({_SELLER}), _("Sudah diserahkan")),
    (_S.READY, _S.CANCELLED): Step(
        frozenset({_SELLER, _SYSTEM}), _("Batalkan pesanan"), needs_note=True
    ),
    # The system completes a rekening bersama order when its money is released
    # by the timer; see order_steps for who else may.
    (_S.DELIVERED, _S.COMPLETED): Step(frozenset({_SELLER, _BUYER, _SYSTEM}), _("Selesai")),
}

# Reaching one of these gives the reserved stock back (exactly once: they are
# terminal, so an order reaches at most one of them).
RELEASES_STOCK = frozenset({_S.DECLINED, _S.CANCELLED, _S.EXPIRED})

ORDER_MACHINE = StateMachine(
    statuses=OrderStatus,
    roles=ActorRole,
    transitions=ORDER_TRANSITIONS,
    illegal=_('Pesanan berstatus "%(from)s" tidak bisa diubah menjadi "%(to)s".'),
    forbidden=_('Sebagai %(who)s, Anda tidak bisa mengubah pesanan dari "%(from)s" ke "%(to)s".'),
)

# Statuses with no way out.
TERMINAL_STATUSES = ORDER_MACHINE.terminal

# Still waiting for or in the seller's hands (the inbox's "to do").
OPEN_STATUSES = ORDER_MACHINE.open

status_label = ORDER_MACHINE.label
next_steps = ORDER_MACHINE.next_steps


def check_transition(from_status: str, to_status: str, role: str, *, payment_method: str = ""):
    """The table's check, and one rule of the payment: the seller of an order
    paid into the rekening bersama cannot call it done; the buyer says they
    have the goods (or the release timer does), because that releases the money."""
    step = ORDER_MACHINE.check(from_status, to_status, role)
    if to_status == _S.COMPLETED and role == _SELLER and payment_method in HELD_BY_VILLAGE:
        raise IllegalTransition(
            _(
                "Pesanan dengan rekening bersama diselesaikan oleh pembeli saat barang "
                "diterima, atau otomatis setelah batas waktunya."
            )
        )
    return step


def order_steps(order, role: str) -> list[tuple[str, Step]]:
    """What ``role`` may do with ``order`` now: one button per item."""
    return [
        (to, step)
        for to, step in next_steps(order.status, role)
        if not (to == _S.COMPLETED and role == _SELLER and order.payment_method in HELD_BY_VILLAGE)
    ]


_O = OfferStatus

OFFER_TRANSITIONS: dict[tuple[str, str], Step] = {
    (_O.PENDING, _O.ACCEPTED): Step(frozenset({_SELLER}), _("Terima tawaran")),
    (_O.PENDING, _O.COUNTERED): Step(frozenset({_SELLER}), _("Tawar balik"), needs_price=True),
    (_O.PENDING, _O.DECLINED): Step(frozenset({_SELLER}), _("Tolak tawaran")),
    (_O.PENDING, _O.CANCELLED): Step(frozenset({_BUYER}), _("Batalkan tawaran")),
    (_O.PENDING, _O.EXPIRED): Step(frozenset({_SYSTEM}), _("Kedaluwarsa")),
    (_O.COUNTERED, _O.ACCEPTED): Step(frozenset({_BUYER}), _("Terima harga penjual")),
    (_O.COUNTERED, _O.PENDING): Step(frozenset({_BUYER}), _("Tawar lagi"), needs_price=True),
    (_O.COUNTERED, _O.DECLINED): Step(frozenset({_SELLER}), _("Tolak tawaran")),
    (_O.COUNTERED, _O.CANCELLED): Step(frozenset({_BUYER}), _("Batalkan tawaran")),
    (_O.COUNTERED, _O.EXPIRED): Step(frozenset({_SYSTEM}), _("Kedaluwarsa")),
    # Checking out the agreed price (place_checkout takes this step).
    (_O.ACCEPTED, _O.ORDERED): Step(frozenset({_BUYER}), _("Pesan dengan harga ini")),
    (_O.ACCEPTED, _O.CANCELLED): Step(frozenset({_BUYER}), _("Batalkan tawaran")),
    (_O.ACCEPTED, _O.EXPIRED): Step(frozenset({_SYSTEM}), _("Kedaluwarsa")),
}

OFFER_MACHINE = StateMachine(
    statuses=OfferStatus,
    roles=ActorRole,
    transitions=OFFER_TRANSITIONS,
    illegal=_('Tawaran berstatus "%(from)s" tidak bisa diubah menjadi "%(to)s".'),
    forbidden=_('Sebagai %(who)s, Anda tidak bisa mengubah tawaran dari "%(from)s" ke "%(to)s".'),
)

# Still in play: waiting for an answer or for the buyer's checkout.
OPEN_OFFER_STATUSES = OFFER_MACHINE.open
