from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "metskin.recommendations"
    label = "recommendations"

    def ready(self) -> None:
        from metskin.recommendations import signals  # noqa: F401 - connects the receivers
