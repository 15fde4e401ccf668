from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    """Paying for orders: QRIS with the exact amount, transfers with a unique
    code, the village's rekening bersama (escrow) and its double-entry ledger."""

    name = "pasardesa.payments"
    verbose_name = "Pembayaran"

    def ready(self) -> None:
        # Payments take part in placing and stepping orders from above
        # (pasardesa.orders.services.participants).
        from pasardesa.orders.services.participants import register
        from pasardesa.payments.services import OrderPayments

        register(OrderPayments())
