from django.urls import path

from pasardesa.catalog import views

app_name = "catalog"
urlpatterns = [
    path("", views.home, name="home"),
    path("cari/", views.search, name="search"),
    path("produk/<int:pk>/<slug:slug>/", views.product, name="product"),
    path("pesan/<int:pk>/wa/", views.product_whatsapp, name="product_whatsapp"),
]
