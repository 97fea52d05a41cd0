"""The beat task that queues again the analyses nobody is working on (a lost enqueue, a crash)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from config.celery_app import app as celery_app
from metskin.analysis.models import Analysis, AnalysisStatus
from metskin.analysis.services import analysis_requeue_stuck
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.core.beat import collect_beat_schedule

pytestmark = pytest.mark.django_db

MINUTES_AGO = timedelta(minutes=10)


def _drain_queue() -> list[str]:
    """The analysis ids of the analysis.run messages waiting on the real broker (taken off).

    Other tasks' messages are taken off too and not counted: an earlier test in this process
    may have queued one with no worker to take it (an email after an account deletion)."""
    ids: list[str] = []
    with celery_app.connection_for_read() as connection:
        # The name alone gives Celery's default: a direct exchange and routing key of that name.
        simple = connection.SimpleQueue(settings.CELERY_TASK_DEFAULT_QUEUE)
        try:
            while True:
                try:
                    message = simple.get(block=False)
                except simple.Empty:
                    break
                if message.headers["task"] == "analysis.run":
                    ids.append(message.payload[0][0])
                message.ack()
        finally:
            simple.close()
    return ids


@pytest.fixture
def broker_queue() -> Iterator[None]:
    """This test's messages, on this process' own test queue; nothing is left behind."""
    _drain_queue()
    yield
    _drain_queue()


def _analysis(status: str, *, touched_ago: timedelta, **fields: object) -> Analysis:
    analysis: Analysis = AnalysisFactory(status=status)  # type: ignore[assignment]
    Analysis.objects.filter(pk=analysis.pk).update(
        updated_at=timezone.now() - touched_ago, **fields
    )
    return analysis


def test_an_analysis_pending_for_minutes_is_queued_again_once(broker_queue):
    # Given an analysis whose task never reached the broker, ten minutes ago
    stuck = _analysis(AnalysisStatus.PENDING, touched_ago=MINUTES_AGO)

    # When the sweeper runs twice in a row
    first = analysis_requeue_stuck()
    second = analysis_requeue_stuck()

    # Then it was queued once on the broker, and the row says so
    assert first == [str(stuck.id)]
    assert second == []
    assert _drain_queue() == [str(stuck.id)]
    stuck.refresh_from_db()
    assert (stuck.status, stuck.attempts) == ("pending", 0)
    assert timezone.now() - stuck.updated_at < timedelta(minutes=1)


def test_a_running_analysis_whose_lease_ran_out_is_queued_again(broker_queue):
    # Given a run whose worker died: its lease ended a minute ago
    crashed = _analysis(
        AnalysisStatus.RUNNING,
        touched_ago=MINUTES_AGO,
        attempts=1,
        claimed_until=timezone.now() - timedelta(minutes=1),
    )

    queued = analysis_requeue_stuck()

    # Then the task is queued again; its own claim takes the row over (docs/adr/0005)
    assert queued == [str(crashed.id)]
    assert _drain_queue() == [str(crashed.id)]
    crashed.refresh_from_db()
    assert (crashed.status, crashed.attempts) == ("running", 1)


def test_work_in_progress_fresh_and_finished_analyses_are_left_alone(broker_queue):
    _analysis(AnalysisStatus.PENDING, touched_ago=timedelta(seconds=30))
    _analysis(
        AnalysisStatus.RUNNING,
        touched_ago=MINUTES_AGO,
        attempts=1,
        claimed_until=timezone.now() + timedelta(minutes=2),
    )
    _analysis(AnalysisStatus.DONE, touched_ago=MINUTES_AGO)
    before = list(Analysis.objects.values_list("id", "status", "updated_at", "attempts"))

    queued = analysis_requeue_stuck()

    assert queued == []
    assert _drain_queue() == []
    after = list(Analysis.objects.values_list("id", "status", "updated_at", "attempts"))
    assert after == before


def test_an_analysis_that_keeps_losing_its_worker_is_given_up_with_a_message(broker_queue):
    # Given a run that crashed its worker on every attempt (a file that kills the process)
    doomed = _analysis(
        AnalysisStatus.RUNNING,
        touched_ago=MINUTES_AGO,
        attempts=settings.ANALYSIS_MAX_ATTEMPTS,
        claimed_until=timezone.now() - timedelta(minutes=1),
    )

    queued = analysis_requeue_stuck()

    # Then it is not queued again but failed, with a message a person can read
    assert queued == []
    assert _drain_queue() == []
    doomed.refresh_from_db()
    assert (doomed.status, doomed.error_code, doomed.claimed_until) == (
        "failed",
        "temporarily_unavailable",
        None,
    )
    assert doomed.error_message.startswith("We could not finish this analysis")


def test_a_dead_workers_analysis_is_queued_again_as_soon_as_its_short_lease_ran_out(broker_queue):
    # Given a run claimed 40 s ago whose worker died: nobody renewed its 30 s lease
    dead = _analysis(
        AnalysisStatus.RUNNING,
        touched_ago=timedelta(seconds=40),
        attempts=1,
        claimed_until=timezone.now() - timedelta(seconds=2),
    )
    # and one the sweeper queued again a moment ago (a worker is about to claim it)
    _analysis(
        AnalysisStatus.RUNNING,
        touched_ago=timedelta(seconds=5),
        attempts=1,
        claimed_until=timezone.now() - timedelta(seconds=20),
    )

    assert analysis_requeue_stuck() == [str(dead.id)]
    assert _drain_queue() == [str(dead.id)]


def test_the_sweeper_runs_every_fifteen_seconds_from_beat():
    entry = collect_beat_schedule()["analysis.requeue_stuck"]

    assert entry == {
        "task": "analysis.requeue_stuck",
        "schedule": 15.0,
        "options": {"expires": 15.0},
    }
    assert "analysis.requeue_stuck" in celery_app.tasks
