from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CatalogConfig(AppConfig):
    name = "pasardesa.catalog"
    label = "catalog"

    def ready(self):
        from pasardesa.catalog import search

        # SQLite rebuilds catalog_product whenever a later migration alters it,
        # dropping the FTS triggers with the old table: put them back after
        # every migrate (a no-op when they are there).
        post_migrate.connect(search.ensure_index, sender=self, dispatch_uid="catalog-search-index")
