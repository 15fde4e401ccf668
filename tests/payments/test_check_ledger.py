"""``manage.py check_ledger`` proves the books, and finds what raw SQL broke.

On SQLite nothing but the posting service stands between raw SQL and the
books, so the command is what finds a bad row; on PostgreSQL the triggers of
migration 0002 refuse such rows at commit (tests marked ``postgres``).
"""

from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from pasardesa.payments.services import reverse_transaction
from tests.payments.factories import books, pay_in, release

pytestmark = pytest.mark.django_db


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
