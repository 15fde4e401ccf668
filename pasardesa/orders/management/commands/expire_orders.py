from django.core.management.base import BaseCommand

from pasardesa.orders.services import expire_orders


class Command(BaseCommand):
    help = "Expire new orders nobody answered in time and give their stock back."

    def handle(self, *args, **options):
        count = expire_orders()
        self.stdout.write(f"{count} pesanan kedaluwarsa.")
