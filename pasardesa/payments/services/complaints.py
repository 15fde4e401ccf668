"""Complaints (komplain) about rekening bersama orders, and their decisions.

The buyer complains inside the release window (the payment is "sent"): the
payment becomes "disputed" and the money stays held. Every later step goes
through ``COMPLAINT_MACHINE`` (see its comment in ``payments.state`` for the
whole story) and writes a ``ComplaintEvent``; a step that settles the money
moves the payment (disputed → released, refunded or split), posts one ledger
transaction (``book_release`` under the payment's ``complaint`` key) and
completes the order, in one transaction.

Locks: the order, then the payment (as in ``flow``), then the complaint; a
double tap finds the status moved and is refused by the table, so nothing
happens twice.

Who is who is decided by the caller (the page resolved the seller, the
operator's store or the region through the permission querysets); the
services only check the buyer's proof, like ``orders.services.cancel_by_buyer``:
the browser that placed the order, or the WhatsApp number it was placed with.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.core.idempotency import run_once, scope
from pasardesa.core.images import process_photo
from pasardesa.orders.models import ActorRole, Order, OrderStatus
from pasardesa.orders.services import is_buyer_phone, transition_order
from pasardesa.payments.models import (
    MAX_COMPLAINT_PHOTOS,
    MAX_COMPLAINT_TEXT,
    Complaint,
    ComplaintEvent,
    ComplaintPhoto,
    ComplaintReason,
    Payment,
    PaymentRole,
    PaymentStatus,
)
from pasardesa.payments.models import ComplaintStatus as C
from pasardesa.payments.services.flow import book_release, locked_payment, step_payment
from pasardesa.payments.state import (
    COMPLAINT_MACHINE,
    COMPLAINT_SELLER_TURN,
    COMPLAINT_UNDECIDED,
)
from pasardesa.sellers.models import SellerMember

# The times: the seller answers in 2×24 h, the operator decides in 3
# days, an operator's decision may be appealed for 2 days, and whatever is
# still undecided 14 days after filing goes back to the buyer.
SELLER_ANSWER_HOURS = 48
OPERATOR_DAYS = 3
APPEAL_DAYS = 2
REGION_DAYS = 3
DECIDE_DAYS = 14

# A complaint's outcome → the payment's status after it.
_PAYMENT_AFTER = {
    C.REFUNDED: PaymentStatus.REFUNDED,
    C.GRANTED: PaymentStatus.REFUNDED,
    C.SPLIT: PaymentStatus.SPLIT,
    C.RELEASED: PaymentStatus.RELEASED,
}

# What a decider may choose, by its word on the form.
OUTCOMES = {"release": C.RELEASED, "refund": C.REFUNDED, "split": C.SPLIT}


# --- Helpers ------------------------------------------------------------------------------


def _text(text: str, *, field: str = "text", required: bool = False) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ValidationError({field: _("Tulis alasannya; pihak lain akan membacanya.")})
    if len(text) > MAX_COMPLAINT_TEXT:
        raise ValidationError(
            {field: _("Paling panjang %(max)d huruf.") % {"max": MAX_COMPLAINT_TEXT}}
        )
    return text


def check_buyer(order: Order, *, placed_here: bool, phone: str) -> None:
    """The buyer's proof on a private link: the browser that placed the
    order, or the WhatsApp number it was placed with (the link alone may have
    been forwarded)."""
    if not placed_here and not is_buyer_phone(order, phone):
        raise ValidationError(
            {
                "buyer_phone": _(
                    "Nomor ini bukan nomor WhatsApp yang dipakai saat memesan. "
                    "Tulis nomor yang sama dengan saat memesan."
                )
            }
        )


def _locked(complaint: Complaint) -> tuple[Order, Payment, Complaint]:
    """Order, payment, complaint: locked in that order (see ``flow``)."""
    order = Order.objects.select_for_update().get(pk=complaint.payment.order_id)
    payment = locked_payment(complaint.payment)
    locked = (
        Complaint.objects.select_for_update()
        .select_related("payment", "store", "seller")
        .get(pk=complaint.pk)
    )
    return order, payment, locked


def _step(
    complaint: Complaint,
    to_status: str,
    *,
    actor,
    actor_role: str,
    text: str = "",
    amount_idr: int | None = None,
    **fields,
) -> ComplaintEvent:
    from_status = complaint.status
    COMPLAINT_MACHINE.check(from_status, to_status, actor_role)
    complaint.status = to_status
    for name, value in fields.items():
        setattr(complaint, name, value)
    complaint.save(update_fields=["status", "updated_at", *fields])
    return ComplaintEvent.objects.create(
        complaint=complaint,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        actor_role=actor_role,
        text=text,
        amount_idr=amount_idr,
    )


def _settle(
    order: Order,
    payment: Payment,
    complaint: Complaint,
    outcome: str,
    *,
    seller_part: int,
    actor,
    actor_role: str,
    text: str = "",
    **fields,
) -> ComplaintEvent:
    """Close the complaint with ``outcome`` and move the money: the payment's
    step, its ledger transaction, then the order (the payments participant
    refuses to complete a disputed order, so the payment moves first)."""
    amount = complaint.amount_idr
    if not 0 <= seller_part <= amount:
        raise ValidationError(
            {"seller_part": _("Bagian penjual harus antara Rp0 dan jumlah yang ditahan.")}
        )
    event = _step(
        complaint,
        outcome,
        actor=actor,
        actor_role=actor_role,
        text=text,
        amount_idr=amount - seller_part,
        buyer_part_idr=amount - seller_part,
        seller_part_idr=seller_part,
        decided_role=fields.pop("decided_role", actor_role),
        decided_by=fields.pop("decided_by", actor),
        decided_at=fields.pop("decided_at", timezone.now()),
        **fields,
    )
    payment_role = PaymentRole.SYSTEM if actor_role == PaymentRole.BUYER else actor_role
    step_payment(
        payment,
        _PAYMENT_AFTER[outcome],
        actor=actor,
        actor_role=payment_role,
        note=_("Keputusan komplain: %(outcome)s") % {"outcome": COMPLAINT_MACHINE.label(outcome)},
    )
    book_release(payment, seller_part=seller_part, step="complaint")
    if order.status != OrderStatus.COMPLETED:
        transition_order(
            order=order,
            to_status=OrderStatus.COMPLETED,
            actor=None,
            actor_role=ActorRole.SYSTEM,
            note=_("Komplain selesai: %(outcome)s") % {"outcome": COMPLAINT_MACHINE.label(outcome)},
        )
    return event


def _outcome_parts(outcome: str, amount: int, seller_part: int | None) -> tuple[str, int]:
    """(status, seller part) of a decision; a split of nothing is a release
    or a refund, so the status always says what happened to the money."""
    if outcome == C.RELEASED:
        return C.RELEASED, amount
    if outcome == C.REFUNDED:
        return C.REFUNDED, 0
    if outcome != C.SPLIT:
        raise ValidationError(_("Pilih keputusan: lepas ke penjual, kembalikan, atau bagi."))
    if seller_part is None:
        raise ValidationError({"seller_part": _("Tulis bagian penjual dalam rupiah.")})
    if not 0 <= seller_part <= amount:
        raise ValidationError(
            {"seller_part": _("Bagian penjual harus antara Rp0 dan jumlah yang ditahan.")}
        )
    if seller_part == 0:
        return C.REFUNDED, 0
    if seller_part == amount:
        return C.RELEASED, amount
    return C.SPLIT, seller_part


def _not_their_own(actor, complaint: Complaint) -> None:
    """An operator or regional admin never decides for a seller they own or staff."""
    if (
        actor is not None
        and SellerMember.objects.filter(user=actor, seller=complaint.seller).exists()
    ):
        raise ValidationError(
            _("Anda pemilik atau staf penjual ini; pengelola lain yang harus memutuskan."),
            code="own_seller",
        )


# --- Filing -------------------------------------------------------------------------------


def file_complaint(
    *,
    payment: Payment,
    reason: str,
    description: str,
    photos: list,
    actor,
    placed_here: bool,
    phone: str = "",
    idempotency_key: uuid.UUID | None = None,
) -> Complaint:
    """The buyer complains about a rekening bersama order whose goods were
    handed over, before the money is released: the money stays held.

    ``photos`` are uploads (at most three), checked and re-encoded by
    ``core.images``. Raises ``ValidationError`` (nothing stored) for a bad
    photo, a missing reason, the wrong number, or outside the window. A
    repeated ``idempotency_key`` returns the first complaint.
    """

    def action() -> Complaint:
        return _file(
            payment=payment,
            reason=reason,
            description=description,
            photos=photos,
            actor=actor,
            placed_here=placed_here,
            phone=phone,
        )

    complaint, _created = run_once(
        scope=scope("payments", "file_complaint", actor),
        key=idempotency_key or uuid.uuid4(),
        action=action,
        load=lambda pk: Complaint.objects.get(pk=pk),
    )
    return complaint


def _file(*, payment, reason, description, photos, actor, placed_here, phone) -> Complaint:
    order = Order.objects.select_for_update().get(pk=payment.order_id)
    check_buyer(order, placed_here=placed_here, phone=phone)
    payment = locked_payment(payment)
    now = timezone.now()
    if payment.status == PaymentStatus.DISPUTED:
        raise ValidationError(_("Komplain untuk pesanan ini sudah diajukan."), code="filed")
    if not payment.is_escrow or payment.status != PaymentStatus.SENT:
        raise ValidationError(
            _(
                "Komplain hanya bisa diajukan setelah barang diserahkan dan sebelum dana "
                "dilepas ke penjual."
            ),
            code="outside_window",
        )
    if payment.release_at is not None and payment.release_at <= now:
        raise ValidationError(
            _("Batas waktu komplain sudah lewat; dana sedang dilepas ke penjual."),
            code="outside_window",
        )
    errors = {}
    if reason not in ComplaintReason.values:
        errors["reason"] = _("Pilih alasan komplain.")
    text = (description or "").strip()
    if not text:
        errors["description"] = _("Ceritakan masalahnya; penjual akan membacanya.")
    elif len(text) > MAX_COMPLAINT_TEXT:
        errors["description"] = _("Paling panjang %(max)d huruf.") % {"max": MAX_COMPLAINT_TEXT}
    photos = [photo for photo in photos or [] if photo]
    if len(photos) > MAX_COMPLAINT_PHOTOS:
        errors["photos"] = _("Paling banyak %(max)d foto.") % {"max": MAX_COMPLAINT_PHOTOS}
    if errors:
        raise ValidationError(errors)
    processed = []
    for upload in photos:
        try:
            processed.append(process_photo(upload, stem=f"komplain-{order.number}"[:40]))
        except ValidationError as exc:
            raise ValidationError({"photos": exc.messages}) from None
    step_payment(
        payment,
        PaymentStatus.DISPUTED,
        actor=actor,
        actor_role=PaymentRole.BUYER,
        note=ComplaintReason(reason).label,
    )
    complaint = Complaint.objects.create(
        payment=payment,
        store=payment.store,
        seller=payment.seller,
        reason=reason,
        description=text,
        amount_idr=payment.amount_idr,
        seller_answer_by=now + datetime.timedelta(hours=SELLER_ANSWER_HOURS),
        decide_by=now + datetime.timedelta(days=DECIDE_DAYS),
    )
    ComplaintEvent.objects.create(
        complaint=complaint,
        from_status="",
        to_status=C.OPEN,
        actor=actor,
        actor_role=PaymentRole.BUYER,
        text=text,
    )
    for position, photo in enumerate(processed):
        row = ComplaintPhoto(
            complaint=complaint,
            position=position,
            thumb_width=photo.thumb.width,
            thumb_height=photo.thumb.height,
            image_width=photo.detail.width,
            image_height=photo.detail.height,
        )
        row.thumb.save(photo.thumb.content.name, photo.thumb.content, save=False)
        row.image.save(photo.detail.content.name, photo.detail.content, save=False)
        row.save()
    return complaint


# --- The seller ---------------------------------------------------------------------------


@transaction.atomic
def seller_answer(
    *, complaint: Complaint, answer: str, actor, text: str = "", offer_idr: int | None = None
) -> ComplaintEvent:
    """The seller's answer: ``agree`` (full refund), ``offer`` (give back
    ``offer_idr``), ``return`` (goods back first), ``disagree`` (the operator
    decides); after the goods were sent back, ``received_back`` (full refund)
    or ``disagree``. ``complaint`` must be one of the seller's (the page
    resolved it)."""
    order, payment, complaint = _locked(complaint)
    if answer == "message":
        return _message(complaint, actor=actor, actor_role=PaymentRole.SELLER, text=text)
    if answer == ACCEPT_DECISION:
        return _accept_decision(order, payment, complaint, actor=actor, role=PaymentRole.SELLER)
    found = COMPLAINT_MACHINE.named(complaint.status, answer, PaymentRole.SELLER)
    if found is None:
        raise ValidationError(
            _("Komplain ini sudah berubah sejak halaman dibuka. Periksa lagi."), code="stale"
        )
    to_status, step = found
    text = _text(text, required=step.needs_note)
    now = timezone.now()
    role = PaymentRole.SELLER
    if to_status == C.REFUNDED:
        return _settle(
            order,
            payment,
            complaint,
            C.REFUNDED,
            seller_part=0,
            actor=actor,
            actor_role=role,
            text=text,
        )
    if to_status == C.OFFERED:
        if offer_idr is None or not 0 < offer_idr < complaint.amount_idr:
            raise ValidationError(
                {
                    "offer_idr": _(
                        "Tulis jumlah yang dikembalikan: lebih dari Rp0 dan kurang dari "
                        "jumlah yang ditahan."
                    )
                }
            )
        return _step(
            complaint,
            C.OFFERED,
            actor=actor,
            actor_role=role,
            text=text,
            amount_idr=offer_idr,
            offer_idr=offer_idr,
        )
    if to_status == C.OPERATOR:
        return _step(
            complaint,
            C.OPERATOR,
            actor=actor,
            actor_role=role,
            text=text,
            operator_by=now + datetime.timedelta(days=OPERATOR_DAYS),
        )
    return _step(complaint, to_status, actor=actor, actor_role=role, text=text)


# --- The buyer ----------------------------------------------------------------------------


@transaction.atomic
def buyer_answer(
    *,
    complaint: Complaint,
    answer: str,
    actor,
    placed_here: bool,
    phone: str = "",
    text: str = "",
) -> ComplaintEvent:
    """The buyer's answer: ``accept`` or ``refuse`` the seller's partial
    offer, ``sent_back`` the goods (the seller then has 2×24 h to confirm) or
    ``refuse`` to, or ``appeal`` the operator's decision."""
    order = Order.objects.select_related("checkout").get(pk=complaint.payment.order_id)
    check_buyer(order, placed_here=placed_here, phone=phone)
    order, payment, complaint = _locked(complaint)
    if answer == "appeal":
        return _appeal(complaint, actor=actor, role=PaymentRole.BUYER, text=text)
    if answer == "message":
        return _message(complaint, actor=actor, actor_role=PaymentRole.BUYER, text=text)
    if answer == ACCEPT_DECISION:
        return _accept_decision(order, payment, complaint, actor=actor, role=PaymentRole.BUYER)
    found = COMPLAINT_MACHINE.named(complaint.status, answer, PaymentRole.BUYER)
    if found is None:
        raise ValidationError(
            _("Komplain ini sudah berubah sejak halaman dibuka. Periksa lagi."), code="stale"
        )
    to_status, step = found
    text = _text(text, required=step.needs_note)
    role = PaymentRole.BUYER
    if to_status == C.SPLIT:
        return _settle(
            order,
            payment,
            complaint,
            C.SPLIT,
            seller_part=complaint.amount_idr - complaint.offer_idr,
            actor=actor,
            actor_role=role,
            text=text,
        )
    if to_status == C.OPERATOR:
        return _step(
            complaint,
            C.OPERATOR,
            actor=actor,
            actor_role=role,
            text=text,
            operator_by=timezone.now() + datetime.timedelta(days=OPERATOR_DAYS),
        )
    if to_status == C.RETURN_SENT:
        return _step(
            complaint,
            C.RETURN_SENT,
            actor=actor,
            actor_role=role,
            text=text,
            seller_answer_by=timezone.now() + datetime.timedelta(hours=SELLER_ANSWER_HOURS),
        )
    return _step(complaint, to_status, actor=actor, actor_role=role, text=text)


# --- Appeals and decisions ----------------------------------------------------------------


def _apply_decision(order, payment, complaint, *, text: str) -> ComplaintEvent:
    """The operator's decision takes effect (the system moves the money), still
    recorded as the operator's."""
    return _settle(
        order,
        payment,
        complaint,
        decided_outcome(complaint),
        seller_part=complaint.seller_part_idr,
        actor=None,
        actor_role=PaymentRole.SYSTEM,
        text=text,
        decided_role=complaint.decided_role,
        decided_by=complaint.decided_by,
        decided_at=complaint.decided_at,
    )


ACCEPT_DECISION = "accept_decision"


def can_accept_decision(complaint: Complaint, role: str) -> bool:
    """Whether ``role`` (buyer or seller) may still accept the operator's decision."""
    if complaint.status != C.DECIDED:
        return False
    if role == PaymentRole.BUYER:
        return complaint.buyer_accepted_at is None
    return role == PaymentRole.SELLER and complaint.seller_accepted_at is None


def _accept_decision(order, payment, complaint, *, actor, role: str) -> ComplaintEvent:
    """One side accepts the operator's decision (gives up its appeal); when the
    other side has too, the money moves now instead of when the window closes."""
    if not can_accept_decision(complaint, role):
        raise ValidationError(
            _("Komplain ini sudah berubah sejak halaman dibuka. Periksa lagi."), code="stale"
        )
    field = "buyer_accepted_at" if role == PaymentRole.BUYER else "seller_accepted_at"
    setattr(complaint, field, timezone.now())
    complaint.save(update_fields=[field, "updated_at"])
    event = _message(
        complaint,
        actor=actor,
        actor_role=role,
        text=_("Pembeli menerima keputusan pengelola.")
        if role == PaymentRole.BUYER
        else _("Penjual menerima keputusan pengelola."),
    )
    if complaint.buyer_accepted_at and complaint.seller_accepted_at:
        return _apply_decision(
            order,
            payment,
            complaint,
            text=_("Kedua pihak menerima keputusan pengelola; dana dipindahkan sekarang."),
        )
    return event


def can_appeal(
    complaint: Complaint, now: datetime.datetime | None = None, *, role: str | None = None
) -> bool:
    """Once, by either side: an operator's decision inside its window, or an
    operator who let their 3 days pass. A side that accepted the decision
    (``role``, when given) gave up its appeal."""
    now = now or timezone.now()
    if complaint.appealed_role:
        return False
    if (role == PaymentRole.BUYER and complaint.buyer_accepted_at) or (
        role == PaymentRole.SELLER and complaint.seller_accepted_at
    ):
        return False
    if complaint.status == C.DECIDED:
        return complaint.appeal_by is not None and now < complaint.appeal_by
    if complaint.status == C.OPERATOR:
        return complaint.operator_by is not None and now >= complaint.operator_by
    return False


def _appeal(complaint: Complaint, *, actor, role: str, text: str) -> ComplaintEvent:
    text = _text(text, required=True)
    now = timezone.now()
    if not can_appeal(complaint, now, role=role):
        raise ValidationError(
            _(
                "Banding hanya sekali, setelah pengelola memutuskan (dalam %(days)d hari) atau "
                "bila pengelola tidak memutuskan dalam %(operator)d hari."
            )
            % {"days": APPEAL_DAYS, "operator": OPERATOR_DAYS},
            code="no_appeal",
        )
    # The regional admin gets their own few days even late in the 14.
    decide_by = max(complaint.decide_by, now + datetime.timedelta(days=REGION_DAYS))
    return _step(
        complaint,
        C.APPEALED,
        actor=actor,
        actor_role=role,
        text=text,
        appealed_role=role,
        appealed_at=now,
        decide_by=decide_by,
        buyer_part_idr=None,
        seller_part_idr=None,
        appeal_by=None,
    )


@transaction.atomic
def seller_appeal(*, complaint: Complaint, actor, text: str) -> ComplaintEvent:
    _order, _payment, complaint = _locked(complaint)
    return _appeal(complaint, actor=actor, role=PaymentRole.SELLER, text=text)


@transaction.atomic
def decide_complaint(
    *,
    complaint: Complaint,
    outcome: str,
    actor,
    actor_role: str,
    seller_part_idr: int | None = None,
    text: str = "",
) -> ComplaintEvent:
    """The operator (``actor_role`` operator) or, on appeal, the regional
    admin (region) decides: ``release``, ``refund`` or ``split`` with the
    seller's part (any split of the held amount). The operator's decision
    takes effect when the appeal window closes; the region's at once."""
    order, payment, complaint = _locked(complaint)
    _not_their_own(actor, complaint)
    text = _text(text)
    status, seller_part = _outcome_parts(
        OUTCOMES.get(outcome, ""), complaint.amount_idr, seller_part_idr
    )
    if actor_role == PaymentRole.OPERATOR:
        return _step(
            complaint,
            C.DECIDED,
            actor=actor,
            actor_role=actor_role,
            text=text or COMPLAINT_MACHINE.label(status),
            amount_idr=complaint.amount_idr - seller_part,
            buyer_part_idr=complaint.amount_idr - seller_part,
            seller_part_idr=seller_part,
            decided_role=actor_role,
            decided_by=actor,
            decided_at=timezone.now(),
            appeal_by=timezone.now() + datetime.timedelta(days=APPEAL_DAYS),
        )
    return _settle(
        order,
        payment,
        complaint,
        status,
        seller_part=seller_part,
        actor=actor,
        actor_role=actor_role,
        text=text,
    )


@transaction.atomic
def add_message(*, complaint: Complaint, actor, actor_role: str, text: str) -> ComplaintEvent:
    """A plain message on the complaint's page (no step), shown to both sides:
    by the operator or the region (the buyer and the seller write theirs
    through ``buyer_answer``/``seller_answer`` with ``answer="message"``)."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    return _message(complaint, actor=actor, actor_role=actor_role, text=text)


def _message(complaint: Complaint, *, actor, actor_role: str, text: str) -> ComplaintEvent:
    if complaint.is_closed:
        raise ValidationError(_("Komplain ini sudah selesai."), code="closed")
    text = _text(text, required=True)
    return ComplaintEvent.objects.create(
        complaint=complaint,
        from_status=complaint.status,
        to_status=complaint.status,
        actor=actor,
        actor_role=actor_role,
        text=text,
    )


def decided_outcome(complaint: Complaint) -> str:
    """The status an operator's pending decision settles to."""
    if complaint.seller_part_idr == 0:
        return C.REFUNDED
    if complaint.buyer_part_idr == 0:
        return C.RELEASED
    return C.SPLIT


# --- Timers (jobs) ------------------------------------------------------------------------


def _each_due(due, run) -> int:
    """``run(order, payment, complaint)`` for each due complaint, one
    transaction each; rows another runner or a person holds are skipped until
    the next run, and ``run`` re-checks the complaint it locked."""
    done = 0
    rows = list(due.values_list("pk", "payment__order_id", "payment_id")[:500])
    for pk, order_id, payment_id in rows:
        with transaction.atomic():
            order = Order.objects.select_for_update(skip_locked=True).filter(pk=order_id).first()
            if order is None:
                continue
            payment = (
                Payment.objects.select_for_update(skip_locked=True)
                .select_related("order", "store", "seller")
                .filter(pk=payment_id)
                .first()
            )
            complaint = Complaint.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if payment is not None and complaint is not None and run(order, payment, complaint):
                done += 1
    return done


def _refund_when_due(*, statuses, deadline: str, text: str, now) -> int:
    """Refund in full every complaint in ``statuses`` whose ``deadline`` passed."""

    def run(order, payment, complaint) -> bool:
        if complaint.status not in statuses or getattr(complaint, deadline) > now:
            return False
        outcome = C.GRANTED if complaint.status == C.OPEN else C.REFUNDED
        _settle(
            order,
            payment,
            complaint,
            outcome,
            seller_part=0,
            actor=None,
            actor_role=PaymentRole.SYSTEM,
            text=text,
        )
        return True

    due = Complaint.objects.filter(status__in=statuses, **{f"{deadline}__lte": now})
    return _each_due(due, run)


def grant_unanswered_complaints(*, now: datetime.datetime | None = None) -> int:
    """The seller did not answer in 2×24 h (or did not confirm the goods that
    came back): the buyer gets everything back."""
    return _refund_when_due(
        statuses=COMPLAINT_SELLER_TURN,
        deadline="seller_answer_by",
        text=_("Penjual tidak menjawab dalam batas waktu; dana dikembalikan ke pembeli."),
        now=now or timezone.now(),
    )


def refund_undecided_complaints(*, now: datetime.datetime | None = None) -> int:
    """Nobody decided in 14 days (or the regional admin's days after a late
    appeal): the buyer gets everything back."""
    return _refund_when_due(
        statuses=COMPLAINT_UNDECIDED,
        deadline="decide_by",
        text=_("Tidak diputuskan dalam %(days)d hari; dana dikembalikan ke pembeli.")
        % {"days": DECIDE_DAYS},
        now=now or timezone.now(),
    )


def apply_unappealed_decisions(*, now: datetime.datetime | None = None) -> int:
    """An operator's decision nobody appealed in time: the money moves as decided."""
    now = now or timezone.now()

    def run(order, payment, complaint) -> bool:
        if complaint.status != C.DECIDED or complaint.appeal_by > now:
            return False
        _apply_decision(
            order, payment, complaint, text=_("Tidak ada banding; keputusan pengelola berlaku.")
        )
        return True

    due = Complaint.objects.filter(status=C.DECIDED, appeal_by__lte=now)
    return _each_due(due, run)


__all__ = [
    "ACCEPT_DECISION",
    "APPEAL_DAYS",
    "DECIDE_DAYS",
    "OPERATOR_DAYS",
    "OUTCOMES",
    "SELLER_ANSWER_HOURS",
    "add_message",
    "apply_unappealed_decisions",
    "buyer_answer",
    "can_accept_decision",
    "can_appeal",
    "check_buyer",
    "decide_complaint",
    "file_complaint",
    "grant_unanswered_complaints",
    "refund_undecided_complaints",
    "seller_answer",
    "seller_appeal",
]
