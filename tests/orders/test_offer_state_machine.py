"""The offer (tawar) state machine, transition by transition, including every illegal one."""

import datetime
import itertools

import pytest
from django.utils import timezone

from pasardesa.orders.models import ACCEPTED_OFFER_HOURS, ActorRole, OfferEvent, OfferStatus
from pasardesa.orders.services import transition_offer
from pasardesa.orders.state import (
    OFFER_MACHINE,
    OFFER_TRANSITIONS,
    OPEN_OFFER_STATUSES,
    IllegalTransition,
)
from tests.factories import make_user
from tests.orders.offer_factories import (
    BUYER_COUNTER,
    BUYER_PRICE,
    SELLER_PRICE,
    offer_in,
    offer_state,
)

pytestmark = pytest.mark.django_db

S, R = OfferStatus, ActorRole
MINUTE = datetime.timedelta(minutes=1)

ALLOWED = [
    (src, to, role) for (src, to), step in OFFER_TRANSITIONS.items() for role in sorted(step.roles)
]
ILLEGAL = [
    (src, to, role)
    for src, to, role in itertools.product(S.values, S.values, R.values)
    if (src, to, role) not in ALLOWED
]

# The price each proposing step sends, and the price every event records:
# the one proposed, or the one agreed (see tests.orders.offer_factories).
PRICE_SENT = {(S.PENDING, S.COUNTERED): SELLER_PRICE, (S.COUNTERED, S.PENDING): BUYER_COUNTER}
EVENT_PRICE = {
    (S.PENDING, S.ACCEPTED): BUYER_PRICE,
    (S.PENDING, S.COUNTERED): SELLER_PRICE,
    (S.COUNTERED, S.ACCEPTED): SELLER_PRICE,
    (S.COUNTERED, S.PENDING): BUYER_COUNTER,
}


def _id(case) -> str:
    return "{}->{}-by-{}".format(*case)


def actor_for(role: str):
    if role == R.SYSTEM:
        return None
    return make_user("0812-9999-0002", f"Orang {role}")


class TestTheTable:
    def test_the_table_is_the_one_the_issue_asks_for(self):
        assert {(src, to): set(step.roles) for (src, to), step in OFFER_TRANSITIONS.items()} == {
            (S.PENDING, S.ACCEPTED): {R.SELLER},
            (S.PENDING, S.COUNTERED): {R.SELLER},
            (S.PENDING, S.DECLINED): {R.SELLER},
            (S.PENDING, S.CANCELLED): {R.BUYER},
            (S.PENDING, S.EXPIRED): {R.SYSTEM},
            (S.COUNTERED, S.ACCEPTED): {R.BUYER},
            (S.COUNTERED, S.PENDING): {R.BUYER},
            (S.COUNTERED, S.DECLINED): {R.SELLER},
            (S.COUNTERED, S.CANCELLED): {R.BUYER},
            (S.COUNTERED, S.EXPIRED): {R.SYSTEM},
            (S.ACCEPTED, S.ORDERED): {R.BUYER},
            (S.ACCEPTED, S.CANCELLED): {R.BUYER},
            (S.ACCEPTED, S.EXPIRED): {R.SYSTEM},
        }

    def test_a_price_is_required_exactly_for_the_two_counters(self):
        assert {key for key, step in OFFER_TRANSITIONS.items() if step.needs_price} == {
            (S.PENDING, S.COUNTERED),
            (S.COUNTERED, S.PENDING),
        }
        assert not any(step.needs_note for step in OFFER_TRANSITIONS.values())

    def test_declined_cancelled_expired_and_ordered_are_the_ends(self):
        assert OFFER_MACHINE.terminal == {S.DECLINED, S.CANCELLED, S.EXPIRED, S.ORDERED}
        assert {S.PENDING, S.COUNTERED, S.ACCEPTED} == OPEN_OFFER_STATUSES == OFFER_MACHINE.open

    def test_only_the_seller_declines_only_the_buyer_cancels_only_the_system_expires(self):
        by_target = {}
        for (_src, to), step in OFFER_TRANSITIONS.items():
            by_target.setdefault(to, set()).update(step.roles)
        assert by_target[S.DECLINED] == {R.SELLER}
        assert by_target[S.CANCELLED] == {R.BUYER}
        assert by_target[S.EXPIRED] == {R.SYSTEM}
        assert by_target[S.ORDERED] == {R.BUYER}

    def test_next_steps_are_the_buttons_of_each_side(self):
        def buttons(status, role):
            return [to for to, _step in OFFER_MACHINE.next_steps(status, role)]

        assert buttons(S.PENDING, R.SELLER) == [S.ACCEPTED, S.COUNTERED, S.DECLINED]
        assert buttons(S.PENDING, R.BUYER) == [S.CANCELLED]
        assert buttons(S.COUNTERED, R.BUYER) == [S.ACCEPTED, S.PENDING, S.CANCELLED]
        assert buttons(S.COUNTERED, R.SELLER) == [S.DECLINED]
        assert buttons(S.ACCEPTED, R.BUYER) == [S.ORDERED, S.CANCELLED]
        assert buttons(S.ACCEPTED, R.SELLER) == []
        for end in OFFER_MACHINE.terminal:
            assert all(buttons(end, role) == [] for role in R.values)

    def test_the_message_names_both_states_in_indonesian(self):
        with pytest.raises(IllegalTransition) as caught:
            OFFER_MACHINE.check(S.ORDERED, S.CANCELLED, R.BUYER)
        assert str(caught.value) == (
            'Tawaran berstatus "Sudah dipesan" tidak bisa diubah menjadi "Dibatalkan pembeli".'
        )
        with pytest.raises(IllegalTransition) as caught:
            OFFER_MACHINE.check(S.PENDING, S.ACCEPTED, R.BUYER)
        assert str(caught.value) == (
            'Sebagai pembeli, Anda tidak bisa mengubah tawaran dari "Menunggu jawaban penjual" '
            'ke "Harga disepakati".'
        )


def test_the_illegal_list_covers_every_combination():
    assert len(ALLOWED) == 13
    assert len(ALLOWED) + len(ILLEGAL) == len(S) * len(S) * len(R) == 147


@pytest.mark.parametrize(("src", "to", "role"), ALLOWED, ids=map(_id, ALLOWED))
def test_every_allowed_transition_moves_the_offer_and_records_it(src, to, role):
    # Given an offer in the source status (18.000 offered, 22.000 countered)
    offer = offer_in(src)
    events_before = list(offer.events.values_list("from_status", "to_status"))
    actor = actor_for(role)
    # When the allowed role takes the step (the system only after the deadline;
    # ordering names the order the agreed price went into, as checkout does)
    now = offer.expires_at + MINUTE if to == S.EXPIRED else timezone.now()
    event = transition_offer(
        offer=offer,
        to_status=to,
        actor=actor,
        actor_role=role,
        price_idr=PRICE_SENT.get((src, to)),
        note="  Boleh, demi langganan.  ",
        order_number="PD-250817-K7QM2X" if to == S.ORDERED else "",
        now=now,
    )
    note = "Dipesan: PD-250817-K7QM2X" if to == S.ORDERED else "Boleh, demi langganan."
    # Then the offer moved, and one event says who, from, to and at what price
    offer.refresh_from_db()
    assert offer.status == to
    assert (
        event.from_status,
        event.to_status,
        event.actor,
        event.actor_role,
        event.price_idr,
        event.note,
    ) == (src, to, actor, role, EVENT_PRICE.get((src, to)), note)
    assert list(offer.events.values_list("from_status", "to_status")) == [
        *events_before,
        (src, to),
    ]
    # And the offer's prices follow the step
    if to == S.ACCEPTED:
        assert offer.agreed_price_idr == EVENT_PRICE[(src, to)]
        assert offer.expires_at == now + datetime.timedelta(hours=ACCEPTED_OFFER_HOURS)
    if (src, to) == (S.PENDING, S.COUNTERED):
        assert (offer.seller_price_idr, offer.rounds) == (SELLER_PRICE, 2)
    if (src, to) == (S.COUNTERED, S.PENDING):
        assert (offer.buyer_price_idr, offer.seller_price_idr, offer.rounds) == (
            BUYER_COUNTER,
            SELLER_PRICE,
            3,
        )


@pytest.mark.parametrize(("src", "to", "role"), ILLEGAL, ids=map(_id, ILLEGAL))
def test_every_illegal_transition_raises_and_changes_nothing(src, to, role):
    # Given an offer in the source status
    offer = offer_in(src)
    before = (offer_state(offer), OfferEvent.objects.count())
    # When anyone tries a step the table does not give them (with a price that
    # would otherwise do, and after the deadline, so only the table refuses)
    with pytest.raises(IllegalTransition) as caught:
        transition_offer(
            offer=offer,
            to_status=to,
            actor=actor_for(role),
            actor_role=role,
            price_idr=BUYER_COUNTER,
            note="alasan",
            order_number="PD-250817-K7QM2X",
            now=offer.expires_at + MINUTE if to == S.EXPIRED else None,
        )
    # Then it is refused in words naming both states, and nothing changed
    assert str(S(src).label) in str(caught.value)
    assert str(S(to).label) in str(caught.value)
    assert (offer_state(offer), OfferEvent.objects.count()) == before
    offer.refresh_from_db()
    assert offer.status == src


@pytest.mark.parametrize("bogus", ["paid", "", "ACCEPTED", "accepted "])
def test_an_unknown_status_is_refused(bogus):
    offer = offer_in(S.PENDING)
    before = offer_state(offer)
    with pytest.raises(IllegalTransition):
        transition_offer(offer=offer, to_status=bogus, actor=None, actor_role=R.SELLER)
    assert offer_state(offer) == before


def test_an_unknown_role_is_refused():
    offer = offer_in(S.PENDING)
    before = offer_state(offer)
    with pytest.raises(IllegalTransition, match="kurir"):
        transition_offer(offer=offer, to_status=S.ACCEPTED, actor=None, actor_role="kurir")
    assert offer_state(offer) == before


def test_an_agreed_price_is_ordered_only_by_a_checkout():
    # Given an accepted offer
    offer = offer_in(S.ACCEPTED)
    before = offer_state(offer)
    # When the buyer's role moves it to ordered without an order behind it
    with pytest.raises(IllegalTransition, match="Pesan dengan harga ini"):
        transition_offer(offer=offer, to_status=S.ORDERED, actor=None, actor_role=R.BUYER)
    # Then it is still accepted, to be checked out
    assert offer_state(offer) == before
