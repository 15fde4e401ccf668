from django.contrib import admin

from pasardesa.stores.models import Store


@admin.register(Store)
class StoreAdmin(admin.ModelAdmin):
    list_display = ["name", "village", "is_active", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "village__name", "village__code"]
    raw_id_fields = ["village"]
    prepopulated_fields = {"slug": ["name"]}
