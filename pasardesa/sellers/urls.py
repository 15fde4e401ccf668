from django.urls import path

from pasardesa.sellers import views

app_name = "sellers"
urlpatterns = [
    path("penjual/<slug:slug>/", views.detail, name="detail"),
]
