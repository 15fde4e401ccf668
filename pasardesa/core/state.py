"""Explicit state machines: one table of allowed steps, and who may take each.

Every state machine of the domain (an order, an offer, later a payment, a
delivery or a dispute) is a ``StateMachine`` over a ``TextChoices`` of
statuses and one of roles. A step not in the table, or taken by a role the
table does not name, raises ``IllegalTransition`` with a plain Indonesian
message; the services that move a record call ``check`` before anything
changes and write an event row after.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


class IllegalTransition(ValidationError):
    """A status change the table does not allow; the message says why, in Indonesian.

    A ``ValidationError``, so a view that calls a service needs one ``except``
    for everything the person can be told.
    """

    def __str__(self) -> str:
        return " ".join(self.messages)


@dataclass(frozen=True)
class Step:
    """One allowed step: who may take it, the words on the button that takes
    it, and what the person must give with it (a reason, a price) or may give
    (``takes_note``: a reason asked for, not required). ``name``
    is the step's short word where a page addresses the step itself (a URL,
    a form prefix) rather than its target status."""

    roles: frozenset[str]
    action: str
    needs_note: bool = False
    needs_price: bool = False
    takes_note: bool = False
    name: str = ""


class StateMachine:
    """A table ``{(from status, to status): Step}`` and what follows from it.

    ``illegal`` and ``forbidden`` are the messages for a step the table lacks
    and for a role it does not name; they may use ``%(from)s``, ``%(to)s``
    and (``forbidden``) ``%(who)s``.
    """

    def __init__(
        self,
        *,
        statuses: type[models.TextChoices],
        roles: type[models.TextChoices],
        transitions: dict[tuple[str, str], Step],
        illegal: str,
        forbidden: str,
    ):
        self.statuses = statuses
        self.roles = roles
        self.transitions = transitions
        self._illegal = illegal
        self._forbidden = forbidden
        # Statuses with no way out, and the others.
        self.terminal = frozenset(
            status for status in statuses if not any(src == status for src, _to in transitions)
        )
        self.open = frozenset(statuses) - self.terminal

    def label(self, status: str) -> str:
        """The label of a status (in the active language), or the raw value."""
        try:
            return str(self.statuses(status).label)
        except ValueError:
            return str(status)

    def next_steps(self, status: str, role: str) -> list[tuple[str, Step]]:
        """What ``role`` may do from ``status``: ``[(to status, step)]`` in the
        table's order. Pages draw one button per item."""
        return [
            (to, step)
            for (src, to), step in self.transitions.items()
            if src == status and role in step.roles
        ]

    def named(self, status: str, name: str, role: str) -> tuple[str, Step] | None:
        """The step called ``name`` that ``role`` may take from ``status``, as
        ``(to status, step)``; None when there is none (a stale page)."""
        return next(
            ((to, step) for to, step in self.next_steps(status, role) if step.name == name), None
        )

    def check(self, from_status: str, to_status: str, role: str) -> Step:
        """The step from ``from_status`` to ``to_status`` if ``role`` may take it;
        raises ``IllegalTransition`` naming both statuses otherwise."""
        step = self.transitions.get((from_status, to_status))
        names = {"from": self.label(from_status), "to": self.label(to_status)}
        if step is None:
            raise IllegalTransition(self._illegal % names)
        if role not in step.roles:
            try:
                who = str(self.roles(role).label).lower()
            except ValueError:
                who = str(role)
            raise IllegalTransition(self._forbidden % {**names, "who": who})
        return step
