from django.contrib.auth.backends import ModelBackend

from pasardesa.core.phones import is_valid_phone, normalize_phone


class PhoneBackend(ModelBackend):
    """Log in with the WhatsApp number however it is written."""

    def authenticate(self, request, phone=None, password=None, **kwargs):
        phone = phone or kwargs.get("username")
        if not phone or not is_valid_phone(phone):
            return None
        return super().authenticate(request, username=normalize_phone(phone), password=password)
