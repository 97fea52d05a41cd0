from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "metskin.recommendations"
    label = "recommendations"
