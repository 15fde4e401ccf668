from django import forms
from django.contrib.auth import authenticate, password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from pasardesa.accounts.models import User
from pasardesa.accounts.selectors import account_with_phone
from pasardesa.core.phones import normalize_phone


class PhoneField(forms.CharField):
    """A WhatsApp number as people type it; cleaned to E.164."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Nomor WhatsApp"))
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "0812-3456-7890"}
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalize_phone(value) if value else value


class LoginForm(forms.Form):
    phone = PhoneField()
    password = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": _("Nomor WhatsApp atau kata sandi salah."),
        "inactive": _("Akun ini dinonaktifkan. Hubungi pengelola toko desa."),
    }

    def __init__(self, request=None, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        phone, password = cleaned.get("phone"), cleaned.get("password")
        if phone and password:
            self.user = authenticate(self.request, phone=phone, password=password)
            if self.user is None:
                account = account_with_phone(phone)
                inactive = account is not None and not account.is_active
                code = "inactive" if inactive else "invalid_login"
                raise ValidationError(self.error_messages[code], code=code)
        return cleaned


class NewPasswordFields(forms.Form):
    """Two password fields, checked against Django's validators for ``user``."""

    password1 = forms.CharField(
        label=_("Kata sandi"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Minimal 8 huruf/angka, jangan hanya angka."),
    )
    password2 = forms.CharField(
        label=_("Ulangi kata sandi"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def check_new_password(self, user: User) -> None:
        password1 = self.cleaned_data.get("password1")
        password2 = self.cleaned_data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Kedua kata sandi tidak sama."))
        elif password1:
            try:
                password_validation.validate_password(password1, user)
            except ValidationError as exc:
                self.add_error("password1", exc)


class SignupForm(NewPasswordFields, forms.ModelForm):
    phone = PhoneField()

    class Meta:
        model = User
        fields = ["name", "phone", "email"]
        labels = {"email": _("Email (boleh kosong)")}

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if account_with_phone(phone) is not None:
            raise ValidationError(
                _(
                    "Nomor ini sudah terdaftar. Silakan masuk, atau minta tautan atur ulang "
                    "kata sandi ke pengelola toko desa."
                ),
                code="phone_taken",
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        self.check_new_password(
            User(phone=cleaned.get("phone") or "", name=cleaned.get("name") or "")
        )
        return cleaned


class SetPasswordForm(NewPasswordFields):
    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        self.check_new_password(self.user)
        return cleaned
