from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "pasardesa.regions"
    label = "regions"
    verbose_name = "Wilayah"
