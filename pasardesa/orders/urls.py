from django.urls import path

from pasardesa.orders.views import (
    cart,
    checkout,
    history,
    offers,
    seller_offers,
    seller_orders,
    tracking,
)

app_name = "orders"

_SELLER = "kelola/penjual/<int:seller_pk>/"

urlpatterns = [
    # The buyer.
    path("keranjang/", cart.cart, name="cart"),
    path("keranjang/tambah/", cart.cart_add, name="cart_add"),
    path("keranjang/ubah/", cart.cart_update, name="cart_update"),
    path("keranjang/hapus/", cart.cart_remove, name="cart_remove"),
    path("pesan/", checkout.checkout, name="checkout"),
    path("pesan/selesai/<uuid:key>/", checkout.confirmation, name="confirmation"),
    path("pesanan/<str:token>/", tracking.track, name="track"),
    path("pesanan/<str:token>/batal/", tracking.cancel, name="cancel"),
    path("kelola/pesanan-saya/", history.history, name="history"),
    path("tawar/<int:pk>/", offers.offer_new, name="offer_new"),
    path("tawaran/<str:token>/", offers.offer_detail, name="offer"),
    path("tawaran/<str:token>/jawab/", offers.offer_step, name="offer_step"),
    path("tawaran/<str:token>/pesan/", offers.offer_to_cart, name="offer_to_cart"),
    # The seller: orders (inbox, order page, steps, packing note) and offers.
    path(_SELLER + "pesanan/", seller_orders.inbox, name="seller_orders"),
    path(_SELLER + "pesanan/<str:number>/", seller_orders.detail, name="seller_order"),
    path(_SELLER + "pesanan/<str:number>/langkah/", seller_orders.step, name="seller_order_step"),
    path(_SELLER + "pesanan/<str:number>/nota/", seller_orders.packing_note, name="packing_note"),
    path(_SELLER + "tawaran/", seller_offers.inbox, name="seller_offers"),
    path(_SELLER + "tawaran/<str:number>/", seller_offers.detail, name="seller_offer"),
    path(_SELLER + "tawaran/<str:number>/jawab/", seller_offers.step, name="seller_offer_step"),
]
