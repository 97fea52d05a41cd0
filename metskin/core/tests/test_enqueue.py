"""Services queue tasks by name through core.enqueue, on the real broker."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings

from config.celery_app import app as celery_app
from metskin.core.enqueue import enqueue, enqueue_on_commit


def _drain() -> list[tuple[str, list[Any]]]:
    """(task name, args) of every message waiting on this process' test queue, taken off."""
    taken: list[tuple[str, list[Any]]] = []
    with celery_app.connection_for_read() as connection:
        queue = connection.SimpleQueue(settings.CELERY_TASK_DEFAULT_QUEUE)
        try:
            while True:
                try:
                    message = queue.get(block=False)
                except queue.Empty:
                    break
                taken.append((message.headers["task"], list(message.payload[0])))
                message.ack()
        finally:
            queue.close()
    return taken


@pytest.fixture
def queue() -> Iterator[None]:
    _drain()
    yield
    _drain()


def test_a_task_is_sent_by_its_registered_name_with_its_arguments(queue):
    enqueue("appointments.waitlist_offer", "doctor-1", "2026-12-08T09:00:00+00:00", "video")

    assert _drain() == [
        ("appointments.waitlist_offer", ["doctor-1", "2026-12-08T09:00:00+00:00", "video"])
    ]


def test_an_unknown_name_raises_and_sends_nothing(queue):
    with pytest.raises(LookupError, match=r"analysis\.rnu"):
        enqueue("analysis.rnu", "some-id")

    assert _drain() == []


@pytest.mark.django_db
def test_on_commit_sends_only_once_the_transaction_commits(
    queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        enqueue_on_commit("appointments.email", "appointment-1", "booked")
        assert _drain() == []  # still inside the transaction

    assert len(callbacks) == 1
    assert _drain() == [("appointments.email", ["appointment-1", "booked"])]
