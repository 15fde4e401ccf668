import os
import time

from django.core.management.base import BaseCommand, CommandError

from pasardesa.demo.loader import DEMO_PASSWORD, DemoError, load_demo
from pasardesa.stores.models import Store


class Command(BaseCommand):
    help = (
        "Load the demo market: five villages with their sellers, goods, services and "
        "photos. Needs the regions (manage.py import_regions)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing when any store exists (safe to run on every start)",
        )

    def handle(self, *args, if_empty=False, **options):
        if os.environ.get("PASARDESA_DEMO", "1") == "0":
            self.stdout.write("PASARDESA_DEMO=0: demo data not loaded.")
            return
        if if_empty and Store.objects.exists():
            self.stdout.write("Stores already exist: demo data not loaded.")
            return
        started = time.monotonic()
        try:
            summary = load_demo()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        seconds = time.monotonic() - started
        self.stdout.write(self.style.SUCCESS(f"Demo loaded in {seconds:.1f} s: {summary}."))
        self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}), log in at /akun/masuk/:")
        for account in summary.accounts:
            self.stdout.write(
                f"  {account.role:<14} {account.phone:<15} {account.name} – {account.what}"
            )
