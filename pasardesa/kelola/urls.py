from django.urls import path

from pasardesa.kelola.views import home, operator, region, seller

app_name = "kelola"

_STORE = "kelola/toko/<slug:slug>/"
_REGION = "kelola/wilayah/<str:code>/"

urlpatterns = [
    path("kelola/", home.home, name="home"),
    path("kelola/undangan/<int:pk>/<str:answer>/", home.invitation_answer, name="invitation"),
    path("kelola/penjual/<int:pk>/", seller.seller_home, name="seller_home"),
    # The village operator's console.
    path(_STORE, operator.manage, name="store"),
    path(_STORE + "profil/", operator.profile, name="store_profile"),
    path(_STORE + "penjual/", operator.sellers, name="sellers"),
    path(_STORE + "penjual/<int:pk>/", operator.seller_review, name="seller"),
    path(_STORE + "penjual/<int:pk>/<str:action>/", operator.seller_action, name="seller_action"),
    path(_STORE + "produk/", operator.products, name="products"),
    path(_STORE + "produk/<int:pk>/turunkan/", operator.product_take_down, name="take_down"),
    path(_STORE + "produk/<int:pk>/pulihkan/", operator.product_restore, name="restore"),
    path(_STORE + "tim/", operator.team, name="team"),
    path(_STORE + "tim/<int:pk>/hapus/", operator.member_remove, name="member_remove"),
    path(
        _STORE + "tim/undangan/<int:pk>/batalkan/",
        operator.invitation_revoke,
        name="invitation_revoke",
    ),
    path(_STORE + "atur-ulang-sandi/<int:user_id>/", operator.reset_link, name="reset_link"),
    path(_STORE + "tutup-sementara/", operator.store_closure, name="store_closure"),
    # The regional admin's console.
    path(_REGION, region.region_manage, name="region"),
    path(_REGION + "buka-toko/", region.region_open_store, name="region_open"),
    path(_REGION + "toko/<slug:slug>/", region.region_store, name="region_store"),
    path(
        _REGION + "toko/<slug:slug>/pengelola/",
        region.region_appoint_operator,
        name="region_appoint",
    ),
    path(
        _REGION + "toko/<slug:slug>/nonaktifkan/",
        region.region_deactivate_store,
        name="region_deactivate",
    ),
    path(
        _REGION + "toko/<slug:slug>/aktifkan/",
        region.region_reactivate_store,
        name="region_reactivate",
    ),
]
