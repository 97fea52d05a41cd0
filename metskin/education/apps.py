from django.apps import AppConfig


class EducationConfig(AppConfig):
    name = "metskin.education"
    label = "education"
