"""A task's round trip through the real broker to a real worker and back."""

from __future__ import annotations

import time
import uuid

import pytest
from django.test import Client

from metskin.core.models import Heartbeat
from metskin.core.tasks import beat_heartbeat, worker_ping

pytestmark = pytest.mark.worker


def test_a_task_goes_to_a_worker_and_its_answer_comes_back(celery_worker):
    nonce = uuid.uuid4().hex

    answer = worker_ping.delay(nonce).get(timeout=20)

    assert answer["nonce"] == nonce
    assert answer["database"] == "ok"


def test_healthz_can_check_a_worker_round_trip_and_beats_heartbeat(celery_worker):
    # What beat sends on its interval, run by the real worker (beat itself is not started here).
    beat_heartbeat.delay()
    deadline = time.monotonic() + 20
    while not Heartbeat.objects.filter(name="beat").exists() and time.monotonic() < deadline:
        time.sleep(0.2)

    response = Client().get("/healthz?worker=1")

    assert response.status_code == 200, response.json()
    states = response.json()
    assert states["worker"].startswith("ok: ")  # names the worker(s) that answered
    assert {k: v for k, v in states.items() if k != "worker"} == {
        "database": "ok", "cache": "ok", "broker": "ok", "beat": "ok",
    }  # fmt: skip


def test_healthz_says_beat_is_down_when_no_heartbeat_came(celery_worker):
    response = Client().get("/healthz?worker=1")

    assert response.status_code == 503
    assert response.json()["beat"] == "error: no heartbeat from beat yet"
    assert response.json()["worker"].startswith("ok: ")
