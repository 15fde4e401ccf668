"""Check a static QRIS and print its dynamic payload for one amount.

Operators use it to check a seller's sticker text; the payload is the last line
of the output, so a script can take it with ``tail -n 1``.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from pasardesa.payments.qris import ERROR_AMOUNT, dynamic_qris, parse_static_qris


class Command(BaseCommand):
    help = "Check a static QRIS payload and print the dynamic one for --amount rupiah."

    def add_arguments(self, parser):
        parser.add_argument("payload", help="The static QRIS text (quote it).")
        # A string, not type=int: argparse's own refusal is English and says
        # nothing about rupiah.
        parser.add_argument("--amount", required=True, help="Whole rupiah, digits only.")
        parser.add_argument("--reference", default=None, help="Order or payment number.")

    def handle(self, *args, payload: str, amount: str, reference: str | None, **options):
        if not amount.isdecimal() or not amount.isascii():
            raise CommandError(str(ERROR_AMOUNT))
        try:
            static = parse_static_qris(payload)
            dynamic = dynamic_qris(static, int(amount), reference)
        except ValidationError as exc:
            raise CommandError(" ".join(str(message) for message in exc.messages)) from exc
        self.stdout.write(_("Nama merchant: %s") % static.merchant_name)
        self.stdout.write(_("Kota: %s") % static.merchant_city)
        self.stdout.write(_("NMID: %s") % static.nmid)
        self.stdout.write(dynamic)
