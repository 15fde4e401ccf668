"""Posting to the village escrow's books: balanced, never below zero, once per key."""

import pytest
from django.core.exceptions import ValidationError

from pasardesa.payments.ledger import AccountKind, LedgerEntry, LedgerTransaction
from pasardesa.payments.selectors import balance, balances
from pasardesa.payments.services import ledger_account, post_transaction, reverse_transaction
from tests.factories import StoreFactory
from tests.payments.factories import books, pay_in, release

pytestmark = pytest.mark.django_db


def test_money_paid_in_is_held_for_the_order_and_in_the_village_account():
    # given an order's books
    b = books()

    # when the buyer's Rp125.000 arrives
    pay_in(b, 125_000)

    # then the village account holds it and it is held for that order
    assert balance(b.escrow) == 125_000
    assert balance(b.held) == 125_000
    assert balance(b.seller) == 0


def test_an_unbalanced_transaction_is_refused_and_writes_nothing():
    # given an order's books
    b = books()

    # when a posting's debits and credits differ by Rp1
    with pytest.raises(ValidationError, match="tidak seimbang"):
        post_transaction(key="k1", entries=[(b.escrow, 10_001), (b.held, -10_000)], memo="")

    # then nothing is in the books
    assert not LedgerTransaction.objects.exists()
    assert balance(b.escrow) == 0


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        (lambda b: [], "dua baris"),
        (lambda b: [(b.escrow, 0), (b.held, 0)], "nol"),
        (lambda b: [(b.escrow, 10)], "dua baris"),
        (lambda b: [(b.escrow, 10.5), (b.held, -10.5)], "rupiah bulat"),
        (lambda b: [(b.escrow, 10), (b.escrow, -10)], "sekali"),
    ],
    ids=["empty", "zero", "one-leg", "fraction", "same-account"],
)
def test_malformed_postings_are_refused_with_a_plain_message(entries, message):
    # given an order's books
    b = books()

    # when a malformed posting is sent, then it is refused in plain words
    with pytest.raises(ValidationError, match=message):
        post_transaction(key="k", entries=entries(b), memo="")
    assert not LedgerEntry.objects.exists()


def test_accounts_of_two_stores_never_meet_in_one_transaction():
    # given the books of two orders in two different stores
    ours, theirs = books(), books()
    assert ours.order.store_id != theirs.order.store_id

    # when one posting moves money from one store's account to the other's
    with pytest.raises(ValidationError, match="satu toko"):
        post_transaction(key="k", entries=[(ours.escrow, 5), (theirs.held, -5)], memo="")

    # then neither store's books change
    assert balance(ours.escrow) == balance(theirs.held) == 0


def test_held_money_never_goes_below_zero():
    # given Rp50.000 held for an order
    b = books()
    pay_in(b, 50_000)

    # when Rp50.001 is released to the seller
    with pytest.raises(ValidationError, match="tidak cukup"):
        release(b, 50_001)

    # then the money is still held, all of it
    assert balance(b.held) == 50_000
    assert balance(b.seller) == 0


def test_the_whole_held_amount_can_be_released():
    # given Rp50.000 held
    b = books()
    pay_in(b, 50_000)

    # when exactly that is released
    release(b, 50_000)

    # then the seller is owed it and nothing is held any more
    assert balance(b.held) == 0
    assert balance(b.seller) == 50_000


def test_the_seller_is_never_paid_out_more_than_they_are_owed():
    # given Rp20.000 owed to the seller
    b = books()
    pay_in(b, 20_000)
    release(b, 20_000)

    # when a payout of Rp30.000 is posted
    with pytest.raises(ValidationError, match="tidak cukup"):
        post_transaction(key="payout", entries=[(b.seller, 30_000), (b.escrow, -30_000)], memo="")

    # then the seller is still owed Rp20.000
    assert balance(b.seller) == 20_000


def test_a_replay_with_the_same_key_and_content_returns_the_first_transaction():
    # given a payment posted under a key
    b = books()
    first = pay_in(b, 75_000, key="order:1:paid")

    # when the same request comes again (a retry on a flaky connection)
    again = pay_in(b, 75_000, key="order:1:paid")

    # then it is the same transaction and the money is in the books once
    assert again.pk == first.pk
    assert LedgerTransaction.objects.count() == 1
    assert balance(b.held) == 75_000


def test_a_replay_with_its_entries_in_another_order_is_still_the_same_posting():
    # given a payment posted under a key
    b = books()
    first = post_transaction(key="k", entries=[(b.escrow, 9), (b.held, -9)], memo="a")

    # when the retry lists the entries the other way round and words the memo anew
    again = post_transaction(key="k", entries=[(b.held, -9), (b.escrow, 9)], memo="b")

    # then it is recognised as the first
    assert again.pk == first.pk


def test_the_same_key_with_other_content_is_refused():
    # given a payment of Rp75.000 posted under a key
    b = books()
    pay_in(b, 75_000, key="order:1:paid")

    # when another amount comes under the same key
    with pytest.raises(ValidationError, match="sudah dipakai"):
        pay_in(b, 80_000, key="order:1:paid")

    # then the books still say Rp75.000
    assert balance(b.held) == 75_000


def test_a_reversal_mirrors_the_original_and_restores_the_balances():
    # given a payment that turns out to be a mistake
    b = books()
    wrong = pay_in(b, 40_000)

    # when it is reversed
    correction = reverse_transaction(original=wrong, memo="Salah catat")

    # then the correction is its exact mirror and the balances are back to zero
    mirror = sorted((e.account_id, -e.amount_idr) for e in wrong.entries.all())
    assert sorted(correction.entries.values_list("account_id", "amount_idr")) == mirror
    assert correction.reverses == wrong
    assert balance(b.escrow) == balance(b.held) == 0
    # and the mistake itself stays in the books: corrections add, never erase
    assert LedgerTransaction.objects.filter(pk=wrong.pk).exists()


def test_reversing_twice_returns_the_first_reversal():
    # given a reversed payment
    b = books()
    wrong = pay_in(b, 40_000)
    first = reverse_transaction(original=wrong)

    # when the correction is retried
    again = reverse_transaction(original=wrong)

    # then there is still one correction
    assert again.pk == first.pk
    assert balance(b.held) == 0


def test_a_reversal_that_would_leave_held_money_negative_is_refused():
    # given a payment whose money was already released to the seller
    b = books()
    paid = pay_in(b, 40_000)
    release(b, 40_000)

    # when the payment is reversed
    with pytest.raises(ValidationError, match="tidak cukup"):
        reverse_transaction(original=paid)

    # then the seller keeps what they are owed
    assert balance(b.seller) == 40_000
    assert balance(b.held) == 0


def test_a_reversal_is_not_reversed_again():
    # given a reversed payment
    b = books()
    correction = reverse_transaction(original=pay_in(b, 1_000))

    # when someone tries to reverse the reversal, then it is refused
    with pytest.raises(ValidationError, match="tidak bisa dikoreksi"):
        reverse_transaction(original=correction)


def test_entries_and_transactions_cannot_be_changed_or_deleted_through_the_orm():
    # given a posted payment
    b = books()
    posted = pay_in(b, 10_000)
    entry = posted.entries.first()

    # when someone edits or deletes its rows, then every way is refused
    entry.amount_idr = 1
    with pytest.raises(TypeError, match="immutable"):
        entry.save()
    with pytest.raises(TypeError, match="immutable"):
        entry.delete()
    with pytest.raises(TypeError, match="immutable"):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount_idr=1)
    with pytest.raises(TypeError, match="immutable"):
        LedgerEntry.objects.all().delete()
    with pytest.raises(TypeError, match="immutable"):
        posted.delete()
    # and the books are unchanged
    assert balance(b.held) == 10_000


def test_balances_lists_every_account_of_the_store_and_no_other():
    # given an order's books with money released, and another store's account
    b = books()
    pay_in(b, 30_000)
    release(b, 12_000)
    books()

    # when the store's balances are read
    result = {account.pk: amount for account, amount in balances(b.order.store)}

    # then they are this store's five accounts with what each holds
    assert result == {
        b.escrow.pk: 30_000,
        b.held.pk: 18_000,
        b.seller.pk: 12_000,
        b.refund.pk: 0,
        b.fee.pk: 0,
    }


def test_an_account_for_an_order_of_another_store_is_refused():
    # given an order and a store it does not belong to
    b = books()
    other = StoreFactory()

    # when an account is asked of the other store for that order, then it is refused
    with pytest.raises(ValidationError, match="pesanan toko ini"):
        ledger_account(store=other, kind=AccountKind.HELD, order=b.order)
