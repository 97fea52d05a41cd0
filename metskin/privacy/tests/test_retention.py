"""Retention jobs: each deletes exactly what its setting says is too old, and nothing else."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.utils import timezone

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.core.beat import collect_beat_schedule
from metskin.notifications.models import Reminder
from metskin.privacy import tasks
from metskin.privacy.models import DataExport, ExportStatus
from metskin.uploads.models import Upload
from metskin.uploads.services import media_name
from metskin.uploads.storage import private_storage
from metskin.uploads.tests import media
from metskin.uploads.tests.factories import UploadFactory

pytestmark = pytest.mark.django_db


def _ago(**delta: float) -> datetime:
    return timezone.now() - timedelta(**delta)


def test_every_job_is_on_the_beat_schedule():
    schedule = collect_beat_schedule()
    for name in (
        "privacy.account_deletions_run",
        "privacy.sessions_clear_expired",
        "privacy.axes_records_clear",
        "privacy.reminders_clear_sent",
        "privacy.exports_clear",
        "privacy.raw_videos_clear",
    ):
        assert schedule[name]["task"] == name


def test_expired_sessions_are_cleared():
    live, dead = SessionStore(), SessionStore()
    live.create()
    dead.create()
    Session.objects.filter(session_key=dead.session_key).update(expire_date=_ago(seconds=1))

    tasks.sessions_clear_expired_task()

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def _attempt(model, days: int) -> object:
    fields: dict[str, Any] = {
        "user_agent": f"test-{days}",
        "ip_address": "192.0.2.1",
        "username": "ada@example.com",
        "http_accept": "*/*",
        "path_info": "/api/v1/auth/login/",
    }
    if model is AccessAttempt:
        fields.update(get_data="", post_data="", failures_since_start=3)
    row = model.objects.create(**fields)
    model.objects.filter(pk=row.pk).update(attempt_time=_ago(days=days))
    return row


def test_old_lockout_records_are_cleared(settings):
    settings.RETENTION_AXES_DAYS = 30
    _attempt(AccessAttempt, 31)
    new_attempt = _attempt(AccessAttempt, 29)
    _attempt(AccessFailureLog, 31)
    new_failure = _attempt(AccessFailureLog, 1)

    assert tasks.axes_records_clear_task() == 2

    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [new_attempt.pk]
    assert list(AccessFailureLog.objects.values_list("pk", flat=True)) == [new_failure.pk]


def _reminder(user, *, sent_days_ago: int | None, kind=Reminder.Kind.SPOT_RECHECK, analysis=None):
    analysis = analysis or AnalysisFactory(owner=user, overlay=False)
    return Reminder.objects.create(
        user=user,
        kind=kind,
        channel="email",
        analysis_id=analysis.pk,
        due_at=_ago(days=sent_days_ago or 0),
        status=Reminder.Status.SENT if sent_days_ago is not None else Reminder.Status.PENDING,
        sent_at=_ago(days=sent_days_ago) if sent_days_ago is not None else None,
    )


def test_sent_reminders_older_than_a_year_are_cleared(settings):
    settings.RETENTION_SENT_REMINDERS_DAYS = 365
    user = UserFactory()
    old = _reminder(user, sent_days_ago=366)
    recent = _reminder(user, sent_days_ago=300)
    pending = _reminder(user, sent_days_ago=None)
    # A rescan reminder for an analysis that still exists would be planned again if deleted.
    latest = AnalysisFactory(owner=user)
    rescan_kept = _reminder(user, sent_days_ago=400, kind=Reminder.Kind.RESCAN, analysis=latest)

    assert tasks.reminders_clear_sent_task() == 1

    assert set(Reminder.objects.values_list("pk", flat=True)) == {
        recent.pk,
        pending.pk,
        rescan_kept.pk,
    }
    assert not Reminder.objects.filter(pk=old.pk).exists()


def _export(user, status, *, expires_in_hours: int) -> DataExport:
    name = private_storage().save(media_name("exports", "zip"), ContentFile(b"zip"))
    return DataExport.objects.create(
        user=user,
        status=status,
        progress=100,
        file_name=name,
        expires_at=timezone.now() + timedelta(hours=expires_in_hours),
    )


def test_export_zips_go_after_their_link_expires_or_their_download(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()
    expired = _export(user, ExportStatus.READY, expires_in_hours=-1)
    downloaded = _export(user, ExportStatus.DOWNLOADED, expires_in_hours=5)
    waiting = _export(user, ExportStatus.READY, expires_in_hours=5)
    storage = private_storage()

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.exports_clear_task() == 2

    assert set(storage.stored_names()) == {waiting.file_name}
    expired.refresh_from_db()
    downloaded.refresh_from_db()
    assert (expired.status, expired.file_name) == (ExportStatus.EXPIRED, "")
    assert (downloaded.status, downloaded.file_name) == (ExportStatus.DOWNLOADED, "")


def test_raw_videos_whose_clean_up_failed_are_deleted(settings, django_capture_on_commit_callbacks):
    settings.RETENTION_RAW_VIDEO_HOURS = 24
    user = UserFactory()
    stuck = UploadFactory(owner=user, data=media.video(2), name="stuck.mp4")
    fresh = UploadFactory(owner=user, data=media.video(2), name="fresh.mp4")
    photo = UploadFactory(owner=user)
    assert stuck.sanitized is False and fresh.sanitized is False
    Upload.objects.filter(pk=stuck.pk).update(created_at=_ago(hours=25))
    Upload.objects.filter(pk=photo.pk).update(created_at=_ago(days=30))
    Analysis.objects.create(owner=user, upload=stuck)
    stuck_files = set(stuck.stored_names())

    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.raw_videos_clear_task() == 1

    assert set(Upload.objects.values_list("pk", flat=True)) == {fresh.pk, photo.pk}
    assert not Analysis.objects.filter(upload_id=stuck.pk).exists()
    assert not set(private_storage().stored_names()) & stuck_files
