"""The rekening bersama's timers and the unpaid-order sweep (see
``pasardesa.core.jobs``): an order paid first that nobody paid in time is
cancelled; held money the seller did not send in time goes back to the buyer;
money handed over and not complained about is released to the seller."""

from pasardesa.core.jobs import job
from pasardesa.payments.services import cancel_unpaid, cancel_unsent, release_due

job(cancel_unpaid)
job(cancel_unsent)
job(release_due)
