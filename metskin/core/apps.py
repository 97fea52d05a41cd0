from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "metskin.core"
    label = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        from metskin.core import checks  # noqa: F401 - registers the deployment checks
