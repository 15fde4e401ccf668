"""``manage.py check_ledger``: prove the village escrow's books hold, at any time.

Every invariant of ``payments.selectors.ledger_problems``: each transaction
sums to zero, no balance below zero where none may be, each order's escrow
state agrees with its held money, and payouts and refunds paid never exceed
what was released or is owed. Exit status 0 only when all hold; otherwise a
CommandError lists each problem (so cron or CI sees a failure). Per-store balances are printed
either way, for the treasurer to compare with the bank.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pasardesa.core.money import format_rupiah
from pasardesa.payments.ledger import AccountKind
from pasardesa.payments.selectors import ledger_problems, store_totals


class Command(BaseCommand):
    help = (
        "Checks the escrow ledger's invariants (balanced transactions, no forbidden negative "
        "balance, payment statuses agree with held money, payouts within what was released) "
        "and prints each store's balances."
    )

    def handle(self, *args, **options):
        labels = dict(AccountKind.choices)
        current = None
        for store_id, name, kind, amount in store_totals():
            if store_id != current:
                self.stdout.write(name)
                current = store_id
            self.stdout.write(f"  {labels[kind]}: {format_rupiah(amount)}")
        problems = ledger_problems()
        if problems:
            raise CommandError(
                "\n".join(
                    [_("Buku kas tidak beres (%(n)d masalah):") % {"n": len(problems)}, *problems]
                )
            )
        self.stdout.write(self.style.SUCCESS(_("Buku kas beres: semua transaksi seimbang.")))
