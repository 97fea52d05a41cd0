"""Promises of the platform that nothing else exercises: Celery's safety settings, the beat
schedule, /healthz when the cache is down, pagination limits, and the README's demo sign-in."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from config.celery_app import app as celery_app
from metskin.core.beat import collect_beat_schedule
from metskin.core.pagination import DefaultPagination
from metskin.doctors.tests.factories import DoctorFactory

ROOT = Path(__file__).resolve().parents[3]


def test_celery_acknowledges_late_and_speaks_only_json():
    conf = celery_app.conf

    assert (conf.task_serializer, conf.result_serializer) == ("json", "json")
    assert list(conf.accept_content) == ["json"]
    # a task whose worker dies is redelivered, not lost (tasks are idempotent for this)
    assert conf.task_acks_late is True
    assert conf.task_reject_on_worker_lost is True


def test_every_beat_entry_runs_a_task_the_workers_know():
    celery_app.loader.import_default_modules()
    schedule = collect_beat_schedule()

    assert schedule, "beat has nothing to do"
    unknown = {name: e["task"] for name, e in schedule.items() if e["task"] not in celery_app.tasks}
    assert unknown == {}


@pytest.mark.django_db
def test_healthz_is_503_when_the_cache_is_down():
    # a Redis cache on a port where nothing listens: a real failure, not a stub
    down = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                        "LOCATION": "redis://127.0.0.1:1/0"}}  # fmt: skip
    with override_settings(CACHES=down):
        response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"].startswith("error")
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_lists_are_paginated_with_a_capped_page_size(api_client):
    DoctorFactory.create_batch(23)

    first = api_client.get("/api/v1/doctors/").json()
    small = api_client.get("/api/v1/doctors/?page_size=5&page=2").json()
    huge = api_client.get("/api/v1/doctors/?page_size=100000")

    assert first["count"] == 23 and len(first["results"]) == 20 and first["next"]
    assert len(small["results"]) == 5 and small["previous"]
    assert huge.status_code == 200 and len(huge.json()["results"]) == 23
    asked_too_much = Request(APIRequestFactory().get("/", {"page_size": 100000}))
    assert DefaultPagination().get_page_size(asked_too_much) == 100
    beyond = api_client.get("/api/v1/doctors/?page=99")
    assert beyond.status_code == 404
    assert beyond.json()["error"]["code"] == "not_found"


@pytest.mark.django_db
def test_the_demo_patient_signs_in_with_the_password_the_readme_shows():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    row = re.search(r"\| patient \| `(?P<email>[^`]+)` \| `(?P<password>[^`]+)` \|", readme)
    assert row, "the README's demo accounts table has no patient row"

    call_command("seed_demo", stdout=io.StringIO())
    response = Client().post(
        "/api/v1/auth/token/",
        {"email": row["email"], "password": row["password"]},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert response.json()["token"]
