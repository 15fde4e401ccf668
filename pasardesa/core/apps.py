from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "pasardesa.core"
    label = "core"
