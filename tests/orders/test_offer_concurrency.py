"""An agreed price is used once and an offer answered once, with real concurrent
connections (PostgreSQL).

As in ``test_concurrency``: each thread has its own database connection (Django
keeps one per thread) and closes it at the end; a barrier starts them at the
same moment. The tests are transactional (threads must see committed rows) and
create what they need themselves.
"""

import datetime
import uuid
from collections import Counter

import pytest
from django.utils import timezone

from pasardesa.orders.models import ActorRole, Checkout, Offer, OfferEvent, OfferStatus, OrderLine
from pasardesa.orders.services import CartChanged, expire_offers, transition_offer
from pasardesa.orders.state import IllegalTransition
from tests.orders.factories import stock_of
from tests.orders.offer_factories import BUYER_PRICE, checkout_offer, negotiable, offer_on, step
from tests.orders.parallel import in_parallel as run_in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]

S, R = OfferStatus, ActorRole


def in_parallel(count: int, work) -> list[tuple[str, object]]:
    return run_in_parallel(count, work, {CartChanged: "lapsed", IllegalTransition: "illegal"})


def errors(results) -> list:
    return [value for outcome, value in results if outcome == "error"]


def test_ten_checkouts_of_one_agreed_price_place_one_order():
    # Given 3 bags of coffee agreed at 18.000, 10 in stock
    coffee = negotiable(name="Kopi Alor", stock=10)
    offer = offer_on(coffee, quantity=3)
    step(offer, S.ACCEPTED, R.SELLER)
    # When 10 checkouts of that agreed price (10 forms, 10 keys) are sent at once
    results = in_parallel(10, lambda i: checkout_offer(offer, key=uuid.uuid4()).pk)
    outcomes = Counter(outcome for outcome, _value in results)
    # Then exactly one is placed; the other 9 are told the agreed price no longer holds
    assert outcomes == {"ok": 1, "lapsed": 9}, errors(results)
    for outcome, value in results:
        if outcome == "lapsed":
            assert [change.kind for change in value.changes] == ["offer"]
    # And one order line carries the offer, at the agreed price, and the stock was taken once
    assert Checkout.objects.count() == 1
    line = OrderLine.objects.get()
    assert (line.offer_id, line.unit_price_idr, line.quantity) == (offer.pk, BUYER_PRICE, 3)
    assert stock_of(coffee) == 7
    # And the offer was ordered once
    offer.refresh_from_db()
    assert offer.status == S.ORDERED
    assert offer.events.filter(to_status=S.ORDERED).count() == 1


def test_the_seller_accepting_while_the_buyer_cancels_is_decided_once():
    coffee = negotiable(name="Kopi Alor", stock=10)
    winners = Counter()
    for _run in range(10):
        # Given a pending offer both sides see (pending, round 1)
        offer = offer_on(coffee, quantity=2)
        steps = [(S.ACCEPTED, R.SELLER), (S.CANCELLED, R.BUYER)]

        def take(i: int, offer=offer, steps=steps):
            to_status, role = steps[i]
            return transition_offer(
                offer=Offer(pk=offer.pk),
                to_status=to_status,
                actor=None,
                actor_role=role,
                seen_status=S.PENDING,
                seen_round=1,
            ).to_status

        # When the seller accepts and the buyer cancels at the same moment
        results = in_parallel(2, take)
        outcomes = Counter(outcome for outcome, _value in results)
        # Then exactly one of them wins; the other is told the offer changed
        assert outcomes == {"ok": 1, "illegal": 1}, errors(results)
        [winner] = [value for outcome, value in results if outcome == "ok"]
        winners[winner] += 1
        offer.refresh_from_db()
        assert offer.status == winner
        assert offer.agreed_price_idr == (BUYER_PRICE if winner == S.ACCEPTED else None)
        # And exactly one event follows the buyer's offer
        assert list(offer.events.values_list("from_status", "to_status")) == [
            ("", S.PENDING),
            (S.PENDING, winner),
        ]
    print(f"accept vs cancel, 10 runs: {dict(winners)}")
    assert sum(winners.values()) == 10


def test_two_expiry_jobs_at_once_expire_each_offer_once():
    # Given 20 offers whose time ran out
    coffee = negotiable(name="Kopi Alor", stock=10)
    offers = [offer_on(coffee, quantity=1) for _n in range(20)]
    Offer.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    # When the expiry job runs in two processes at the same moment
    results = in_parallel(2, lambda i: expire_offers())
    # Then between them they expired 20, each offer exactly once
    assert [outcome for outcome, _value in results] == ["ok", "ok"], errors(results)
    assert sum(value for _outcome, value in results) == 20
    assert set(Offer.objects.values_list("status", flat=True)) == {S.EXPIRED}
    assert OfferEvent.objects.filter(to_status=S.EXPIRED).count() == 20
    for offer in offers:
        assert offer.events.filter(to_status=S.EXPIRED).count() == 1


def test_the_same_offer_form_sent_five_times_at_once_is_one_offer():
    coffee = negotiable(name="Kopi Alor", stock=10)
    key = uuid.uuid4()
    results = in_parallel(5, lambda i: offer_on(coffee, key=key).pk)
    assert Counter(outcome for outcome, _value in results) == {"ok": 5}, errors(results)
    assert len({value for _outcome, value in results}) == 1
    assert Offer.objects.count() == OfferEvent.objects.count() == 1


def test_the_buyer_checking_out_while_cancelling_the_agreed_price_is_decided_once():
    coffee = negotiable(name="Kopi Alor", stock=30)
    for run in range(5):
        # Given an agreed price (3 bags), open in two tabs
        offer = offer_on(coffee, quantity=3)
        step(offer, S.ACCEPTED, R.SELLER)
        stock = stock_of(coffee)

        def take(i: int, offer=offer):
            if i == 0:
                checkout_offer(offer, key=uuid.uuid4())
                return S.ORDERED
            return transition_offer(
                offer=Offer(pk=offer.pk),
                to_status=S.CANCELLED,
                actor=None,
                actor_role=R.BUYER,
                seen_status=S.ACCEPTED,
                seen_round=1,
            ).to_status

        # When one tab checks it out as the other cancels it
        results = in_parallel(2, take)
        # Then one wins, the other is told
        assert sorted(outcome for outcome, _value in results) in (
            ["illegal", "ok"],
            ["lapsed", "ok"],
        ), (run, errors(results))
        [winner] = [value for outcome, value in results if outcome == "ok"]
        offer.refresh_from_db()
        assert offer.status == winner
        # And the stock was taken exactly when it was ordered
        ordered = OrderLine.objects.filter(offer=offer).count()
        assert ordered == (1 if winner == S.ORDERED else 0)
        assert stock_of(coffee) == stock - 3 * ordered
