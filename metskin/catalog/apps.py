from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "metskin.catalog"
    label = "catalog"
