from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "metskin.appointments"
    label = "appointments"
