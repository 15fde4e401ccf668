"""The seller verification state table: every allowed step, and every other
(from, to, role) refused with a plain message and nothing changed."""

import itertools

import pytest
from django.core.exceptions import ValidationError

from pasardesa.core.state import IllegalTransition
from pasardesa.sellers.models import Seller
from pasardesa.sellers.services import change_seller_status
from pasardesa.sellers.state import SELLER_MACHINE, SELLER_TRANSITIONS, VerificationRole
from tests.factories import SellerFactory

pytestmark = pytest.mark.django_db

S, R = Seller.Status, VerificationRole
ALLOWED = {
    (S.PENDING, S.VERIFIED, R.OPERATOR),
    (S.PENDING, S.REJECTED, R.OPERATOR),
    (S.REJECTED, S.PENDING, R.SELLER),
    (S.VERIFIED, S.SUSPENDED, R.OPERATOR),
    (S.SUSPENDED, S.VERIFIED, R.OPERATOR),
}
EVERY = set(itertools.product(S.values, S.values, R.values))
CHECKLIST = {"met_in_person": True, "id_card_seen": True, "location_checked": True}


def test_the_table_is_exactly_the_five_steps_of_verification():
    allowed = {
        (src, to, role) for (src, to), step in SELLER_TRANSITIONS.items() for role in step.roles
    }
    assert allowed == ALLOWED


@pytest.mark.parametrize(("src", "to", "role"), sorted(ALLOWED))
def test_an_allowed_step_moves_the_seller_and_writes_its_event(src, to, role):
    # Given a seller in the step's starting status
    seller = SellerFactory(status=src)
    # When the step is taken by the role the table names
    event = change_seller_status(
        seller=seller, to_status=to, actor=None, role=role, reason="Alasan jelas.", **CHECKLIST
    )
    # Then the seller has moved and the event says from where to where
    seller.refresh_from_db()
    assert seller.status == to
    assert (event.from_status, event.to_status) == (src, to)


@pytest.mark.parametrize(("src", "to", "role"), sorted(EVERY - ALLOWED))
def test_every_other_step_is_refused_and_changes_nothing(src, to, role):
    # Given a seller in some status
    seller = SellerFactory(status=src)
    events_before = seller.status_events.count()
    # When a step the table lacks, or one for another role, is tried
    with pytest.raises(IllegalTransition) as caught:
        change_seller_status(
            seller=seller, to_status=to, actor=None, role=role, reason="x", **CHECKLIST
        )
    # Then it is a ValidationError with a plain message, and nothing moved
    assert isinstance(caught.value, ValidationError)
    assert "penjual" in str(caught.value)
    assert not str(caught.value).startswith("[")
    seller.refresh_from_db()
    assert seller.status == src
    assert seller.status_events.count() == events_before


def test_the_factory_reaches_a_status_through_the_service_with_its_events():
    # Given a suspended seller made by the factory
    seller = SellerFactory(status=S.SUSPENDED)
    # Then its history is the real path: verified first, then suspended
    steps = [(e.from_status, e.to_status) for e in reversed(seller.status_events.all())]
    assert steps == [(S.PENDING, S.VERIFIED), (S.VERIFIED, S.SUSPENDED)]


def test_a_seller_cannot_verify_themselves():
    seller = SellerFactory(status=S.PENDING)
    with pytest.raises(IllegalTransition, match="Sebagai penjual"):
        change_seller_status(
            seller=seller, to_status=S.VERIFIED, actor=None, role=R.SELLER, **CHECKLIST
        )


def test_steps_are_found_by_their_name_only_from_their_own_status():
    # "pulihkan" (reinstate) exists only for a suspended seller, "verifikasi" only for a pending one
    assert SELLER_MACHINE.named(S.SUSPENDED, "pulihkan", R.OPERATOR)[0] == S.VERIFIED
    assert SELLER_MACHINE.named(S.SUSPENDED, "verifikasi", R.OPERATOR) is None
    assert SELLER_MACHINE.named(S.PENDING, "verifikasi", R.SELLER) is None
