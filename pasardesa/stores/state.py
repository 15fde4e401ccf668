"""The store-team invitation state machine.

An operator (or, for operators, the regional admin) invites a WhatsApp
number; only the person with that number, logged in, accepts or declines.
The inviting side may withdraw a pending invitation, and ends an accepted
one when it removes the person from the team. Declined and revoked are final:
a new invitation is a new row.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from pasardesa.core.state import StateMachine, Step
from pasardesa.stores.models import StoreInvitation


class InvitationRole(models.TextChoices):
    INVITEE = "invitee", _("Yang diundang")
    INVITER = "inviter", _("Pengundang")


_S = StoreInvitation.Status
_INVITEE = frozenset({InvitationRole.INVITEE})
_INVITER = frozenset({InvitationRole.INVITER})

INVITATION_TRANSITIONS: dict[tuple[str, str], Step] = {
    (_S.PENDING, _S.ACCEPTED): Step(_INVITEE, _("Terima"), name="terima"),
    (_S.PENDING, _S.DECLINED): Step(_INVITEE, _("Tolak"), name="tolak"),
    (_S.PENDING, _S.REVOKED): Step(_INVITER, _("Batalkan undangan"), name="batalkan"),
    (_S.ACCEPTED, _S.REVOKED): Step(_INVITER, _("Hapus dari tim"), name="hapus"),
}

INVITATION_MACHINE = StateMachine(
    statuses=StoreInvitation.Status,
    roles=InvitationRole,
    transitions=INVITATION_TRANSITIONS,
    illegal=_('Undangan ini sudah "%(from)s"; tidak bisa menjadi "%(to)s".'),
    forbidden=_('Sebagai %(who)s, Anda tidak bisa mengubah undangan menjadi "%(to)s".'),
)
