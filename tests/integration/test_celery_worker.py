"""A task's round trip through the real broker to a real worker and back."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from metskin.core.tasks import worker_ping

pytestmark = pytest.mark.worker


def test_a_task_goes_to_a_worker_and_its_answer_comes_back(celery_worker):
    nonce = uuid.uuid4().hex

    answer = worker_ping.delay(nonce).get(timeout=20)

    assert answer["nonce"] == nonce
    assert answer["database"] == "ok"


def test_healthz_can_check_a_worker_round_trip(celery_worker):
    response = Client().get("/healthz?worker=1")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "broker": "ok", "worker": "ok"}
