from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "metskin.privacy"
    label = "privacy"
    verbose_name = "Privacy"
