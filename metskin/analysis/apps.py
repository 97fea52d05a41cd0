from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "metskin.analysis"
    label = "analysis"
