from django.urls import re_path

from pasardesa.regions import views

app_name = "regions"
urlpatterns = [
    re_path(r"^wilayah/(?P<code>[0-9.]{2,13})/$", views.detail, name="detail"),
]
