from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "metskin.catalog"
    label = "catalog"

    def ready(self) -> None:
        from metskin.catalog import signals  # noqa: F401 - connects the receivers
