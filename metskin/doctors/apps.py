from django.apps import AppConfig


class DoctorsConfig(AppConfig):
    name = "metskin.doctors"
    label = "doctors"
