from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "metskin.accounts"
    label = "accounts"
    verbose_name = "Accounts"
