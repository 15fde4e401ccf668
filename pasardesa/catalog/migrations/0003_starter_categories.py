from django.db import migrations

STARTER_CATEGORIES = [
    ("Makanan & Minuman", "makanan-minuman", "🍲"),
    ("Hasil Tani & Kebun", "hasil-tani", "🌾"),
    ("Sembako", "sembako", "🛒"),
    ("Hasil Laut & Ternak", "hasil-laut-ternak", "🐟"),
    ("Kerajinan", "kerajinan", "🧺"),
    ("Fashion & Kain", "fashion", "👕"),
    ("Kesehatan & Herbal", "herbal", "🌿"),
    ("Tanaman & Bibit", "tanaman-bibit", "🪴"),
    ("Jasa", "jasa", "🛠"),
    ("Lainnya", "lainnya", "📦"),
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("catalog", "Category")
    for position, (name, slug, icon) in enumerate(STARTER_CATEGORIES):
        Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "icon": icon, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_initial")]
    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
