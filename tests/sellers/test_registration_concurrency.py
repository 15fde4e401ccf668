"""The cap on registrations waiting for verification holds under parallel
requests (PostgreSQL, real connections): one account sending six forms at
the same moment gets three stalls, not six."""

import uuid
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from pasardesa.sellers.models import Seller
from pasardesa.sellers.services import MAX_PENDING_REGISTRATIONS, register_seller_with_photo
from tests.factories import StoreFactory, make_user
from tests.orders.parallel import in_parallel

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def test_six_registrations_at_once_leave_only_the_allowed_three_waiting():
    # Given one account and an active store
    store = StoreFactory()
    owner = make_user("0813-5555-0001", "Ibu Rina")

    def register(i: int) -> int:
        return register_seller_with_photo(
            store=store,
            owner=owner,
            business_name=f"Lapak Rina {i}",
            owner_name="Rina",
            whatsapp="0813-5555-0001",
            idempotency_key=uuid.uuid4(),
        ).pk

    # When six different registration forms arrive at the same moment
    results = in_parallel(6, register, {ValidationError: "refused"})
    # Then exactly three are waiting and three were told to wait
    outcomes = Counter(outcome for outcome, _value in results)
    assert outcomes == {"ok": MAX_PENDING_REGISTRATIONS, "refused": 6 - MAX_PENDING_REGISTRATIONS}
    assert Seller.objects.filter(status=Seller.Status.PENDING).count() == 3
