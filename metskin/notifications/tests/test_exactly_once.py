"""Reminders go out exactly once: beat fires twice, workers race, sends fail and retry."""

from __future__ import annotations

import threading
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from celery.result import AsyncResult
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from metskin.appointments.models import AppointmentStatus
from metskin.notifications.models import Reminder
from metskin.notifications.sms import read_sms_file
from metskin.notifications.tasks import reminder_send_task, reminders_tick_task
from metskin.notifications.tests.helpers import appointment_at, patient_with_reminders

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def due_appointment(**profile):
    """An appointment in 2 h 10 min, booked yesterday: its 2-hour reminders are due now."""
    patient = patient_with_reminders(reminder_hours_before=[2], **profile)
    now = timezone.now()
    start = (now + timedelta(hours=2, minutes=10)).replace(microsecond=0)
    # Reminders due in quiet hours would be moved: keep them out of the way.
    return appointment_at(patient, start - timedelta(minutes=15), booked_at=now - timedelta(days=1))


def wait_all(task_ids):
    for task_id in task_ids:
        AsyncResult(task_id).get(timeout=30, propagate=False)


def test_beat_firing_twice_sends_each_reminder_once(request, tmp_path):
    sms_file = tmp_path / "sms.jsonl"
    with override_settings(SMS_FILE_PATH=str(sms_file)):
        appointment = due_appointment()
        mail.outbox.clear()

        # Given two beat ticks before any worker has consumed a message: both find the same
        # reminders due, so two send tasks wait in the queue for each reminder
        first = reminders_tick_task.apply().get()
        second = reminders_tick_task.apply().get()
        assert len(first) == len(second) == 2  # one email and one SMS were due, twice
        # When a real worker starts and works through the four send tasks
        request.getfixturevalue("celery_worker")
        outcomes = [AsyncResult(task_id).get(timeout=30) for task_id in first + second]

        messages = read_sms_file(sms_file)

    # Then the claim let one task of each pair send, and the other found it taken
    assert sorted(outcomes) == ["not-mine", "not-mine", "sent", "sent"]
    reminders = Reminder.objects.filter(appointment=appointment)
    assert sorted(reminders.values_list("channel", "status", "attempts")) == [
        ("email", "sent", 1),
        ("sms", "sent", 1),
    ]
    local = appointment.start.astimezone(ZoneInfo("Europe/London"))
    assert [m.subject for m in mail.outbox] == [
        f"Reminder: your appointment with {appointment.doctor.display_name}, "
        f"{local:%a %d %b, %H:%M} (Europe/London)"
    ]
    assert [m.to for m in mail.outbox] == [[appointment.patient.email]]
    assert len(messages) == 1
    assert messages[0]["to"] == "+447911123456"
    assert messages[0]["body"].startswith(f"MetSkin: reminder, {appointment.doctor.display_name}")


def test_racing_workers_send_a_reminder_once(tmp_path):
    with override_settings(SMS_FILE_PATH=str(tmp_path / "sms.jsonl")):
        due_appointment(notify_sms=False)
        from metskin.notifications.services import reminders_plan

        reminders_plan()
        reminder = Reminder.objects.get()
        mail.outbox.clear()
        barrier = threading.Barrier(5)
        answers = []

        def worker():
            try:
                barrier.wait(timeout=30)
                answers.append(reminder_send_task.apply(args=[str(reminder.pk)]).get())
            finally:
                connection.close()

        threads = [threading.Thread(target=worker) for _ in range(5)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert sorted(answers) == ["not-mine"] * 4 + ["sent"]
    assert len(mail.outbox) == 1
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("sent", 1)


@override_settings(
    SMS_BACKEND="metskin.notifications.tests.backends.AlwaysDownSmsBackend",
    REMINDER_MAX_RETRIES=2,
    REMINDER_RETRY_BACKOFF_SECONDS=0,
)
def test_a_failing_send_is_retried_then_recorded(celery_worker):
    appointment = due_appointment(notify_email=False)
    mail.outbox.clear()

    task_ids = reminders_tick_task.delay().get(timeout=30)
    reminder = Reminder.objects.get(appointment=appointment)
    for _ in range(60):  # the retries are new messages with the same id: wait for the end
        reminder.refresh_from_db()
        if reminder.status == Reminder.Status.FAILED:
            break
        AsyncResult(task_ids[0]).get(timeout=30, propagate=False)

    assert reminder.status == "failed"
    assert reminder.attempts == 3
    assert reminder.last_error == (
        "Gave up after 3 attempts. Last error: The SMS provider answered 503 Service Unavailable."
    )
    assert mail.outbox == []


def test_a_cancelled_appointment_gets_no_reminder(celery_worker, tmp_path):
    with override_settings(SMS_FILE_PATH=str(tmp_path / "sms.jsonl")):
        appointment = due_appointment()
        from metskin.notifications.services import reminders_plan

        reminders_plan()
        appointment.status = AppointmentStatus.CANCELLED
        appointment.slot_start = None
        appointment.save()
        mail.outbox.clear()

        wait_all(reminders_tick_task.delay().get(timeout=30))

        messages = read_sms_file(tmp_path / "sms.jsonl")

    assert set(Reminder.objects.values_list("status", flat=True)) == {"skipped"}
    assert mail.outbox == []
    assert messages == []
