from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "metskin.notifications"
    label = "notifications"
