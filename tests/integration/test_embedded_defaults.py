"""`make run` needs no server: SQLite and kombu's filesystem broker, with a real worker.

CI runs everything else on MariaDB and Redis, so this is the one check that the embedded
defaults a newcomer gets from a fresh clone still work end to end: migrate on SQLite, then a
task goes through the filesystem broker to a separate worker process and its answer comes
back through the SQLite result backend. It runs in subprocesses, with the local settings
(`make run`'s), in a temporary database and a queue of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[2]
SERVER_SETTINGS = ("DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL")
ROUND_TRIP = """
from metskin.core.tasks import worker_ping
answer = worker_ping.delay("{nonce}").get(timeout=60)
assert (answer["nonce"], answer["database"]) == ("{nonce}", "ok"), answer
print("round trip ok")
"""


def embedded_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SERVER_SETTINGS}
    env.update(
        DJANGO_SETTINGS_MODULE="config.django.local",
        # make run's own defaults, moved to a temporary folder so a running `make run` and
        # this test never share a database, a queue or results
        DATABASE_URL=f"sqlite:///{tmp_path / 'metskin.sqlite3'}",
        CELERY_BROKER_URL="filesystem://",
        CELERY_RESULT_BACKEND=f"db+sqlite:///{tmp_path / 'results.sqlite3'}",
        CELERY_TASK_DEFAULT_QUEUE=f"embedded-test-{uuid.uuid4().hex[:8]}",
    )
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip


def test_make_run_defaults_migrate_and_run_a_task_on_a_real_worker(tmp_path):
    env = embedded_env(tmp_path)
    migrated = manage(env, "migrate", "--no-input")
    assert migrated.returncode == 0, migrated.stderr

    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        nonce = uuid.uuid4().hex
        sent = manage(env, "shell", "-c", ROUND_TRIP.format(nonce=nonce))
        assert sent.returncode == 0, sent.stderr
        assert "round trip ok" in sent.stdout
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
