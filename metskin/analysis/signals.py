"""An analysis' overlay goes with its row (also on cascade), once that is committed."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from django.dispatch import receiver

from metskin.analysis.models import Analysis
from metskin.uploads.services import media_files_delete_on_commit


@receiver(post_delete, sender=Analysis, dispatch_uid="analysis.delete_overlay")
def _delete_overlay(sender: type[Analysis], instance: Analysis, **kwargs: Any) -> None:
    media_files_delete_on_commit(instance.stored_names())
