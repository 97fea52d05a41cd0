"""A spot the triage called "routine": a reminder to photograph it again, six weeks later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail

from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.notifications.models import Reminder
from metskin.notifications.services import reminder_claim, reminder_deliver, reminders_plan
from metskin.notifications.tests.helpers import patient_with_reminders

pytestmark = pytest.mark.django_db
ANALYSED = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)


def spot(user, urgency: str = "routine", when=ANALYSED, **extra) -> Analysis:
    analysis: Analysis = AnalysisFactory(owner=user)  # type: ignore[assignment]
    Analysis.objects.filter(pk=analysis.pk).update(
        finished_at=when, created_at=when, lesion_urgency=urgency, **extra
    )
    analysis.refresh_from_db()
    return analysis


def test_a_routine_spot_gets_one_reminder_per_channel_six_weeks_on():
    user = patient_with_reminders(notify_sms=False)
    watched = spot(user)
    spot(user, urgency="soon")  # referred, not watched
    spot(user, urgency="")  # no spot assessed

    with time_machine.travel(ANALYSED + timedelta(days=1), tick=False):
        planned = reminders_plan() + reminders_plan()

    assert planned == 1
    reminder = Reminder.objects.get()
    assert (reminder.kind, reminder.channel, reminder.analysis_id) == (
        "spot_recheck",
        "email",
        watched.pk,
    )
    assert reminder.due_at == ANALYSED + timedelta(weeks=6)


def test_it_sits_beside_a_rescan_reminder_for_the_same_analysis():
    user = patient_with_reminders(notify_sms=False, rescan_reminder_weeks=4)
    spot(user)
    with time_machine.travel(ANALYSED + timedelta(days=1), tick=False):
        reminders_plan()
    assert sorted(Reminder.objects.values_list("kind", flat=True)) == ["rescan", "spot_recheck"]


def test_the_reminder_links_the_new_photo_to_the_spot_and_is_sent_once():
    user = patient_with_reminders(notify_sms=False)
    watched = spot(user)
    with time_machine.travel(ANALYSED + timedelta(days=1), tick=False):
        reminders_plan()
    reminder = Reminder.objects.get()
    mail.outbox.clear()

    with time_machine.travel(ANALYSED + timedelta(weeks=6, minutes=1), tick=False):
        first = reminder_claim(reminder_id=reminder.pk, task_id="t1") and reminder_deliver(
            reminder_id=reminder.pk
        )
        second = reminder_claim(reminder_id=reminder.pk, task_id="t2")

    assert (first, second) == ("sent", False)
    (message,) = mail.outbox
    assert message.subject == "Time to photograph your spot again"
    assert f"/analyse?same_spot_as={watched.pk}" in message.body
    assert "cancer" not in message.body.lower()


def test_once_the_spot_is_photographed_again_the_reminder_is_not_needed():
    user = patient_with_reminders(notify_sms=False)
    watched = spot(user)
    with time_machine.travel(ANALYSED + timedelta(days=1), tick=False):
        reminders_plan()
    reminder = Reminder.objects.get()
    again = spot(user, when=ANALYSED + timedelta(weeks=5), same_spot_as=watched)
    mail.outbox.clear()

    with time_machine.travel(ANALYSED + timedelta(weeks=6, minutes=1), tick=False):
        reminder_claim(reminder_id=reminder.pk, task_id="t1")
        outcome = reminder_deliver(reminder_id=reminder.pk)
        # planning again: the new photo (still "routine") gets its own reminder, the old none
        assert reminders_plan() == 1
    assert Reminder.objects.filter(analysis_id=again.pk).count() == 1

    assert outcome == "skipped" and mail.outbox == []
    reminder.refresh_from_db()
    assert reminder.last_error == "The spot was photographed again already."


def test_old_analyses_are_not_planned_any_more():
    user = patient_with_reminders(notify_sms=False)
    spot(user)
    with time_machine.travel(ANALYSED + timedelta(weeks=9), tick=False):
        assert reminders_plan() == 0
