from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from pasardesa.accounts.models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["phone"]
    list_display = ["phone", "name", "email", "is_active", "is_staff"]
    search_fields = ["phone", "name", "email"]
    fieldsets = [
        (None, {"fields": ["phone", "password"]}),
        (_("Data diri"), {"fields": ["name", "email"]}),
        (_("Hak akses"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Waktu"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["phone", "name", "password1", "password2"]})]
