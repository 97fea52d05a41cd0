"""Running on real engines: who may probe the workers, beat's liveness and schedule, and the
one-line preflight that names what is down (issue 16; the probe's limit is issue 11)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from metskin.core.beat import forget_undeclared_periodic_tasks
from metskin.core.health import PartDown, check_beat
from metskin.core.models import Heartbeat

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]


def test_the_worker_probe_is_refused_to_a_client_elsewhere_without_the_token():
    response = Client(REMOTE_ADDR="203.0.113.7").get("/healthz?worker=1")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    # The plain health check stays open to all (load balancers use it).
    assert Client(REMOTE_ADDR="203.0.113.7").get("/healthz").status_code == 200


def test_a_forwarded_header_does_not_make_a_client_local():
    client = Client(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="127.0.0.1")

    assert client.get("/healthz?worker=1").status_code == 403


def test_behind_a_proxy_on_this_machine_a_remote_client_is_not_local(settings):
    # docs/deploy.md: gunicorn on 127.0.0.1 behind a TLS proxy, TRUSTED_PROXY_COUNT=1. Every
    # request then comes from 127.0.0.1; the client the proxy names is who is asking.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    remote = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    claims_local = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="127.0.0.1, 203.0.113.7")
    garbled = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="<script>")

    statuses = [c.get("/healthz?worker=1").status_code for c in (remote, claims_local, garbled)]

    assert statuses == [403, 403, 403]


def test_with_a_token_set_even_a_local_client_needs_it(settings):
    settings.HEALTHZ_TOKEN = "probe-secret"

    without = Client().get("/healthz?worker=1")
    wrong = Client().get("/healthz?worker=1", HTTP_AUTHORIZATION="Bearer nope")

    assert (without.status_code, wrong.status_code) == (403, 403)


def test_beat_is_down_when_its_last_heartbeat_is_old(settings):
    settings.BEAT_STALE_AFTER_S = 120
    Heartbeat.objects.create(name="beat", at=timezone.now() - timedelta(seconds=300))

    with pytest.raises(PartDown, match="last heartbeat 300 s ago"):
        check_beat()


def test_beat_is_alive_with_a_recent_heartbeat():
    Heartbeat.objects.create(name="beat", at=timezone.now() - timedelta(seconds=5))

    assert check_beat() == "ok"


def test_beat_forgets_a_periodic_task_that_code_no_longer_declares():
    every_minute = IntervalSchedule.objects.create(every=60, period=IntervalSchedule.SECONDS)
    PeriodicTask.objects.create(name="old.job", task="old.job", interval=every_minute)
    PeriodicTask.objects.create(name="core.beat_heartbeat", task="x", interval=every_minute)

    deleted = forget_undeclared_periodic_tasks({"core.beat_heartbeat"})

    assert deleted == 1
    assert list(PeriodicTask.objects.values_list("name", flat=True)) == ["core.beat_heartbeat"]


def test_preflight_passes_when_every_part_answers():
    out = StringIO()

    call_command("preflight", stdout=out)

    assert "answer" in out.getvalue()


def test_preflight_names_an_unreachable_broker_in_one_line(monkeypatch):
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")
    err = StringIO()

    with pytest.raises(SystemExit) as exited:
        call_command("preflight", stderr=err)

    assert exited.value.code == 2
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("MetSkin cannot start: broker: cannot reach redis://127.0.0.1:1")
    assert "CELERY_BROKER_URL" in lines[0]


def preflight_with(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.django.local", **env}
    return subprocess.run(
        [sys.executable, "manage.py", "preflight"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_preflight_names_a_database_nobody_listens_on_and_exits_2():
    result = preflight_with(DATABASE_URL="mysql://root@127.0.0.1:1/metskin")

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0].startswith(
        "MetSkin cannot start: database: cannot use mysql at 127.0.0.1:1"
    )
    assert "DATABASE_URL" in result.stderr


def test_a_database_url_of_an_unknown_kind_is_one_line_not_a_traceback():
    result = preflight_with(DATABASE_URL="postgres://root@127.0.0.1/metskin")

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "MetSkin cannot start: settings: DATABASE_URL must be "
        "mysql://user:password@host:3306/name (MariaDB or MySQL) or sqlite:////absolute/path.sqlite3"
    ]


def test_make_run_with_a_database_nobody_listens_on_stops_with_one_line():
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "MAKEFLAGS", "MAKELEVEL", "MFLAGS")
    }
    environment.update(DATABASE_URL="mysql://root@127.0.0.1:1/metskin", PORT="1")

    result = subprocess.run(
        ["make", "--no-print-directory", "run"], cwd=ROOT, env=environment,
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip

    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert "MetSkin cannot start: database: cannot use mysql at 127.0.0.1:1" in output
    assert "honcho" not in output  # nothing was started
