"""`make run` from a fresh clone, as a newcomer types it, in both modes.

Embedded (no configuration: SQLite and the filesystem broker) and on real engines (MariaDB and
Redis, the README's own settings). Each run installs, builds, migrates, seeds and starts the
web server, a worker and beat; the test waits until `/healthz?worker=1` says every part is ok
(a worker answered a task and beat's heartbeat reached a worker), then stops everything with
Ctrl-C (SIGINT to the process group) and checks that nothing is left running.

A fresh clone matters: a folder left behind by an earlier run once hid a beat that could not
start on Redis (issue 16). The clone is of the committed HEAD.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

pytestmark = pytest.mark.worker

ROOT = Path(__file__).resolve().parents[2]
# What the suite's own environment sets and a newcomer's shell does not.
NOT_A_NEWCOMERS = (
    "DATABASE_URL", "CELERY_BROKER_URL", "CELERY_RESULT_BACKEND", "CACHE_URL",
    "DJANGO_SETTINGS_MODULE", "CELERY_TEST_QUEUE", "CELERY_TASK_DEFAULT_QUEUE",
    "UV_PROJECT_ENVIRONMENT", "VIRTUAL_ENV", "PYTEST_XDIST_WORKER", "PYTEST_CURRENT_TEST",
    "MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PORT", "SITE_URL", "EMAIL_URL",
)  # fmt: skip
# Install, build, migrate and seed from nothing; minutes on a busy 2-core machine.
START_BUDGET_S = 600
STOP_BUDGET_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthz(port: int) -> dict[str, str] | None:
    url = f"http://127.0.0.1:{port}/healthz?worker=1"
    try:
        with urllib.request.urlopen(url, timeout=15) as response:
            return dict(json.load(response))
    except urllib.error.HTTPError as exc:  # 503 still carries the parts' states
        return dict(json.load(exc))
    except (OSError, ValueError):
        return None


def all_ok(states: dict[str, str] | None) -> bool:
    return states is not None and all(s == "ok" or s.startswith("ok:") for s in states.values())


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.fixture
def fresh_clone(tmp_path: Path) -> Path:
    clone = tmp_path / "metskin"
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    return clone


@pytest.fixture
def mariadb_and_redis() -> Iterator[dict[str, str]]:
    """A database of its own on the suite's MariaDB, and Redis databases no test uses."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.mysql":
        pytest.skip("the suite runs on SQLite here; CI runs it on MariaDB (DATABASE_URL)")
    import MySQLdb

    name = f"metskin_makerun_{uuid.uuid4().hex[:8]}"
    server = {"host": database["HOST"] or "127.0.0.1", "port": int(database["PORT"] or 3306)}
    admin = MySQLdb.connect(user=database["USER"], password=database["PASSWORD"], **server)
    admin.cursor().execute(
        f"CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
    )
    redis = urlsplit(settings.CELERY_BROKER_URL)
    user = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    try:
        yield {
            "DATABASE_URL": f"mysql://{user}@{server['host']}:{server['port']}/{name}",
            "CELERY_BROKER_URL": f"redis://{redis.netloc}/13",
            "CACHE_URL": f"redis://{redis.netloc}/14",
            # Never share a queue with another run's worker.
            "CELERY_TASK_DEFAULT_QUEUE": f"makerun-{uuid.uuid4().hex[:8]}",
        }
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name}")
        admin.close()


def a_newcomers_first_hour(clone: Path, env: dict[str, str], port: int) -> None:
    """Emailed links follow PORT, every email lands in the outbox the README names, and the
    demo accounts' two-factor codes are one command away."""
    # As the sign-in page does: a page gives the CSRF cookie, the form sends it back.
    cookies = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    browser.open(f"http://127.0.0.1:{port}/signin", timeout=30).read()
    csrf = next(str(cookie.value) for cookie in cookies if cookie.name == "csrftoken")
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v1/auth/password-reset/",
        data=json.dumps({"email": "demo@metskin.example"}).encode(),
        headers={"Content-Type": "application/json", "X-CSRFToken": csrf},
        method="POST",
    )
    with browser.open(request, timeout=30) as response:
        assert response.status == 202
    mail = clone / "var" / "mail"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not list(mail.glob("*.eml")):
        time.sleep(0.5)
    [email] = list(mail.glob("*.eml"))
    assert f"http://127.0.0.1:{port}/" in email.read_text()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/dev/outbox/", timeout=30) as response:
        assert "demo@metskin.example" in response.read().decode()
    codes = subprocess.run(
        [".venv/bin/python", "manage.py", "demo_codes"], cwd=clone, env=env,
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert "doctor@metskin.example" in codes and "staff@metskin.example" in codes


def make_run(clone: Path, settings_env: dict[str, str], log: Path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in NOT_A_NEWCOMERS}
    env.update(settings_env, PORT=str(port))
    with log.open("w") as out:
        process = subprocess.Popen(
            ["make", "run"], cwd=clone, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as a terminal gives it
        )  # fmt: skip
    pgid = process.pid
    try:
        deadline, states = time.monotonic() + START_BUDGET_S, None
        while time.monotonic() < deadline and process.poll() is None:
            states = healthz(port)
            if all_ok(states):
                break
            time.sleep(3)
        tail = "\n".join(log.read_text().splitlines()[-30:])
        assert process.poll() is None, f"make run exited {process.returncode}:\n{tail}"
        assert all_ok(states), f"not healthy after {START_BUDGET_S} s: {states}\n{tail}"
        assert states is not None
        assert set(states) == {"database", "cache", "broker", "worker", "beat"}
        a_newcomers_first_hour(clone, env, port)

        os.killpg(pgid, signal.SIGINT)  # Ctrl-C
        process.wait(timeout=STOP_BUDGET_S)
        deadline = time.monotonic() + 10
        while group_alive(pgid) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not group_alive(pgid), "a process of make run outlived Ctrl-C"
        assert healthz(port) is None, "the web server still answers after Ctrl-C"
        output = log.read_text()
        for process_name in ("web.1", "worker.1", "beat.1"):
            assert f"{process_name} stopped" in output
    finally:
        if group_alive(pgid):
            os.killpg(pgid, signal.SIGKILL)


def test_make_run_embedded_from_a_fresh_clone(fresh_clone, tmp_path):
    make_run(fresh_clone, {}, tmp_path / "make-run.log")

    # The embedded defaults live in the clone's var/; nothing else was needed.
    assert (fresh_clone / "var" / "metskin.sqlite3").exists()


def test_make_run_on_mariadb_and_redis_from_a_fresh_clone(fresh_clone, mariadb_and_redis, tmp_path):
    make_run(fresh_clone, mariadb_and_redis, tmp_path / "make-run.log")

    # Beat kept its schedule in the database, not in a local file.
    assert not (fresh_clone / "var" / "celery").exists()
