"""An export's zip goes with its row (also by cascade, e.g. a deleted account)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from metskin.privacy.models import DataExport
from metskin.uploads.services import media_files_delete_on_commit


@receiver(post_delete, sender=DataExport, dispatch_uid="privacy.delete_export_zip")
def _delete_zip(sender: type[DataExport], instance: DataExport, **kwargs: Any) -> None:
    if instance.file_name:
        media_files_delete_on_commit([instance.file_name])
