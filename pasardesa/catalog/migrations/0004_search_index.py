"""The product full-text index: FTS5 + triggers on SQLite, a GIN index on PostgreSQL.

Neither exists in Django's model state (Django has no FTS5 tables and the GIN
index is over an expression of ``search_text``), so this runs SQL only for the
database it is on. The statements live in ``pasardesa.catalog.search`` because
the same code has to re-create the triggers after any later migration that
rebuilds ``catalog_product`` on SQLite (see ``search.ensure_index``).
"""

from django.db import migrations


def create_index(apps, schema_editor):
    from pasardesa.catalog import search

    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        search.install_index(schema_editor.connection)


def drop_index(apps, schema_editor):
    from pasardesa.catalog import search

    if schema_editor.connection.vendor in ("sqlite", "postgresql"):
        search.drop_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_starter_categories")]
    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
