"""The order state machine: one table of allowed steps and who may take each.

Read the table, not the code, to know what an order can do next. A step not in
the table, or taken by someone the table does not name, raises
``IllegalTransition``; there is no other way to change an order's status (see
``pasardesa.orders.services.transition_order``).

The happy path is new → accepted → (preparing →) ready → delivered → completed.
A new order ends early when the seller declines it (with a reason), the buyer
cancels it, or nobody answers before the store's ``order_expiry_hours``; an
accepted or preparing order only the seller can still cancel (with a reason).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from pasardesa.orders.models import ActorRole, OrderStatus


class IllegalTransition(Exception):
    """A status change the table does not allow; the message says why, in Indonesian."""


@dataclass(frozen=True)
class Step:
    """One allowed step: who may take it, whether a reason is required, and the
    words on the button that takes it."""

    roles: frozenset[str]
    action: str
    needs_note: bool = False


_S = OrderStatus
_BUYER, _SELLER, _SYSTEM = ActorRole.BUYER, ActorRole.SELLER, ActorRole.SYSTEM

ORDER_TRANSITIONS: dict[tuple[str, str], Step] = {
    (_S.NEW, _S.ACCEPTED): Step(frozenset({_SELLER}), _("Terima pesanan")),
    (_S.NEW, _S.DECLINED): Step(frozenset({_SELLER}), _("Tolak pesanan"), needs_note=True),
    (_S.NEW, _S.CANCELLED): Step(frozenset({_BUYER}), _("Batalkan pesanan")),
    (_S.NEW, _S.EXPIRED): Step(frozenset({_SYSTEM}), _("Kedaluwarsa")),
    (_S.ACCEPTED, _S.PREPARING): Step(frozenset({_SELLER}), _("Mulai siapkan")),
    (_S.ACCEPTED, _S.READY): Step(frozenset({_SELLER}), _("Siap diambil/dikirim")),
    (_S.ACCEPTED, _S.CANCELLED): Step(frozenset({_SELLER}), _("Batalkan pesanan"), needs_note=True),
    (_S.PREPARING, _S.READY): Step(frozenset({_SELLER}), _("Siap diambil/dikirim")),
    (_S.PREPARING, _S.CANCELLED): Step(
        frozenset({_SELLER}), _("Batalkan pesanan"), needs_note=True
    ),
    (_S.READY, _S.DELIVERED): Step(frozenset({_SELLER}), _("Sudah diserahkan")),
    (_S.DELIVERED, _S.COMPLETED): Step(frozenset({_SELLER, _BUYER}), _("Selesai")),
}

# Reaching one of these gives the reserved stock back (exactly once: they are
# terminal, so an order reaches at most one of them).
RELEASES_STOCK = frozenset({_S.DECLINED, _S.CANCELLED, _S.EXPIRED})

# Statuses with no way out.
TERMINAL_STATUSES = frozenset(
    status for status in _S if not any(src == status for src, _to in ORDER_TRANSITIONS)
)

# Still waiting for or in the seller's hands (the inbox's "to do").
OPEN_STATUSES = frozenset(_S) - TERMINAL_STATUSES


def status_label(status: str) -> str:
    """The Indonesian label of a status, or the raw value when it is not one."""
    try:
        return str(_S(status).label)
    except ValueError:
        return str(status)


def next_steps(status: str, role: str) -> list[tuple[str, Step]]:
    """What ``role`` may do with an order in ``status``: [(to_status, step)],
    in the table's order. The order pages draw one button per item."""
    return [
        (to, step)
        for (src, to), step in ORDER_TRANSITIONS.items()
        if src == status and role in step.roles
    ]


def check_transition(from_status: str, to_status: str, role: str) -> Step:
    """The step from ``from_status`` to ``to_status`` if ``role`` may take it.

    Raises ``IllegalTransition`` naming both states otherwise.
    """
    step = ORDER_TRANSITIONS.get((from_status, to_status))
    names = {"from": status_label(from_status), "to": status_label(to_status)}
    if step is None:
        raise IllegalTransition(
            _('Pesanan berstatus "%(from)s" tidak bisa diubah menjadi "%(to)s".') % names
        )
    if role not in step.roles:
        try:
            who = str(ActorRole(role).label).lower()
        except ValueError:
            who = str(role)
        raise IllegalTransition(
            _('Sebagai %(who)s, Anda tidak bisa mengubah pesanan dari "%(from)s" ke "%(to)s".')
            % {**names, "who": who}
        )
    return step
