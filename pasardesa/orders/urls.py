from django.urls import path

from pasardesa.orders import history, offer_views, views

app_name = "orders"
urlpatterns = [
    path("keranjang/", views.cart, name="cart"),
    path("keranjang/tambah/", views.cart_add, name="cart_add"),
    path("keranjang/ubah/", views.cart_update, name="cart_update"),
    path("keranjang/hapus/", views.cart_remove, name="cart_remove"),
    path("pesan/", views.checkout, name="checkout"),
    path("pesan/selesai/<uuid:key>/", views.confirmation, name="confirmation"),
    path("pesanan/<str:token>/", views.track, name="track"),
    path("pesanan/<str:token>/batal/", views.cancel, name="cancel"),
    path("kelola/pesanan-saya/", history.history, name="history"),
    path("tawar/<int:pk>/", offer_views.offer_new, name="offer_new"),
    path("tawaran/<str:token>/", offer_views.offer_detail, name="offer"),
    path("tawaran/<str:token>/jawab/", offer_views.offer_step, name="offer_step"),
    path("tawaran/<str:token>/pesan/", offer_views.offer_to_cart, name="offer_to_cart"),
]
