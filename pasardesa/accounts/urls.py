from django.urls import path

from pasardesa.accounts import views

app_name = "accounts"
urlpatterns = [
    path("akun/masuk/", views.login_view, name="login"),
    path("akun/keluar/", views.logout_view, name="logout"),
    path("akun/daftar/", views.signup, name="signup"),
    path("akun/atur-ulang/<uidb64>/<token>/", views.reset, name="reset"),
    path("akun/riwayat/", views.history, name="history"),
]
