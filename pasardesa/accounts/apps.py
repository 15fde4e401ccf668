from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "pasardesa.accounts"
    label = "accounts"
