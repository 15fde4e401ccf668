"""The database itself refuses a complaint that breaks the rules: parts that
do not add up, a refund that pays the seller, a second complaint, an unknown
reason or status."""

import pytest
from django.db import IntegrityError, transaction

from pasardesa.payments.models import Complaint
from tests.payments.complaint_factories import complain, sent_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint():
    return complain(sent_order())


def refused(complaint, **fields) -> bool:
    try:
        with transaction.atomic():
            Complaint.objects.filter(pk=complaint.pk).update(**fields)
    except IntegrityError:
        return True
    return False


def test_decided_parts_must_add_up_to_the_held_amount(complaint):
    amount = complaint.amount_idr
    assert refused(complaint, status="split", buyer_part_idr=10, seller_part_idr=amount)
    assert refused(complaint, status="split", buyer_part_idr=-1, seller_part_idr=amount + 1)
    assert refused(complaint, status="decided")  # no parts
    assert refused(complaint, buyer_part_idr=1, seller_part_idr=amount - 1)  # open with parts
    assert not refused(complaint, status="split", buyer_part_idr=1, seller_part_idr=amount - 1)


def test_outcomes_match_their_parts(complaint):
    amount = complaint.amount_idr
    assert refused(complaint, status="refunded", buyer_part_idr=1, seller_part_idr=amount - 1)
    assert refused(complaint, status="released", buyer_part_idr=1, seller_part_idr=amount - 1)
    assert refused(complaint, status="split", buyer_part_idr=0, seller_part_idr=amount)


def test_offers_reasons_statuses_and_appeals_are_checked(complaint):
    assert refused(complaint, status="offered")  # without an offer
    assert refused(complaint, offer_idr=complaint.amount_idr)
    assert refused(complaint, reason="bosan")
    assert refused(complaint, status="lost")
    assert refused(complaint, appealed_role="pengelola")


def test_one_complaint_per_payment(complaint):
    with pytest.raises(IntegrityError), transaction.atomic():
        Complaint.objects.create(
            payment=complaint.payment,
            store=complaint.store,
            seller=complaint.seller,
            reason=complaint.reason,
            description="Lagi",
            amount_idr=complaint.amount_idr,
            decide_by=complaint.decide_by,
        )
