from django.contrib import admin

from pasardesa.sellers.models import OpeningHours, Seller


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ["business_name", "owner_name", "store", "status", "is_open"]
    list_filter = ["status", "is_open"]
    search_fields = ["business_name", "owner_name", "whatsapp"]
    raw_id_fields = ["store"]
    inlines = [OpeningHoursInline]
