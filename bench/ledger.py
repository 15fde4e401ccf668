"""``check_ledger`` time with a large ledger, on the configured database.

Run: ``.venv/bin/python bench/ledger.py`` (SQLite) or
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/pasardesa .venv/bin/python bench/ledger.py``.

Never touches the configured database's data: like the test runner it builds
``test_<name>`` beside it (SQLite: ``var/bench/ledger.sqlite3``), migrates it
(on PostgreSQL with the ledger's triggers), and drops it at the end.

Builds 20 orders in 20 stores, then ``--transactions`` (100,000) balanced
transactions cycling pay in → release → payout per order, written with
``bulk_create`` in batches (the posting service would take as long as the
time measured is short; it is timed separately on ``--posts`` postings).
Every payout transaction also gets its ``Payout`` row, and each order a
rekening-bersama ``Payment`` whose status matches its final held balance, so
the escrow-state and payout checks of ``check_ledger`` work on real rows.
On PostgreSQL every batch commits, so the deferred balance trigger checks each
of the entries. Prints figures only, never asserts (DESIGN: no timed asserts).
"""

import argparse
import os
import sys
import time
import uuid
from io import StringIO
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
BENCH_SQLITE = BASE_DIR / "var" / "bench" / "ledger.sqlite3"
ORDERS = 20
BATCH = 5_000


def _setup() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "pasardesa.settings"
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()


def _books():
    from pasardesa.payments.ledger import AccountKind
    from pasardesa.payments.services import ledger_account
    from tests.orders.factories import place, product

    result = []
    for _ in range(ORDERS):
        order = place([(product(stock=10), 1)]).orders.select_related("store").get()
        store = order.store
        result.append(
            (
                store,
                ledger_account(store=store, kind=AccountKind.ESCROW),
                ledger_account(store=store, kind=AccountKind.HELD, order=order),
                ledger_account(store=store, kind=AccountKind.SELLER, seller=order.seller),
            )
        )
    return result


def _fill(books, count: int) -> float:
    """``count`` balanced transactions; returns the seconds it took."""
    from django.db import transaction

    from pasardesa.payments.ledger import LedgerEntry, LedgerTransaction
    from pasardesa.payments.models import Payout

    started = time.perf_counter()
    for first in range(0, count, BATCH):
        numbers = range(first, min(first + BATCH, count))
        with transaction.atomic():
            rows = []
            legs = []
            payouts = []
            for n in numbers:
                store, escrow, held, seller = books[n % ORDERS]
                phase = (n // ORDERS) % 3
                # pay in: escrow +, held -; release: held +, seller -; payout: seller +, escrow -
                debit, credit = [(escrow, held), (held, seller), (seller, escrow)][phase]
                rows.append(
                    LedgerTransaction(store=store, key=f"bench:{n}", fingerprint="-", memo="")
                )
                legs.append((debit, credit, 1_000 + n % ORDERS))
                if phase == 2:
                    payouts.append((len(rows) - 1, seller, 1_000 + n % ORDERS))
            LedgerTransaction.objects.bulk_create(rows)
            Payout.objects.bulk_create(
                Payout(
                    store_id=rows[i].store_id,
                    kind=Payout.Kind.SELLER,
                    seller_id=account.seller_id,
                    amount_idr=amount,
                    paid_to="BRI 0123456789",
                    reference=f"TRF-{i}",
                    transaction=rows[i],
                )
                for i, account, amount in payouts
            )
            LedgerEntry.objects.bulk_create(
                entry
                for row, (debit, credit, amount) in zip(rows, legs, strict=True)
                for entry in (
                    LedgerEntry(transaction=row, account=debit, amount_idr=amount),
                    LedgerEntry(transaction=row, account=credit, amount_idr=-amount),
                )
            )
    return time.perf_counter() - started


def _payments(books) -> None:
    """Each order's rekening-bersama payment, in the status its held money says."""
    from django.utils import timezone

    from pasardesa.payments.models import Payment, PaymentStatus
    from pasardesa.payments.selectors import balance

    for i, (store, _escrow, held, _seller) in enumerate(books):
        order = held.order
        money = balance(held)
        Payment.objects.create(
            order=order,
            store=store,
            seller=order.seller,
            method="escrow",
            status=PaymentStatus.HELD if money else PaymentStatus.RELEASED,
            amount_idr=money or 1_000 + i,
            unique_code_idr=1,
            pay_by=timezone.now(),
        )


def _time_posts(books, count: int) -> float:
    from pasardesa.payments.services import post_transaction

    _store, escrow, held, _seller = books[0]
    started = time.perf_counter()
    for _ in range(count):
        post_transaction(
            key=f"bench-post:{uuid.uuid4()}", entries=[(escrow, 500), (held, -500)], memo=""
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--transactions", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    _setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        BENCH_SQLITE.parent.mkdir(parents=True, exist_ok=True)
        connection.settings_dict.setdefault("TEST", {})["NAME"] = str(BENCH_SQLITE)
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        print(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        books = _books()
        filled = _fill(books, args.transactions)
        entries = 2 * args.transactions
        print(f"wrote {args.transactions:,} transactions ({entries:,} entries) in {filled:.1f} s")
        posted = _time_posts(books, args.posts)
        each = 1000 * posted / args.posts
        print(f"post_transaction: {args.posts} postings in {posted:.2f} s ({each:.1f} ms each)")
        _payments(books)
        for run in range(1, args.runs + 1):
            out = StringIO()
            started = time.perf_counter()
            call_command("check_ledger", stdout=out)
            took = time.perf_counter() - started
            print(f"check_ledger run {run}: {took:.2f} s ({out.getvalue().splitlines()[-1]})")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
