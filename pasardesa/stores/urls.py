from django.urls import path

from pasardesa.stores import dashboard, views

app_name = "stores"

_STORE = "kelola/toko/<slug:slug>/"
_REGION = "kelola/wilayah/<str:code>/"

urlpatterns = [
    path("desa/<slug:slug>/", views.detail, name="detail"),
    # The village operator's dashboard.
    path(_STORE, dashboard.manage, name="manage"),
    path(_STORE + "profil/", dashboard.profile, name="profile"),
    path(_STORE + "penjual/", dashboard.sellers, name="sellers"),
    path(_STORE + "penjual/<int:pk>/", dashboard.seller_review, name="seller"),
    path(_STORE + "penjual/<int:pk>/<str:action>/", dashboard.seller_action, name="seller_action"),
    path(_STORE + "produk/", dashboard.products, name="products"),
    path(_STORE + "produk/<int:pk>/turunkan/", dashboard.product_take_down, name="take_down"),
    path(_STORE + "produk/<int:pk>/pulihkan/", dashboard.product_restore, name="restore"),
    path(_STORE + "tim/", dashboard.team, name="team"),
    path(_STORE + "tim/<int:pk>/hapus/", dashboard.member_remove, name="member_remove"),
    path(_STORE + "atur-ulang-sandi/<int:user_id>/", dashboard.reset_link, name="reset_link"),
    # The regional admin's dashboard.
    path(_REGION, dashboard.region_manage, name="region_manage"),
    path(_REGION + "buka-toko/", dashboard.region_open_store, name="region_open"),
    path(_REGION + "toko/<slug:slug>/", dashboard.region_store, name="region_store"),
    path(
        _REGION + "toko/<slug:slug>/pengelola/",
        dashboard.region_appoint_operator,
        name="region_appoint",
    ),
    path(
        _REGION + "toko/<slug:slug>/nonaktifkan/",
        dashboard.region_deactivate_store,
        name="region_deactivate",
    ),
    path(
        _REGION + "toko/<slug:slug>/aktifkan/",
        dashboard.region_reactivate_store,
        name="region_reactivate",
    ),
]
