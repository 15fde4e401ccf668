from django.apps import AppConfig


class StoresConfig(AppConfig):
    name = "pasardesa.stores"
    label = "stores"
