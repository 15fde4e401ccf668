"""Store-team invitations: the state machine and the database's rules."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from pasardesa.core.state import IllegalTransition
from pasardesa.stores.models import StoreInvitation, StoreMember
from pasardesa.stores.services import (
    accept_invitation,
    decline_invitation,
    invite_store_member,
    revoke_invitation,
)
from tests.factories import StoreFactory, make_user

pytestmark = pytest.mark.django_db


def test_the_database_keeps_one_open_invitation_per_number_and_role():
    # Given a pending invitation
    store = StoreFactory()
    StoreInvitation.objects.create(store=store, phone="+6281300000001", role="courier")
    # When a second one is written straight to the table, it is refused
    with pytest.raises(IntegrityError), transaction.atomic():
        StoreInvitation.objects.create(store=store, phone="+6281300000001", role="courier")
    # An answered invitation without the person who answered is refused too
    with pytest.raises(IntegrityError), transaction.atomic():
        StoreInvitation.objects.create(
            store=store, phone="+6281300000002", role="courier", status="accepted"
        )


def test_an_answered_invitation_cannot_be_answered_again():
    # Given an invitation the person accepted
    store = StoreFactory()
    person = make_user("0813-0000-0101", "Budi")
    invitation = invite_store_member(
        store=store, phone=person.phone, role="courier", invited_by=None
    )
    accept_invitation(invitation=invitation, user=person)
    # Then accepting again (a second tap), declining or withdrawing it is refused
    with pytest.raises(IllegalTransition):
        accept_invitation(invitation=invitation, user=person)
    with pytest.raises(IllegalTransition):
        decline_invitation(invitation=invitation, user=person)
    with pytest.raises(IllegalTransition):
        revoke_invitation(invitation=invitation, actor=None)
    assert StoreMember.objects.filter(user=person).count() == 1


def test_only_the_invited_number_may_answer():
    store = StoreFactory()
    invitation = invite_store_member(
        store=store, phone="0813-0000-0102", role="operator", invited_by=None
    )
    stranger = make_user("0813-0000-0103", "Orang Lain")
    with pytest.raises(ValidationError):
        accept_invitation(invitation=invitation, user=stranger)
    invitation.refresh_from_db()
    assert invitation.status == "pending"
    assert not StoreMember.objects.exists()
