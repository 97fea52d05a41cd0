"""Opt-in "time for a new scan" reminders, some weeks after the latest analysis."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.notifications.models import Reminder
from metskin.notifications.services import (
    reminder_claim,
    reminder_deliver,
    reminders_plan,
)
from metskin.notifications.tests.helpers import patient_with_reminders

pytestmark = pytest.mark.django_db
ANALYSED = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)


def analysed(user, when=ANALYSED):
    analysis = AnalysisFactory(owner=user)
    Analysis.objects.filter(pk=analysis.pk).update(finished_at=when, created_at=when)
    return analysis


def test_only_people_who_opted_in_get_one_per_channel_after_their_weeks():
    keen = patient_with_reminders(rescan_reminder_weeks=4, notify_sms=False)
    analysis = analysed(keen)
    analysed(patient_with_reminders())  # not opted in

    planned = reminders_plan() + reminders_plan()

    assert planned == 1
    reminder = Reminder.objects.get()
    assert (reminder.user, reminder.kind, reminder.channel) == (keen, "rescan", "email")
    assert reminder.analysis_id == analysis.pk
    assert reminder.due_at == ANALYSED + timedelta(weeks=4)


def test_the_reminder_is_sent_then_not_again():
    keen = patient_with_reminders(rescan_reminder_weeks=4, notify_sms=False)
    analysed(keen)
    reminders_plan()
    reminder = Reminder.objects.get()
    mail.outbox.clear()

    with time_machine.travel(ANALYSED + timedelta(weeks=4, minutes=1), tick=False):
        first = reminder_claim(reminder_id=reminder.pk, task_id="t1") and reminder_deliver(
            reminder_id=reminder.pk
        )
        second = reminder_claim(reminder_id=reminder.pk, task_id="t2")

    assert (first, second) == ("sent", False)
    (message,) = mail.outbox
    assert message.subject == "Time for a new skin scan"
    assert "It has been 4 weeks since your last skin analysis." in message.body


def test_a_newer_scan_makes_the_old_reminder_unneeded():
    keen = patient_with_reminders(rescan_reminder_weeks=4, notify_sms=False)
    analysed(keen)
    reminders_plan()
    reminder = Reminder.objects.get()
    analysed(keen, when=ANALYSED + timedelta(weeks=2))
    mail.outbox.clear()

    with time_machine.travel(ANALYSED + timedelta(weeks=4, minutes=1), tick=False):
        reminder_claim(reminder_id=reminder.pk, task_id="t1")
        outcome = reminder_deliver(reminder_id=reminder.pk)

    assert outcome == "skipped"
    assert mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.last_error == "There is a newer analysis already."
