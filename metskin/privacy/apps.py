from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "metskin.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from metskin.core.access_log import data_read, media_read
        from metskin.privacy import signals  # noqa: F401 - connects the receivers
        from metskin.privacy.access_log import on_data_read, on_media_read

        data_read.connect(on_data_read, dispatch_uid="privacy.access_log")
        media_read.connect(on_media_read, dispatch_uid="privacy.access_log_media")
