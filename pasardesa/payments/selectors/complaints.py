"""Reads of complaints for their pages: one complaint with everything its
page shows, and the queues of a seller, a store and a region (fixed queries)."""

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When

from pasardesa.payments.models import Complaint, ComplaintEvent, ComplaintStatus
from pasardesa.payments.state import COMPLAINT_UNDECIDED

_C = ComplaintStatus


def _full(complaints: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return complaints.select_related(
        "payment__order__checkout", "store__village", "seller"
    ).prefetch_related(
        "photos", Prefetch("events", queryset=ComplaintEvent.objects.select_related("actor"))
    )


def complaint_of_order(order) -> Complaint | None:
    """The complaint about ``order`` with its photos and history, or None."""
    return _full(Complaint.objects.filter(payment__order=order)).first()


def complaint_in(complaints: QuerySet[Complaint], pk: int) -> Complaint | None:
    """Complaint ``pk`` among ``complaints`` (what the person may see), or None."""
    return _full(complaints.filter(pk=pk)).first()


def _waiting_first(complaints: QuerySet[Complaint], waiting) -> QuerySet[Complaint]:
    first = Case(
        When(status__in=list(waiting), then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        complaints.select_related("payment__order", "seller", "store")
        .annotate(first=first)
        .order_by("first", "-created_at", "-pk")
    )


def seller_complaints(seller) -> QuerySet[Complaint]:
    """The seller's complaints: those waiting for their answer first."""
    return _waiting_first(Complaint.objects.filter(seller=seller), {_C.OPEN, _C.RETURN_SENT})


def store_complaints(store, status: str = "") -> QuerySet[Complaint]:
    """The store's complaints, those waiting for the operator first."""
    found = Complaint.objects.filter(store=store)
    if status in _C.values:
        found = found.filter(status=status)
    return _waiting_first(found, {_C.OPERATOR})


def status_counts(complaints: QuerySet[Complaint]) -> dict[str, int]:
    """``{status: count}`` for every status (one query), plus ``"open"`` for
    every undecided one."""
    counts = dict.fromkeys(_C.values, 0)
    for row in complaints.order_by().values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    counts["undecided"] = sum(counts[s] for s in COMPLAINT_UNDECIDED)
    return counts


def appealed_complaints(stores) -> QuerySet[Complaint]:
    """Complaints appealed to the region, of ``stores`` (a queryset), waiting first."""
    found = Complaint.objects.filter(store__in=stores, appealed_role__gt="")
    return _waiting_first(found, {_C.APPEALED})
