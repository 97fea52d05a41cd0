from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "metskin.appointments"
    label = "appointments"

    def ready(self) -> None:
        from metskin.appointments import signals  # noqa: F401 - connects the receivers
