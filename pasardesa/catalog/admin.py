from django.contrib import admin

from pasardesa.catalog.models import Category, Product, ProductPhoto, StoreShowcase


class ProductPhotoInline(admin.TabularInline):
    model = ProductPhoto
    extra = 0
    fields = ["position", "thumb", "image", "alt"]
    readonly_fields = ["thumb", "image"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ["name", "seller", "price_idr", "sale_price_idr", "stock", "status"]
    list_filter = ["status", "kind", "category"]
    search_fields = ["name", "seller__business_name"]
    raw_id_fields = ["seller"]
    readonly_fields = ["sale_price_idr"]
    inlines = [ProductPhotoInline]


@admin.register(StoreShowcase)
class StoreShowcaseAdmin(admin.ModelAdmin):
    list_display = ["store", "featured_product"]
    search_fields = ["store__name", "store__village__name"]
    raw_id_fields = ["store", "featured_product"]
    filter_horizontal = ["hidden_categories"]
