"""The production start in Procfile.serve runs: gunicorn under production settings, with the
same line `make serve` and docs/deploy.md use, answers /healthz and sends browsers to HTTPS;
its preflight stops a web process that cannot reach the database, in one line."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from metskin.core.tests.test_production_settings import PRODUCTION_ENV

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def procfile_line(name: str) -> str:
    for line in (ROOT / "Procfile.serve").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"Procfile.serve has no {name} process")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def production_env(**changes: str) -> dict[str, str]:
    database = connection.settings_dict
    user = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    env = {key: value for key, value in os.environ.items() if key in ("PATH", "HOME", "LANG")}
    env.update(
        PRODUCTION_ENV,
        DATABASE_URL=(
            f"mysql://{user}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 3306}"
            f"/{database['NAME']}"
        ),
        CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    env.update(changes)
    return env


@pytest.fixture
def web() -> Iterator[tuple[int, subprocess.Popen[str]]]:
    port = free_port()
    env = production_env(BIND=f"127.0.0.1:{port}")
    process = subprocess.Popen(
        ["bash", "-c", procfile_line("web")], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    yield port, process
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args: object, **kwargs: object) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.mark.skipif(connection.vendor != "mysql", reason="production runs on MariaDB/MySQL")
def test_gunicorn_under_production_settings_serves_health_and_redirects_to_https(web):
    port, process = web
    deadline, status = time.monotonic() + 60, 0
    while time.monotonic() < deadline and process.poll() is None:
        try:
            status, _, body = get(f"http://127.0.0.1:{port}/healthz")
            break
        except OSError:
            time.sleep(0.3)
    assert process.poll() is None, process.stderr.read() if process.stderr else ""

    assert status == 200, body
    home_status, headers, _ = get(f"http://127.0.0.1:{port}/")
    assert home_status == 301
    assert headers["Location"] == f"https://127.0.0.1:{port}/"


def test_the_web_process_refuses_to_start_without_its_database_in_one_line():
    result = subprocess.run(
        ["bash", "-c", procfile_line("web")], cwd=ROOT, timeout=120, capture_output=True,
        text=True, env=production_env(DATABASE_URL="mysql://root@127.0.0.1:1/metskin"),
    )  # fmt: skip

    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        line for line in result.stderr.strip().splitlines() if line.startswith("MetSkin cannot")
    ]
    assert "database: cannot use mysql at 127.0.0.1:1" in result.stderr
