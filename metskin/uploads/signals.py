"""Files follow their rows: when an upload row goes (also by cascade, e.g. a deleted
account), its files are deleted from the private storage once the deletion is committed."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from metskin.uploads.models import Upload
from metskin.uploads.services import media_files_delete_on_commit


@receiver(post_delete, sender=Upload, dispatch_uid="uploads.delete_files")
def _delete_files_of_upload(sender: type[Upload], instance: Upload, **kwargs: Any) -> None:
    media_files_delete_on_commit(instance.stored_names())
