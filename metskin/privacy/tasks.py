"""Privacy's Celery tasks: deletions whose grace period is over, exports, retention."""

from __future__ import annotations

from celery import shared_task

from metskin.privacy import deletion, retention
from metskin.privacy.export import data_export_build


@shared_task(name="privacy.account_deletions_run")
def account_deletions_run_task() -> int:
    """Delete every account whose grace period is over; how many. Each in its own
    transaction, so one failure does not keep the others."""
    done = 0
    for user_id in deletion.account_deletions_due():
        if deletion.account_delete(user_id=user_id):
            done += 1
    return done


@shared_task(name="privacy.export_build")
def export_build_task(export_id: str) -> str | None:
    """Build one data export's zip (a repeat delivery finds it claimed and does nothing)."""
    export = data_export_build(export_id=export_id)
    return export.status if export else None


@shared_task(name="privacy.sessions_clear_expired")
def sessions_clear_expired_task() -> None:
    retention.sessions_clear_expired()


@shared_task(name="privacy.axes_records_clear")
def axes_records_clear_task() -> int:
    return retention.axes_records_clear()


@shared_task(name="privacy.reminders_clear_sent")
def reminders_clear_sent_task() -> int:
    return retention.reminders_clear_sent()


@shared_task(name="privacy.exports_clear")
def exports_clear_task() -> int:
    return retention.exports_clear()


@shared_task(name="privacy.raw_videos_clear")
def raw_videos_clear_task() -> int:
    return retention.raw_videos_clear()
