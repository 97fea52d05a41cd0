from django.apps import AppConfig


class AnalysisConfig(AppConfig):
    name = "metskin.analysis"
    label = "analysis"
    verbose_name = "Analysis"

    def ready(self) -> None:
        from metskin.analysis import signals  # noqa: F401 - connects the receivers
