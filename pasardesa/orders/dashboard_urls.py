"""The seller's orders (/kelola/penjual/<seller_pk>/pesanan/…): inbox, order page,
status steps and the printable packing note; and the seller's offers
(/kelola/penjual/<seller_pk>/tawaran/…): inbox, offer page, answers."""

from django.urls import path

from pasardesa.orders import dashboard, offer_dashboard

app_name = "order_manage"
urlpatterns = [
    path("kelola/penjual/<int:seller_pk>/pesanan/", dashboard.inbox, name="inbox"),
    path(
        "kelola/penjual/<int:seller_pk>/pesanan/<str:number>/",
        dashboard.detail,
        name="detail",
    ),
    path(
        "kelola/penjual/<int:seller_pk>/pesanan/<str:number>/langkah/",
        dashboard.step,
        name="step",
    ),
    path(
        "kelola/penjual/<int:seller_pk>/pesanan/<str:number>/nota/",
        dashboard.packing_note,
        name="packing_note",
    ),
    path("kelola/penjual/<int:seller_pk>/tawaran/", offer_dashboard.inbox, name="offers"),
    path(
        "kelola/penjual/<int:seller_pk>/tawaran/<str:number>/",
        offer_dashboard.detail,
        name="offer",
    ),
    path(
        "kelola/penjual/<int:seller_pk>/tawaran/<str:number>/jawab/",
        offer_dashboard.step,
        name="offer_step",
    ),
]
