from django.apps import AppConfig


class SellersConfig(AppConfig):
    name = "pasardesa.sellers"
    label = "sellers"
