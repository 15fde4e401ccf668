from django.core.management.base import BaseCommand

from pasardesa.regions.services import import_regions


class Command(BaseCommand):
    help = "Import the official Kepmendagri regions shipped with the project (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="re-import even if unchanged")

    def handle(self, *args, force=False, **options):
        result = import_regions(force=force)
        if result.skipped:
            self.stdout.write(f"Regions up to date ({result.rows} rows).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Imported {result.rows} regions."))
