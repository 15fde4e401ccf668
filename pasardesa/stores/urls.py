from django.urls import path

from pasardesa.stores import views

app_name = "stores"
urlpatterns = [
    path("desa/<slug:slug>/", views.detail, name="detail"),
]
