"""Apps above orders that take part in placing an order and in its steps.

The payments app keeps what an order costs to pay, and the village escrow's
money, which must move in the same transaction as the order's status (an order
cancelled while its money is held owes the buyer a refund at once). Orders
cannot import payments (the layers), so payments registers an
``OrderParticipant`` when Django starts (``PaymentsConfig.ready``), the way
jobs register themselves; ``place_checkout`` and ``transition_order`` call each
participant inside their own transaction. A participant may refuse a step by
raising ``ValidationError``: the whole step, status and effects, rolls back.

This is the one place an order's effects beyond the orders app start: read
the participants' ``orders_placed`` and ``order_stepping`` to know them all.
"""

import datetime
from typing import Protocol

from pasardesa.orders.models import Order


class OrderParticipant(Protocol):
    def orders_placed(self, orders: list[Order], *, now: datetime.datetime) -> None:
        """New orders of one checkout, already saved (with their lines)."""

    def order_stepping(
        self, order: Order, *, from_status: str, to_status: str, actor, actor_role: str
    ) -> None:
        """``order`` (locked, status already set to ``to_status``, saved) moves on."""


_participants: list[OrderParticipant] = []


def register(participant: OrderParticipant) -> None:
    if participant not in _participants:
        _participants.append(participant)


def participants() -> list[OrderParticipant]:
    return list(_participants)
