"""Beat plans and dispatches reminders; each send is a task that claims its row first."""

from __future__ import annotations

import smtplib
from typing import Any

from celery import Task, shared_task
from django.conf import settings

from metskin.notifications import services
from metskin.notifications.sms import SmsTransientError

TRANSIENT = (SmsTransientError, smtplib.SMTPException, OSError)


@shared_task(bind=True, name="notifications.reminder_send", acks_late=True)
def reminder_send_task(self: Task[Any, Any], reminder_id: str) -> str:
    task_id = str(self.request.id)
    if not services.reminder_claim(reminder_id=reminder_id, task_id=task_id):
        return "not-mine"  # already sent, being sent, or not due: someone else has it
    try:
        return services.reminder_deliver(reminder_id=reminder_id)
    except TRANSIENT as exc:
        retries = int(self.request.retries or 0)
        if retries >= settings.REMINDER_MAX_RETRIES:
            services.reminder_mark_failed(
                reminder_id=reminder_id,
                error=f"Gave up after {retries + 1} attempts. Last error: {exc}",
            )
            return "failed"
        services.reminder_mark_retrying(reminder_id=reminder_id, error=str(exc))
        countdown = settings.REMINDER_RETRY_BACKOFF_SECONDS * (2**retries)
        raise self.retry(exc=exc, countdown=countdown, max_retries=None) from exc
    except Exception as exc:
        # Not transient: record it for a person to read, never retry blindly.
        services.reminder_mark_failed(reminder_id=reminder_id, error=f"Not sent: {exc}")
        raise


@shared_task(name="notifications.reminders_tick", acks_late=False)
def reminders_tick_task() -> list[str]:
    """Every minute: plan new reminders, give up stuck ones, queue the due ones."""
    services.reminders_plan()
    services.reminders_give_up_stuck()
    return [
        str(reminder_send_task.delay(str(reminder_id)).id)
        for reminder_id in services.reminders_due()
    ]
