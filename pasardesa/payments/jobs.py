"""The rekening bersama's timers and the unpaid-order sweep (see
``pasardesa.core.jobs``): an order paid first that nobody paid in time is
cancelled; held money the seller did not send in time goes back to the buyer;
money handed over and not complained about is released to the seller; a
complaint the seller leaves unanswered is granted, an operator's decision
nobody appealed takes effect, and one nobody decided in 14 days is refunded."""

from pasardesa.core.jobs import job
from pasardesa.payments.services import (
    apply_unappealed_decisions,
    cancel_unpaid,
    cancel_unsent,
    grant_unanswered_complaints,
    refund_undecided_complaints,
    release_due,
)

job(cancel_unpaid)
job(cancel_unsent)
job(release_due)
job(grant_unanswered_complaints)
job(apply_unappealed_decisions)
job(refund_undecided_complaints)
