from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "metskin.core"
    label = "core"
    verbose_name = "Core"
