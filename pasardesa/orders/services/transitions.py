"""Moving an order along its state table (``transition_order``), giving its
stock back when it ends early, and expiring orders nobody answered in time."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from pasardesa.catalog.models import Product
from pasardesa.core.phones import normalize_phone
from pasardesa.orders.models import (
    ActorRole,
    Order,
    OrderEvent,
    OrderStatus,
)
from pasardesa.orders.services.common import (
    clean_note,
    expire_due,
)
from pasardesa.orders.services.participants import participants
from pasardesa.orders.state import RELEASES_STOCK, check_transition

# A cancel reason from another device, within the note's 500 with its preamble.
MAX_CANCEL_REASON = 400

# --- Moving an order ------------------------------------------------------------------


@transaction.atomic
def transition_order(
    *, order: Order, to_status: str, actor, actor_role: str, note: str = ""
) -> OrderEvent:
    """Move ``order`` one step along ``ORDER_TRANSITIONS`` and record it.

    Locks the order row first, so two taps (the seller accepting while the
    buyer cancels) are decided one after the other on the current status.
    Declining, cancelling and expiring give the reserved stock back; the
    participants (the payments app) book their part of the step in the same
    transaction, or refuse it.

    The caller has already resolved ``order`` for this actor (the seller's
    inbox, the buyer's tracking link): this checks the step, not the person.
    Raises ``IllegalTransition`` for a step the table does not allow to this
    role, ``ValidationError`` (under ``note``) for a missing or too long
    reason; nothing changes then. ``order`` is updated in place.
    """
    locked = Order.objects.select_for_update().get(pk=order.pk)
    from_status = locked.status
    step = check_transition(
        from_status, to_status, actor_role, payment_method=locked.payment_method
    )
    note = clean_note(note)
    if step.needs_note and not note:
        raise ValidationError({"note": _("Tulis alasannya; pembeli akan membacanya.")})
    locked.status = to_status
    locked.save(update_fields=["status", "updated_at"])
    if to_status in RELEASES_STOCK:
        _give_back_stock(locked)
    for participant in participants():
        participant.order_stepping(
            locked,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            actor_role=actor_role,
        )
    order.status, order.updated_at = locked.status, locked.updated_at
    return OrderEvent.objects.create(
        order=locked,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        actor_role=actor_role,
        note=note,
    )


def is_buyer_phone(order: Order, typed: str) -> bool:
    """Whether ``typed`` is the WhatsApp number ``order`` was placed with: what
    another device holding the private link must know to act as the buyer."""
    typed = (typed or "").strip()[:32]
    try:
        return bool(typed) and normalize_phone(typed) == order.checkout.buyer_phone
    except ValidationError:
        return False


def cancel_by_buyer(
    *, order: Order, actor, placed_here: bool, phone: str = "", reason: str = ""
) -> OrderEvent:
    """The buyer cancels ``order`` from its private tracking link.

    From the session or the account that placed the checkout (``placed_here``,
    decided by the caller) one tap is enough. Anyone else holding the link (it
    was forwarded, or read over a shoulder) must give the WhatsApp number the
    order was placed with, and a reason: the link alone is not the buyer. The
    event note then says so, so the history shows how the buyer was trusted.

    ``order`` comes with its checkout. Raises ``ValidationError`` under
    ``buyer_phone`` and ``note`` (nothing changes), or what ``transition_order``
    raises.
    """
    if placed_here:
        return transition_order(
            order=order,
            to_status=OrderStatus.CANCELLED,
            actor=actor,
            actor_role=ActorRole.BUYER,
            note=reason,
        )
    errors: dict[str, str] = {}
    if not is_buyer_phone(order, phone):
        errors["buyer_phone"] = _(
            "Nomor ini bukan nomor WhatsApp yang dipakai saat memesan. "
            "Tulis nomor yang sama dengan saat memesan."
        )
    reason = (reason or "").strip()
    if not reason:
        errors["note"] = _("Tulis alasannya; penjual akan membacanya.")
    elif len(reason) > MAX_CANCEL_REASON:
        # Room for the words the note starts with, within MAX_NOTE_LENGTH.
        errors["note"] = _("Alasan paling panjang %(max)d huruf.") % {"max": MAX_CANCEL_REASON}
    if errors:
        raise ValidationError(errors)
    return transition_order(
        order=order,
        to_status=OrderStatus.CANCELLED,
        actor=actor,
        actor_role=ActorRole.BUYER,
        note=_("Dibatalkan dari perangkat lain, dengan nomor WhatsApp pemesan. Alasan: %(reason)s")
        % {"reason": reason},
    )


def _give_back_stock(order: Order) -> None:
    """Return what placing ``order`` took from counted stock, in product-id order.

    A product deleted since (its line has no product) or no longer counted
    (stock set to "unlimited") has nothing to take back.
    """
    now = timezone.now()
    returned = (
        order.lines.filter(stock_reserved=True, product__isnull=False)
        .order_by("product_id")
        .values_list("product_id", "quantity")
    )
    for product_id, quantity in returned:
        Product.objects.filter(pk=product_id, stock__isnull=False).update(
            stock=F("stock") + quantity, updated_at=now
        )


def expire_orders(*, now: datetime.datetime | None = None) -> int:
    """Expire every order still new past its ``expires_at``; return how many.

    Each through ``transition_order`` (stock comes back with it); an order the
    seller answered meanwhile is skipped.
    """
    now = now or timezone.now()
    return expire_due(
        Order.objects.filter(status=OrderStatus.NEW, expires_at__lte=now),
        lambda pk: transition_order(
            order=Order(pk=pk),
            to_status=OrderStatus.EXPIRED,
            actor=None,
            actor_role=ActorRole.SYSTEM,
        ),
    )
