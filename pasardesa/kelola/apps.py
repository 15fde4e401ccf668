from django.apps import AppConfig


class KelolaConfig(AppConfig):
    """The back-office pages that read several apps: the role home, the seller
    home, the village operator's console and the regional admin's console."""

    name = "pasardesa.kelola"
    verbose_name = "Kelola"
