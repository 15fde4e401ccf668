from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "pasardesa.catalog"
    label = "catalog"
