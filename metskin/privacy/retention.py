"""Retention: beat jobs that delete what MetSkin no longer needs (docs/privacy.md).

Each job deletes by one indexed condition, in batches, and says how much it deleted; each
has its own setting (config/settings/privacy.py). Files go with their rows on commit
(uploads/signals.py, privacy/signals.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import timedelta
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from metskin.analysis.models import Analysis
from metskin.notifications.models import Reminder
from metskin.privacy.models import DataExport, ExportStatus
from metskin.uploads.models import MediaKind, Upload
from metskin.uploads.services import media_files_delete_on_commit, upload_delete

logger = logging.getLogger("metskin.privacy")

BATCH = 500


def sessions_clear_expired() -> None:
    """Expired sessions (Django's own clear_expired, whatever the session engine)."""
    engine = import_module(settings.SESSION_ENGINE)
    engine.SessionStore.clear_expired()


def axes_records_clear() -> int:
    """Lockout and sign-in records of django-axes older than RETENTION_AXES_DAYS."""
    before = timezone.now() - timedelta(days=settings.RETENTION_AXES_DAYS)
    return sum(
        model._default_manager.filter(attempt_time__lt=before).delete()[0]
        for model in axes_models()
    )


def axes_models() -> Iterator[type[Model]]:
    """django-axes' sign-in record models (attempts, failures, sign-ins) this version has."""
    for name in ("AccessAttempt", "AccessFailureLog", "AccessLog"):
        try:
            yield apps.get_model("axes", name)
        except LookupError:  # a model this axes version does not have
            continue


def reminders_clear_sent() -> int:
    """Reminders sent more than RETENTION_SENT_REMINDERS_DAYS ago.

    Except a "time for a new scan" reminder whose analysis still exists: the planner would
    see it missing and send it again (each reminder exactly once: docs/adr/0009). Appointment
    reminders are for visits long past, spot re-checks for analyses older than the planner's
    8-week horizon, so neither comes back.
    """
    before = timezone.now() - timedelta(days=settings.RETENTION_SENT_REMINDERS_DAYS)
    old = Reminder.objects.filter(status=Reminder.Status.SENT, sent_at__lt=before).exclude(
        kind=Reminder.Kind.RESCAN, analysis_id__in=Analysis.objects.values("pk")
    )
    deleted = 0
    while True:
        ids = list(old.values_list("pk", flat=True)[:BATCH])
        if not ids:
            return deleted
        deleted += Reminder.objects.filter(pk__in=ids).delete()[0]


def exports_clear() -> int:
    """Export zips whose link expired or that were downloaded: the file goes, the row stays
    (status expired) so the account page can say so."""
    with_files = DataExport.objects.exclude(file_name="")
    finished = with_files.filter(status=ExportStatus.DOWNLOADED) | with_files.filter(
        status=ExportStatus.READY, expires_at__lt=timezone.now()
    )
    cleared = 0
    for export in finished[:BATCH]:
        with transaction.atomic():
            updated = DataExport.objects.filter(pk=export.pk, file_name=export.file_name).update(
                file_name="",
                status=(
                    ExportStatus.EXPIRED
                    if export.status == ExportStatus.READY
                    else ExportStatus.DOWNLOADED
                ),
            )
            if updated:
                media_files_delete_on_commit([export.file_name])
                cleared += 1
    return cleared


def raw_videos_clear() -> int:
    """Videos still not cleaned (re-encoded without metadata) RETENTION_RAW_VIDEO_HOURS
    after upload: the clean-up failed for good, so the raw original, never served, goes
    (with its analysis, which never ran)."""
    before = timezone.now() - timedelta(hours=settings.RETENTION_RAW_VIDEO_HOURS)
    stale = Upload.objects.filter(kind=MediaKind.VIDEO, sanitized=False, created_at__lt=before)
    deleted = 0
    for upload in stale[:BATCH]:
        with transaction.atomic():
            upload_delete(upload=upload)
        deleted += 1
    if deleted:
        logger.warning("deleted %d raw videos whose clean-up had failed", deleted)
    return deleted
