from django.apps import AppConfig


class MarketConfig(AppConfig):
    """The buyer pages that read several apps: home, region, store and seller."""

    name = "pasardesa.market"
    verbose_name = "Pasar"
