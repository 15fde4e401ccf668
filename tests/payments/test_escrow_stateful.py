"""Random lives of escrow (and a few direct) orders never break the books.

Hypothesis drives several orders of two stores (one with a village fee, one
whose seller also takes transfers and QRIS) through every step people and
timers take: placing, the treasurer confirming (twice, by a second
treasurer), the seller accepting, readying, handing over (also before the money
is held: refused), declining and cancelling, the buyer cancelling, receiving
and extending, the clock moving on and the four timers running, and retries
of steps already taken. Any step may fail in the middle (the ledger posting,
the payment's event or the order's event raising once): the whole step must
roll back. A plain model says what each step must do.

After every step: ``ledger_problems()`` is empty; each store's escrow account
equals what it owes and earns (no money created or lost); every order's held
and refund money is exactly what its payment's status says; each seller is
owed exactly their released orders less the fee and the fee account holds the
fees; the order's and the payment's statuses agree; stock is never negative
and is what the live orders hold.
"""

import datetime
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from pasardesa.catalog.models import Product
from pasardesa.orders.models import (
    ActorRole,
    Fulfilment,
    Order,
    OrderEvent,
    OrderStatus,
    PaymentMethod,
)
from pasardesa.orders.services import expire_orders, transition_order
from pasardesa.orders.state import ORDER_TRANSITIONS, RELEASES_STOCK
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.models import Payment, PaymentEvent, PaymentRole, PaymentStatus
from pasardesa.payments.selectors import balances, ledger_problems
from pasardesa.payments.services.flow import (
    cancel_unpaid,
    cancel_unsent,
    confirm_payment,
    confirm_receipt,
    extend_release,
    release_due,
)
from pasardesa.payments.state import HOLDING
from tests.orders.factories import place
from tests.payments.escrow_factories import open_escrow
from tests.payments.payment_states import direct_product, snapshot, store_treasurer

OS, PS = OrderStatus, PaymentStatus
STOCK = 6
PRE_DELIVERY = (OS.NEW, OS.ACCEPTED, OS.PREPARING, OS.READY)
ENDED = (OS.DECLINED, OS.CANCELLED, OS.EXPIRED)
SELLER_ENDS = (OS.DECLINED, OS.CANCELLED, OS.COMPLETED)


class Injected(RuntimeError):
    """A failure in the middle of a service (a dropped connection, a crash)."""


def _boom(*args, **kwargs):
    raise Injected("injected failure")


@contextmanager
def failing(where: str | None):
    """``where`` raises the first time it is called inside the block."""
    with ExitStack() as stack:
        if where == "post":
            stack.enter_context(
                mock.patch("pasardesa.payments.services.flow.post_transaction", side_effect=_boom)
            )
        elif where == "payment_event":
            stack.enter_context(mock.patch.object(PaymentEvent.objects, "create", _boom))
        elif where == "order_event":
            stack.enter_context(mock.patch.object(OrderEvent.objects, "create", _boom))
        yield


failures = st.sampled_from([None, None, None, None, "post", "payment_event", "order_event"])


@dataclass
class Line:
    """The model of one order and its payment."""

    pk: int
    payment_pk: int
    method: str
    store: int
    product: int
    quantity: int
    amount: int
    fee: int
    seller: int
    order: str = OS.NEW
    pay: str = PS.AWAITING
    extended: bool = False

    @property
    def escrow(self) -> bool:
        return self.method == PaymentMethod.ESCROW


def ended(line: Line) -> None:
    """The order ended before it was handed over: what happens to its money."""
    if line.pay == PS.AWAITING:
        line.pay = PS.CANCELLED
    elif line.pay == PS.HELD:
        line.pay = PS.REFUNDED


class EscrowMachine(RuleBasedStateMachine):
    # How the attempted steps ended over the whole run (see the test).
    outcomes: set[str] = set()

    @initialize()
    def open_two_stores(self):
        # One example's rows live in a savepoint rolled back at its end, and
        # every clock the services read is this example's moving "now".
        self.stack = ExitStack()
        self.stack.enter_context(transaction.atomic())
        self.now = timezone.now()
        self.stack.enter_context(mock.patch("django.utils.timezone.now", lambda: self.now))
        first = direct_product(price_idr=40_000, stock=STOCK)
        second = direct_product(price_idr=15_000, stock=STOCK)
        open_escrow(first.seller.store, fee_basis_points=150)
        open_escrow(second.seller.store)
        self.products = [first, second]
        self.stores = [first.seller.store, second.seller.store]
        self.treasurers = [[store_treasurer(s, 0), store_treasurer(s, 1)] for s in self.stores]
        self.lines: list[Line] = []
        self.retries: list[tuple[int, object]] = []

    def teardown(self):
        if hasattr(self, "stack"):
            transaction.set_rollback(True)
            self.stack.close()

    # --- running a step -------------------------------------------------------------

    def attempt(self, fail, action, *, allowed: bool, what: str):
        """Run ``action`` with ``fail`` injected: ``"ok"`` (and its result), or
        ``"refused"``/``"injected"`` after checking that nothing changed."""
        before = snapshot()
        try:
            with failing(fail):
                result = action()
        except Injected:
            assert snapshot() == before, f"{what}: a failure in the middle left changes"
            self.outcomes.add("injected")
            return "injected", None
        except ValidationError as refused:
            assert not allowed, f"{what} refused: {refused}"
            assert snapshot() == before, f"{what}: refused but changed something"
            self.outcomes.add("refused")
            return "refused", None
        assert allowed, f"{what} was allowed"
        self.outcomes.add("ok")
        return "ok", result

    def order_step(self, line: Line, to: str, role: str, fail, *, note: str = ""):
        step = ORDER_TRANSITIONS.get((line.order, to))
        allowed = step is not None and role in step.roles
        if to == OS.COMPLETED and role == ActorRole.SELLER and line.escrow:
            allowed = False  # the buyer or the timer completes an escrow order
        if to == OS.DELIVERED and line.escrow and line.pay != PS.HELD:
            allowed = False  # never hand over before the money is held

        def action():
            return transition_order(
                order=Order(pk=line.pk), to_status=to, actor=None, actor_role=role, note=note
            )

        outcome, _event = self.attempt(fail, action, allowed=allowed, what=f"{line.order}->{to}")
        if outcome != "ok":
            return
        line.order = to
        if to in ENDED:
            ended(line)
        elif to == OS.DELIVERED and line.escrow:
            line.pay = PS.SENT
        elif to == OS.COMPLETED:
            if line.escrow and line.pay == PS.SENT:
                line.pay = PS.RELEASED
            elif not line.escrow and line.pay == PS.AWAITING:
                line.pay = PS.PAID
        self.retries.append((line.pk, action))

    def pick(self, data) -> Line:
        return data.draw(st.sampled_from(self.lines))

    # --- people ---------------------------------------------------------------------

    @rule(
        store=st.integers(0, 1),
        method=st.sampled_from([PaymentMethod.ESCROW] * 3 + [PaymentMethod.TRANSFER, "qris"]),
        quantity=st.integers(1, 3),
    )
    def place(self, store, method, quantity):
        item = self.products[store]
        left = Product.objects.values_list("stock", flat=True).get(pk=item.pk)
        try:
            checkout = place(
                [(item, quantity)], choices={item.seller_id: (Fulfilment.PICKUP, method)}
            )
        except ValidationError:
            assert left < quantity, "refused an order the stock covers"
            return
        assert left >= quantity
        order = checkout.orders.select_related("payment").get()
        payment = order.payment
        assert payment.amount_idr == order.subtotal_idr + payment.unique_code_idr
        fee = order.subtotal_idr * 150 // 10_000 if store == 0 and method == "escrow" else 0
        assert payment.fee_idr == fee
        self.lines.append(
            Line(
                pk=order.pk,
                payment_pk=payment.pk,
                method=method,
                store=store,
                product=item.pk,
                quantity=quantity,
                amount=payment.amount_idr,
                fee=fee,
                seller=order.seller_id,
            )
        )

    @precondition(lambda self: self.lines)
    @rule(data=st.data(), second=st.booleans(), fail=failures)
    def treasurer_or_seller_confirms_the_money(self, data, second, fail):
        line = self.pick(data)
        if line.escrow:
            actor, role = self.treasurers[line.store][int(second)], PaymentRole.TREASURER
        else:
            actor, role = None, PaymentRole.SELLER

        def action():
            return confirm_payment(
                payment=Payment(pk=line.payment_pk), actor=actor, actor_role=role
            )

        allowed = line.pay == PS.AWAITING
        outcome, _ = self.attempt(fail, action, allowed=allowed, what=f"confirm {line.pay}")
        if outcome == "ok":
            line.pay = PS.HELD if line.escrow else PS.PAID
            self.retries.append((line.pk, action))

    @precondition(lambda self: self.lines)
    @rule(
        data=st.data(),
        to=st.sampled_from(
            [OS.ACCEPTED, OS.PREPARING, OS.READY, OS.DELIVERED, OS.DELIVERED, *SELLER_ENDS]
        ),
        fail=failures,
    )
    def seller_steps(self, data, to, fail):
        line = self.pick(data)
        note = "Stok habis." if to == OS.CANCELLED else ""
        self.order_step(line, to, ActorRole.SELLER, fail, note=note)

    @precondition(lambda self: self.lines)
    @rule(data=st.data(), fail=failures)
    def buyer_cancels(self, data, fail):
        self.order_step(self.pick(data), OS.CANCELLED, ActorRole.BUYER, fail)

    @precondition(lambda self: self.lines)
    @rule(data=st.data(), fail=failures)
    def buyer_confirms_receipt(self, data, fail):
        line = self.pick(data)

        def action():
            return confirm_receipt(order=Order.objects.get(pk=line.pk), actor=None)

        allowed = line.order == OS.DELIVERED
        outcome, _ = self.attempt(fail, action, allowed=allowed, what=f"receipt {line.order}")
        if outcome == "ok":
            line.order = OS.COMPLETED
            if line.escrow:
                assert line.pay == PS.SENT
                line.pay = PS.RELEASED
            elif line.pay == PS.AWAITING:
                line.pay = PS.PAID
            self.retries.append((line.pk, action))

    @precondition(lambda self: self.lines)
    @rule(data=st.data(), fail=failures)
    def buyer_extends(self, data, fail):
        line = self.pick(data)
        before = Payment.objects.get(pk=line.payment_pk).release_at

        def action():
            return extend_release(payment=Payment(pk=line.payment_pk), actor=None)

        allowed = line.pay == PS.SENT and not line.extended
        outcome, _ = self.attempt(fail, action, allowed=allowed, what=f"extend {line.pay}")
        if outcome == "ok":
            line.extended = True
            after = Payment.objects.get(pk=line.payment_pk).release_at
            assert after - before == datetime.timedelta(days=3)
            self.retries.append((line.pk, action))

    @precondition(lambda self: self.retries)
    @rule(data=st.data())
    def a_step_already_taken_is_retried(self, data):
        # A double tap, a reloaded page, a flaky connection sending it again.
        _pk, action = data.draw(st.sampled_from(self.retries))
        self.attempt(None, action, allowed=False, what="a retry")

    # --- the clock and the timers ----------------------------------------------------------

    @rule(hours=st.sampled_from([1, 6, 20, 30, 50, 80]))
    def time_passes(self, hours):
        self.now += datetime.timedelta(hours=hours)

    @rule(
        timer=st.sampled_from(["cancel_unpaid", "cancel_unsent", "release_due", "expire_orders"]),
        fail=failures,
    )
    def a_timer_runs(self, timer, fail):
        now = self.now
        rows = {
            row["pk"]: row
            for row in Payment.objects.filter(order__in=[line.pk for line in self.lines]).values(
                "pk", "pay_by", "send_by", "release_at", "order__expires_at"
            )
        }
        due = []
        for line in self.lines:
            row = rows[line.payment_pk]
            if timer == "cancel_unpaid":
                hit = (
                    line.pay == PS.AWAITING and row["pay_by"] <= now and line.order in PRE_DELIVERY
                )
            elif timer == "cancel_unsent":
                hit = line.pay == PS.HELD and row["send_by"] <= now
            elif timer == "release_due":
                hit = line.pay == PS.SENT and row["release_at"] <= now
            else:
                hit = line.order == OS.NEW and row["order__expires_at"] <= now
            if hit:
                due.append(line)
        run = {
            "cancel_unpaid": cancel_unpaid,
            "cancel_unsent": cancel_unsent,
            "release_due": release_due,
            "expire_orders": expire_orders,
        }[timer]
        outcome, done = self.attempt(fail, lambda: run(now=now), allowed=True, what=timer)
        if outcome != "ok":
            return
        assert done == len(due), (timer, done, [(d.order, d.pay) for d in due])
        for line in due:
            if timer == "cancel_unpaid":
                line.order, line.pay = OS.CANCELLED, PS.UNPAID
            elif timer == "cancel_unsent":
                assert line.order in PRE_DELIVERY
                line.order, line.pay = OS.CANCELLED, PS.REFUNDED
            elif timer == "release_due":
                assert line.order == OS.DELIVERED
                line.order, line.pay = OS.COMPLETED, PS.RELEASED
            else:
                line.order = OS.EXPIRED
                ended(line)
        # run again at once: nothing is due any more, nothing changes
        before = snapshot()
        assert run(now=now) == 0
        assert snapshot() == before

    # --- what must always hold ----------------------------------------------------------------

    @invariant()
    def the_books_prove_themselves(self):
        if hasattr(self, "lines"):
            assert ledger_problems() == []

    @invariant()
    def no_money_is_created_or_lost_and_each_order_holds_what_its_status_says(self):
        if not hasattr(self, "lines"):
            return
        for index, store in enumerate(self.stores):
            held, refund, seller, totals = {}, {}, {}, dict.fromkeys(AccountKind.values, 0)
            for account, amount in balances(store):
                totals[account.kind] += amount
                if account.kind == AccountKind.HELD:
                    held[account.order_id] = amount
                elif account.kind == AccountKind.REFUND:
                    refund[account.order_id] = amount
                elif account.kind == AccountKind.SELLER:
                    seller[account.seller_id] = amount
            owed = sum(totals[k] for k in AccountKind.values if k != AccountKind.ESCROW)
            assert totals[AccountKind.ESCROW] == owed
            mine = [line for line in self.lines if line.store == index]
            paid_in = sum(
                line.amount
                for line in mine
                if line.escrow and line.pay in (*HOLDING, PS.RELEASED, PS.REFUNDED)
            )
            assert totals[AccountKind.ESCROW] == paid_in
            released = [line for line in mine if line.pay == PS.RELEASED]
            assert totals[AccountKind.FEE] == sum(line.fee for line in released)
            for seller_id in {line.seller for line in mine}:
                assert seller.get(seller_id, 0) == sum(
                    line.amount - line.fee for line in released if line.seller == seller_id
                )
            for line in mine:
                expected_held = line.amount if line.pay in HOLDING else 0
                assert held.get(line.pk, 0) == expected_held, (line.order, line.pay)
                expected_refund = line.amount if line.pay == PS.REFUNDED else 0
                assert refund.get(line.pk, 0) == expected_refund, (line.order, line.pay)

    @invariant()
    def the_statuses_are_the_models_and_agree_with_each_other(self):
        if not hasattr(self, "lines"):
            return
        orders = dict(
            Order.objects.filter(pk__in=[x.pk for x in self.lines]).values_list("pk", "status")
        )
        payments = {
            pk: (status, extended)
            for pk, status, extended in Payment.objects.filter(
                pk__in=[x.payment_pk for x in self.lines]
            ).values_list("pk", "status", "extended")
        }
        for line in self.lines:
            assert orders[line.pk] == line.order
            assert payments[line.payment_pk] == (line.pay, line.extended)
            if line.escrow:
                # done means the money was shared out; released money means done
                if line.order == OS.COMPLETED:
                    assert line.pay in (PS.RELEASED, PS.REFUNDED, PS.SPLIT)
                if line.pay == PS.RELEASED:
                    assert line.order == OS.COMPLETED
                if line.pay == PS.REFUNDED:
                    assert line.order in (*ENDED, OS.COMPLETED)
                if line.order in PRE_DELIVERY:
                    assert line.pay in (PS.AWAITING, PS.HELD)
                if line.order == OS.DELIVERED:
                    assert line.pay in (PS.SENT, PS.DISPUTED)
                if line.order in ENDED:
                    assert line.pay in (PS.CANCELLED, PS.UNPAID, PS.REFUNDED)
                assert line.pay != PS.PAID
            else:
                assert line.pay in (PS.AWAITING, PS.PAID, PS.UNPAID, PS.CANCELLED)
                if line.order == OS.COMPLETED:
                    assert line.pay == PS.PAID

    @invariant()
    def stock_is_never_negative_and_is_what_live_orders_hold(self):
        if not hasattr(self, "lines"):
            return
        for item in self.products:
            stock = Product.objects.values_list("stock", flat=True).get(pk=item.pk)
            taken = sum(
                line.quantity
                for line in self.lines
                if line.product == item.pk and line.order not in RELEASES_STOCK
            )
            assert stock == STOCK - taken >= 0


@pytest.mark.django_db
def test_random_lives_of_escrow_orders_keep_the_books_and_statuses_sound():
    EscrowMachine.outcomes.clear()
    run_state_machine_as_test(
        EscrowMachine, settings=settings(max_examples=15, stateful_step_count=30)
    )
    # the run did exercise what it claims: failures in the middle, refusals, steps taken
    assert {"ok", "refused", "injected"} <= set(EscrowMachine.outcomes)
