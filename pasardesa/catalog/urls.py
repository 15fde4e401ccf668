from django.urls import path

from pasardesa.catalog import dashboard, views

app_name = "catalog"
urlpatterns = [
    path("cari/", views.search, name="search"),
    path("produk/<int:pk>/<slug:slug>/", views.product, name="product"),
    path("pesan/<int:pk>/wa/", views.product_whatsapp, name="product_whatsapp"),
    # The seller's product dashboard.
    path("kelola/penjual/<int:seller_pk>/produk/baru/", dashboard.product_add, name="product_add"),
    path("kelola/penjual/<int:seller_pk>/produk/impor/", dashboard.csv_import, name="csv_import"),
    path(
        "kelola/penjual/<int:seller_pk>/produk/ekspor.csv", dashboard.csv_export, name="csv_export"
    ),
    path(
        "kelola/penjual/<int:seller_pk>/produk/contoh.csv",
        dashboard.csv_template,
        name="csv_template",
    ),
    path("kelola/produk/<int:pk>/", dashboard.product_edit, name="product_edit"),
    path("kelola/produk/<int:pk>/tampil/", dashboard.product_visibility, name="product_visibility"),
    path("kelola/produk/<int:pk>/salin/", dashboard.product_duplicate, name="product_duplicate"),
    path("kelola/produk/<int:pk>/stok/", dashboard.product_stock, name="product_stock"),
    path("kelola/produk/<int:pk>/stok/habis/", dashboard.product_sold_out, name="product_sold_out"),
    path(
        "kelola/produk/<int:pk>/foto/<int:photo_pk>/hapus/",
        dashboard.photo_delete,
        name="photo_delete",
    ),
    path(
        "kelola/produk/<int:pk>/foto/<int:photo_pk>/geser/",
        dashboard.photo_move,
        name="photo_move",
    ),
]
