# Placeholder: the search index migration is being written (see catalog/search.py).
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("catalog", "0003_starter_categories")]
    operations = []
