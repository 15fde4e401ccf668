from django.urls import path

from pasardesa.sellers import dashboard

app_name = "sellers"
urlpatterns = [
    # The seller's own dashboard.
    path("kelola/penjual/daftar/", dashboard.register, name="register"),
    path("kelola/penjual/<int:pk>/profil/", dashboard.profile, name="profile"),
    path("kelola/penjual/<int:pk>/jam-buka/", dashboard.hours, name="hours"),
    path("kelola/penjual/<int:pk>/buka-tutup/", dashboard.toggle_open, name="toggle_open"),
    path("kelola/penjual/<int:pk>/tutup-sementara/", dashboard.closure, name="closure"),
    path("kelola/penjual/<int:pk>/ajukan-ulang/", dashboard.resubmit, name="resubmit"),
    path("kelola/penjual/<int:pk>/rekening/", dashboard.bank_account, name="bank"),
    path("kelola/penjual/<int:pk>/staf/", dashboard.staff, name="staff"),
    path("kelola/penjual/<int:pk>/staf/hapus/", dashboard.staff_remove, name="staff_remove"),
]
