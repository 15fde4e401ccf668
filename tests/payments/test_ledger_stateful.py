"""Random sequences of postings, replays and reversals never break the books.

Hypothesis drives a store's five accounts with balanced and unbalanced
postings, retries (same key, same or other content) and corrections; a plain
dictionary is the model the books must agree with. After every step: all raw
balances sum to zero (no money created or lost), no account that may not go
negative is negative, and the books equal the model (so a replay changed nothing).
"""

import uuid

import pytest
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

from pasardesa.payments.ledger import LedgerTransaction
from pasardesa.payments.selectors import balances
from pasardesa.payments.services import LedgerError, post_transaction, reverse_transaction
from tests.payments.factories import books

NAMES = ["escrow", "held", "seller", "refund", "fee"]
pairs = st.sampled_from([(a, b) for a in NAMES for b in NAMES if a != b])
amounts = st.integers(min_value=1, max_value=50_000)


class LedgerMachine(RuleBasedStateMachine):
    @initialize()
    def open_books(self):
        self.books = books()
        self.accounts = {name: getattr(self.books, name) for name in NAMES}
        self.raw = dict.fromkeys(NAMES, 0)  # the model: raw sum per account
        self.posted: list[tuple[str, tuple, LedgerTransaction]] = []
        self.prefix = uuid.uuid4().hex

    def _allowed(self, deltas: dict[str, int]) -> bool:
        for name, delta in deltas.items():
            account = self.accounts[name]
            if not account.may_go_negative and account.balance_of(self.raw[name] + delta) < 0:
                return False
        return True

    def _post(self, key: str, legs: tuple[tuple[str, int], ...], reverses=None):
        return post_transaction(
            key=key,
            entries=[(self.accounts[n], amount) for n, amount in legs],
            memo="acak",
            reverses=reverses,
        )

    @rule(pair=pairs, amount=amounts, off_by=st.sampled_from([0, 0, 0, 1, -3]))
    def post(self, pair, amount, off_by):
        debit, credit = pair
        legs = ((debit, amount), (credit, -amount + off_by))
        key = f"{self.prefix}:{len(self.posted)}:{debit}:{credit}"
        allowed = off_by == 0 and self._allowed(dict(legs))
        try:
            posted = self._post(key, legs)
        except LedgerError:
            assert not allowed, f"refused a valid posting {legs}"
            return
        assert allowed, f"accepted {legs} with model {self.raw}"
        for name, amount_ in legs:
            self.raw[name] += amount_
        self.posted.append((key, legs, posted))

    @precondition(lambda self: self.posted)
    @rule(data=st.data())
    def replay(self, data):
        key, legs, first = data.draw(st.sampled_from(self.posted))
        assert self._post(key, legs, reverses=first.reverses).pk == first.pk

    @precondition(lambda self: self.posted)
    @rule(data=st.data(), extra=amounts)
    def replay_with_other_content(self, data, extra):
        key, legs, first = data.draw(st.sampled_from(self.posted))
        (a, x), (b, _y) = legs
        bigger = x + extra if x > 0 else x - extra  # other content, still well formed
        with pytest.raises(LedgerError, match="sudah dipakai"):
            self._post(key, ((a, bigger), (b, -bigger)), reverses=first.reverses)

    @precondition(lambda self: self.posted)
    @rule(data=st.data())
    def reverse(self, data):
        _key, legs, original = data.draw(st.sampled_from(self.posted))
        if original.reverses_id is not None:
            with pytest.raises(LedgerError):
                reverse_transaction(original=original)
            return
        already = LedgerTransaction.objects.filter(reverses=original).first()
        mirror = {name: -amount for name, amount in legs}
        allowed = already is not None or self._allowed(mirror)
        try:
            correction = reverse_transaction(original=original)
        except LedgerError:
            assert not allowed
            return
        assert allowed
        if already is not None:
            assert correction.pk == already.pk  # a retried correction changes nothing
            return
        for name, amount in mirror.items():
            self.raw[name] += amount
        self.posted.append((correction.key, tuple(mirror.items()), correction))

    @invariant()
    def books_agree_with_the_model(self):
        if not hasattr(self, "books"):
            return
        shown = {account.pk: amount for account, amount in balances(self.books.order.store)}
        raw = {n: self.accounts[n].balance_of(shown[self.accounts[n].pk]) for n in NAMES}
        # balance_of is its own inverse: this is each account's raw sum
        assert raw == self.raw
        assert sum(raw.values()) == 0
        for name in NAMES:
            account = self.accounts[name]
            if not account.may_go_negative:
                assert shown[account.pk] >= 0, f"{name} went negative"


@pytest.mark.django_db
def test_random_postings_replays_and_reversals_keep_the_books_sound():
    run_state_machine_as_test(
        LedgerMachine, settings=settings(max_examples=25, stateful_step_count=25)
    )
