from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "pasardesa.demo"
    label = "demo"
    verbose_name = "Demo"
