from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "metskin.uploads"
    label = "uploads"
