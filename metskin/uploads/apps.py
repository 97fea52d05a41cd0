from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "metskin.uploads"
    label = "uploads"
    verbose_name = "Uploads"

    def ready(self) -> None:
        from metskin.uploads import signals  # noqa: F401 - connects the receivers
        from metskin.uploads.access import media_access_register, upload_owner_may_view
        from metskin.uploads.crypto import media_fernet

        # Refuse to start without a media key rather than fail at the first upload.
        media_fernet()
        media_access_register(upload_owner_may_view)
