"""``manage.py check_ledger`` proves the books, and finds what raw SQL broke.

On SQLite nothing but the posting service stands between raw SQL and the
books, so the command is what finds a bad row; on PostgreSQL the triggers of
migration 0002 refuse such rows at commit (tests marked ``postgres``).
"""

import uuid
from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from pasardesa.core.money import format_rupiah
from pasardesa.payments.ledger import AccountKind, LedgerTransaction
from pasardesa.payments.models import PaymentStatus, Payout
from pasardesa.payments.selectors import ledger_problems
from pasardesa.payments.services import ledger_account, post_transaction, reverse_transaction
from tests.payments.factories import books, pay_in, release
from tests.payments.payment_states import payment_in

pytestmark = pytest.mark.django_db

S = PaymentStatus


def check_ledger() -> str:
    out = StringIO()
    call_command("check_ledger", stdout=out)
    return out.getvalue()


def raw_transaction(store_id: int, key: str, legs: list[tuple[int, int]], reverses=None) -> int:
    """A transaction written straight into the tables, past the service."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO payments_ledgertransaction"
            " (store_id, key, fingerprint, memo, reverses_id, created_at)"
            " VALUES (%s, %s, '', 'raw', %s, %s)",
            [store_id, key, reverses, timezone.now()],
        )
        cursor.execute("SELECT id FROM payments_ledgertransaction WHERE key = %s", [key])
        pk = cursor.fetchone()[0]
        for account_id, amount in legs:
            cursor.execute(
                "INSERT INTO payments_ledgerentry (transaction_id, account_id, amount_idr)"
                " VALUES (%s, %s, %s)",
                [pk, account_id, amount],
            )
    return pk


def test_good_books_pass_and_each_store_balance_is_printed():
    # given money paid in, part released, and a mistake reversed
    b = books()
    pay_in(b, 100_000)
    release(b, 60_000)
    reverse_transaction(original=pay_in(b, 5_000))

    # when the ledger is checked
    output = check_ledger()

    # then it holds, and the store's balances are shown in rupiah
    assert "Buku kas beres" in output
    assert b.order.store.name in output
    assert "Rekening bersama desa: Rp100.000" in output
    assert "Dana ditahan untuk pesanan: Rp40.000" in output
    assert "Hak penjual: Rp60.000" in output


def test_empty_books_pass():
    assert "Buku kas beres" in check_ledger()


def test_an_unbalanced_row_forced_in_with_raw_sql_fails_the_check(on_postgres):
    if on_postgres:
        pytest.skip("PostgreSQL refuses this row itself (test_postgresql_refuses_...)")
    # given good books and then an entry written past the service that balances nothing
    b = books()
    pay_in(b, 10_000)
    raw_transaction(b.order.store_id, "raw:lonely", [(b.escrow.pk, 500)])

    # when the ledger is checked, then it fails and says which transaction and why
    with pytest.raises(CommandError) as failure:
        check_ledger()
    assert "raw:lonely tidak seimbang (selisih 500)" in str(failure.value)
    assert "raw:lonely hanya punya 1 baris" in str(failure.value)


def test_held_money_pushed_below_zero_with_raw_sql_fails_the_check():
    # given a balanced raw transaction that releases money never held
    b = books()
    raw_transaction(b.order.store_id, "raw:overdraw", [(b.held.pk, 700), (b.seller.pk, -700)])

    # when the ledger is checked, then the negative held balance is named
    with pytest.raises(CommandError, match=r"dana ditahan untuk pesanan .* di bawah nol: -700"):
        check_ledger()


def test_from_the_command_line_a_broken_ledger_exits_non_zero_and_a_sound_one_zero(
    capsys, monkeypatch
):
    # The command line closes every connection when done; the test's data lives
    # in the test's transaction, so it has to stay open.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    # given sound books, checked the way cron runs it
    b = books()
    pay_in(b, 2_000)
    execute_from_command_line(["manage.py", "check_ledger"])  # returns: exit status 0
    assert "Buku kas beres" in capsys.readouterr().out

    # when held money is pushed below zero past the service
    raw_transaction(b.order.store_id, "raw:overdraw", [(b.held.pk, 2_001), (b.seller.pk, -2_001)])

    # then the command exits with status 1 and says why on stderr
    with pytest.raises(SystemExit) as exit_status:
        execute_from_command_line(["manage.py", "check_ledger"])
    assert exit_status.value.code == 1
    assert "di bawah nol: -1" in capsys.readouterr().err


def test_a_reversal_that_is_not_a_mirror_fails_the_check():
    # given a payment and a raw "correction" of it that reverses only part
    b = books()
    paid = pay_in(b, 1_000)
    raw_transaction(
        b.order.store_id, "raw:half", [(b.held.pk, 400), (b.escrow.pk, -400)], reverses=paid.pk
    )

    # when the ledger is checked, then the bad correction is named
    with pytest.raises(CommandError, match="raw:half bukan cerminan tepat"):
        check_ledger()


def test_a_transaction_mixing_two_stores_fails_the_check():
    # given a raw transaction between the accounts of two stores
    ours, theirs = books(), books()
    raw_transaction(ours.order.store_id, "raw:mixed", [(ours.escrow.pk, 5), (theirs.held.pk, -5)])

    # when the ledger is checked, then it is named
    with pytest.raises(CommandError, match="raw:mixed memakai akun toko lain"):
        check_ledger()


@pytest.mark.postgres
def test_postgresql_refuses_an_unbalanced_transaction_at_commit():
    # given an order's books
    b = books()

    # when an entry that balances nothing is forced in and the deferred check runs
    # (SET CONSTRAINTS ... IMMEDIATE runs it now, as COMMIT would)
    refused = pytest.raises(IntegrityError, match="does not sum to zero")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        raw_transaction(b.order.store_id, "raw:lonely", [(b.escrow.pk, 500)])
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    # then nothing of it stays
    assert "Buku kas beres" in check_ledger()


@pytest.mark.postgres
def test_postgresql_accepts_a_balanced_raw_transaction_at_commit():
    # given an order's books
    b = books()

    # when a balanced transaction is forced in and checked as COMMIT would
    with transaction.atomic():
        raw_transaction(b.order.store_id, "raw:ok", [(b.escrow.pk, 500), (b.held.pk, -500)])
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    # then it is in the books
    assert "Dana ditahan untuk pesanan: Rp500" in check_ledger()


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE payments_ledgerentry SET amount_idr = amount_idr * 2",
        "DELETE FROM payments_ledgerentry",
        "UPDATE payments_ledgertransaction SET memo = 'changed'",
        "DELETE FROM payments_ledgertransaction",
    ],
    ids=["update-entry", "delete-entry", "update-transaction", "delete-transaction"],
)
def test_postgresql_refuses_changing_posted_rows_with_raw_sql(sql):
    # given a posted payment
    b = books()
    pay_in(b, 10_000)

    # when raw SQL tries to change or remove it, then the database refuses
    refused = pytest.raises(IntegrityError, match="immutable")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)

    # and the money is still held
    assert "Dana ditahan untuk pesanan: Rp10.000" in check_ledger()


# --- Each order's escrow state agrees with its held balance -------------------------------


def test_a_sound_escrow_in_every_state_with_its_payouts_passes():
    # given escrow payments in every state, a direct one paid, and the money paid out
    released = payment_in(S.RELEASED, fee_basis_points=100)
    refunded = payment_in(S.REFUNDED)
    for status in (S.AWAITING, S.HELD, S.SENT, S.DISPUTED, S.SPLIT, S.UNPAID, S.CANCELLED):
        payment_in(status)
    payment_in(S.PAID, method="transfer")
    payout(released, released.seller_share_idr)
    payout(refunded, refunded.amount_idr)

    # when the ledger is checked, then it holds
    assert "Buku kas beres" in check_ledger()


def break_status(payment, status: str) -> None:
    """The payment's status changed past the service (the books stay as they were)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE payments_payment SET status = %s WHERE id = %s", [status, payment.pk]
        )


def accounts(payment):
    return {
        kind: ledger_account(store=payment.store, kind=kind, order=payment.order)
        if kind in (AccountKind.HELD, AccountKind.REFUND)
        else ledger_account(store=payment.store, kind=kind)
        for kind in (AccountKind.ESCROW, AccountKind.HELD, AccountKind.REFUND, AccountKind.FEE)
    }


def test_money_held_for_a_payment_said_to_be_waiting_fails_the_check():
    # given money held for an order, and then its payment set back to waiting
    payment = payment_in(S.HELD)
    break_status(payment, S.AWAITING)

    # when the ledger is checked, then both halves of the disagreement are named
    with pytest.raises(CommandError) as failure:
        check_ledger()
    message = str(failure.value)
    number, amount = payment.order.number, format_rupiah(payment.amount_idr)
    assert f'{number} berstatus "Menunggu pembayaran", tetapi masih ada dana ditahan {amount}' in (
        message
    )
    assert f'{number} berstatus "Menunggu pembayaran" dan tidak dibayar lewat rekening' in message


def test_a_payment_said_to_be_held_with_no_money_in_the_books_fails_the_check():
    payment = payment_in(S.AWAITING)
    break_status(payment, S.HELD)

    with pytest.raises(CommandError) as failure:
        check_ledger()
    assert (
        f'{payment.order.number} berstatus "Dana ditahan di rekening bersama", tetapi dana '
        f"ditahannya Rp0, bukan {format_rupiah(payment.amount_idr)}"
    ) in str(failure.value)


def test_held_money_short_of_the_amount_paid_fails_the_check():
    # given a handed-over order whose held money was partly moved away past the service
    payment = payment_in(S.SENT)
    a = accounts(payment)
    raw_transaction(payment.store_id, "raw:skim", [(a["held"].pk, 1_000), (a["fee"].pk, -1_000)])

    with pytest.raises(CommandError) as failure:
        check_ledger()
    short = format_rupiah(payment.amount_idr - 1_000)
    assert f"tetapi dana ditahannya {short}, bukan" in str(failure.value)


def test_a_release_without_its_posting_fails_the_check():
    # given held money moved to the buyer's refund, while the payment says released
    payment = payment_in(S.HELD)
    a = accounts(payment)
    amount = payment.amount_idr
    raw_transaction(
        payment.store_id, "raw:away", [(a["held"].pk, amount), (a["refund"].pk, -amount)]
    )
    break_status(payment, S.RELEASED)

    with pytest.raises(CommandError, match="dilepas ke penjual, tetapi tidak ada transaksi"):
        check_ledger()


def test_a_refund_short_of_what_was_paid_fails_the_check():
    # given a refund that gives the buyer back one rupiah less than they paid
    payment = payment_in(S.HELD)
    a = accounts(payment)
    amount = payment.amount_idr
    raw_transaction(
        payment.store_id,
        "raw:short",
        [(a["held"].pk, amount), (a["refund"].pk, -(amount - 1)), (a["fee"].pk, -1)],
    )
    break_status(payment, S.REFUNDED)

    with pytest.raises(CommandError) as failure:
        check_ledger()
    assert (
        f"{payment.order.number} dikembalikan ke pembeli {format_rupiah(amount - 1)}, "
        f"seharusnya {format_rupiah(amount)}"
    ) in str(failure.value)


def test_a_split_that_left_money_held_fails_the_check():
    payment = payment_in(S.DISPUTED)
    break_status(payment, S.SPLIT)

    with pytest.raises(CommandError, match=r"Dana dibagi pembeli dan penjual.*masih ada dana"):
        check_ledger()


def test_money_in_the_books_for_a_direct_payment_fails_the_check():
    # given a transfer paid straight to the seller, and money booked as held for it
    payment = payment_in(S.PAID, method="transfer")
    a = accounts(payment)
    raw_transaction(payment.store_id, "raw:direct", [(a["escrow"].pk, 500), (a["held"].pk, -500)])

    with pytest.raises(CommandError, match="tidak dibayar lewat rekening bersama, tetapi buku"):
        check_ledger()


# --- Payouts never exceed what was released ------------------------------------------------


def payout(payment, amount: int, *, raw: bool = False) -> Payout:
    """The treasurer paid ``amount`` out: to the seller of a released payment, or
    back to the buyer of a refunded one; ``raw`` books it past the service."""
    kind = Payout.Kind.REFUND if payment.status == S.REFUNDED else Payout.Kind.SELLER
    owner = (
        ledger_account(store=payment.store, kind=AccountKind.REFUND, order=payment.order)
        if kind == Payout.Kind.REFUND
        else ledger_account(store=payment.store, kind=AccountKind.SELLER, seller=payment.seller)
    )
    escrow = ledger_account(store=payment.store, kind=AccountKind.ESCROW)
    key = f"test-payout:{uuid.uuid4()}"
    if raw:
        tx = LedgerTransaction.objects.get(
            pk=raw_transaction(payment.store_id, key, [(owner.pk, amount), (escrow.pk, -amount)])
        )
    else:
        tx = post_transaction(key=key, entries=[(owner, amount), (escrow, -amount)], memo="")
    return Payout.objects.create(
        store=payment.store,
        kind=kind,
        seller=payment.seller if kind == Payout.Kind.SELLER else None,
        payment=payment if kind == Payout.Kind.REFUND else None,
        amount_idr=amount,
        paid_to="BRI 0123456789",
        reference="TRF-001",
        transaction=tx,
    )


def test_a_seller_paid_more_than_was_released_to_them_fails_the_check():
    # given Rp released to a seller, paid out in two parts the second of which is too much
    payment = payment_in(S.RELEASED)
    share = payment.seller_share_idr
    payout(payment, share - 100)
    payout(payment, 101, raw=True)

    with pytest.raises(CommandError) as failure:
        check_ledger()
    assert (
        f"{payment.seller.business_name} sudah dibayar {format_rupiah(share + 1)}, lebih dari "
        f"dana yang dilepas kepadanya ({format_rupiah(share)})"
    ) in str(failure.value)


def test_a_payout_row_with_no_money_released_fails_the_check_even_if_its_posting_balances():
    # given a payout recorded for a seller whose order was never released, booked as
    # a movement that leaves the seller's account at zero (paid in and out at once)
    payment = payment_in(S.HELD)
    seller = ledger_account(store=payment.store, kind=AccountKind.SELLER, seller=payment.seller)
    escrow = ledger_account(store=payment.store, kind=AccountKind.ESCROW)
    tx = LedgerTransaction.objects.get(
        pk=raw_transaction(payment.store_id, "raw:payout", [(seller.pk, 0 + 1), (escrow.pk, -1)])
    )
    raw_transaction(payment.store_id, "raw:back", [(escrow.pk, 1), (seller.pk, -1)])
    Payout.objects.create(
        store=payment.store,
        kind=Payout.Kind.SELLER,
        seller=payment.seller,
        amount_idr=5_000,
        paid_to="BRI 0123456789",
        reference="TRF-002",
        transaction=tx,
    )

    with pytest.raises(CommandError, match=r"sudah dibayar Rp5\.000, lebih dari dana yang dilepas"):
        check_ledger()


def test_a_refund_paid_beyond_what_the_buyer_is_owed_fails_the_check():
    payment = payment_in(S.REFUNDED)
    payout(payment, payment.amount_idr)
    payout(payment, 1, raw=True)

    with pytest.raises(CommandError) as failure:
        check_ledger()
    assert (
        f"Pengembalian dana pesanan {payment.order.number} sudah dibayar "
        f"{format_rupiah(payment.amount_idr + 1)}, lebih dari haknya "
        f"({format_rupiah(payment.amount_idr)})"
    ) in str(failure.value)


def test_a_broken_escrow_state_exits_non_zero_from_the_command_line(capsys, monkeypatch):
    monkeypatch.setattr(connections, "close_all", lambda: None)
    payment = payment_in(S.SENT)
    execute_from_command_line(["manage.py", "check_ledger"])
    assert "Buku kas beres" in capsys.readouterr().out

    break_status(payment, S.RELEASED)

    with pytest.raises(SystemExit) as exit_status:
        execute_from_command_line(["manage.py", "check_ledger"])
    assert exit_status.value.code == 1
    assert "masih ada dana ditahan" in capsys.readouterr().err


def test_the_proof_takes_a_fixed_number_of_queries(django_assert_max_num_queries):
    # given many payments in many states, and payouts
    for _ in range(3):
        payout(payment_in(S.RELEASED), 1_000)
        payout(payment_in(S.REFUNDED), 1_000)
        payment_in(S.SENT)
    # then the whole proof is a handful of queries, however many rows there are
    with django_assert_max_num_queries(8):
        assert ledger_problems() == []
