from django.urls import path, re_path

from pasardesa.market import views

app_name = "market"
urlpatterns = [
    path("", views.home, name="home"),
    re_path(r"^wilayah/(?P<code>[0-9.]{2,13})/$", views.region, name="region"),
    path("desa/<slug:slug>/", views.store, name="store"),
    path("penjual/<slug:slug>/", views.seller, name="seller"),
]
