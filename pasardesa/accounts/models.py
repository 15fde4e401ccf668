from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pasardesa.core.phones import normalize_phone


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, phone: str, password: str | None = None, **fields) -> "User":
        user = self.model(phone=normalize_phone(phone), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, phone: str, password: str | None = None, **fields) -> "User":
        fields.update(is_staff=True, is_superuser=True)
        return self.create_user(phone, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person, known by their WhatsApp number: many villagers have no email."""

    phone = models.CharField(
        _("nomor WhatsApp"),
        max_length=20,
        unique=True,
        error_messages={"unique": _("Nomor ini sudah terdaftar.")},
    )
    name = models.CharField(_("nama"), max_length=120)
    email = models.EmailField(_("email"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    is_staff = models.BooleanField(_("staf platform"), default=False)
    date_joined = models.DateTimeField(_("terdaftar"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "phone"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return f"{self.name} ({self.phone})"

    def get_full_name(self) -> str:
        return self.name

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.phone


class AccountEvent(models.Model):
    """Something that changed what a person may do, or their password: a row
    they read on their own account page ("Riwayat akun").

    Keyed by the WhatsApp number rather than the account, so an invitation sent
    before the person signed up is in their history once they do. Written by
    the services that make the change (``pasardesa.accounts.services.record_event``);
    never edited. ``place`` is the name of the store (or region) as it was then:
    this app sits below the stores and does not point at them.
    """

    class Kind(models.TextChoices):
        INVITED = "invited", _("Diundang")
        ACCEPTED = "accepted", _("Menerima undangan")
        DECLINED = "declined", _("Menolak undangan")
        REVOKED = "revoked", _("Undangan dibatalkan")
        REMOVED = "removed", _("Dikeluarkan dari tim")
        RESET_LINK = "reset_link", _("Tautan atur ulang kata sandi dibuat")
        PASSWORD_RESET = "password_reset", _("Kata sandi diganti lewat tautan")

    class Role(models.TextChoices):
        NONE = "", _("—")
        OPERATOR = "operator", _("pengelola")
        COURIER = "courier", _("kurir")
        TREASURER = "treasurer", _("bendahara")

    phone = models.CharField(_("nomor WhatsApp"), max_length=20, db_index=True)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    role = models.CharField(_("peran"), max_length=10, choices=Role.choices, blank=True)
    place = models.CharField(_("tempat"), max_length=160, blank=True)
    actor = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("riwayat akun")
        verbose_name_plural = _("riwayat akun")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=[
                        "invited",
                        "accepted",
                        "declined",
                        "revoked",
                        "removed",
                        "reset_link",
                        "password_reset",
                    ]
                ),
                name="account_event_kind_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=["", "operator", "courier", "treasurer"]),
                name="account_event_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.phone} {self.kind} {self.place}"
