"""Upload → result through the real stack: gunicorn, Celery workers, MariaDB/MySQL, Redis.

Run with ``python -m bench.pipeline`` (``make bench`` runs it too) with ``DATABASE_URL``
pointing at MySQL/MariaDB and ``CELERY_BROKER_URL`` at Redis, as in CI. Everything stays on
this machine and is removed afterwards:

* a throw-away database ``<your database>_bench_pipeline`` (created, migrated, dropped),
* a temporary media folder with a fresh encryption key,
* gunicorn (2 workers) on a free loopback port, a Celery worker (2 processes) on a queue of
  its own, both stopped at the end; the queue's keys are deleted from Redis.

Measured: the time from the start of ``POST /api/v1/uploads/`` of a 12 MP JPEG until
``GET /api/v1/analyses/{id}/`` says ``done`` (one photo at a time, median and p95), and how
many such photos two Celery worker processes finish per minute when several arrive at once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from bench.table import print_table, summary, verdict

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PASSWORD = "bench-Pipeline-2026"  # noqa: S105 - a throw-away user in a throw-away database
# Targets for a 2-core machine (docs/adr/0005): a photo's result within seconds, and enough
# throughput that a queue of photos drains quickly.
TARGET_MEDIAN_S = 3.0
TARGET_P95_S = 5.0
TARGET_PER_MINUTE = 30.0
POLL_S = 0.1
STEP_TIMEOUT_S = 120.0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _photo_12mp() -> bytes:
    """The astronaut portrait (shipped with scikit-image) at 4032 × 3024, as a phone shoots."""
    import io

    import numpy as np
    import skimage.data
    from PIL import Image

    portrait = Image.fromarray(skimage.data.astronaut()).resize((3024, 3024), Image.LANCZOS)
    canvas = Image.new("RGB", (4032, 3024), (205, 200, 190))
    canvas.paste(portrait, (504, 0))
    # A little sensor noise, so the JPEG has the size of a real one (a few MB).
    noise = np.random.default_rng(7).normal(0, 6, (3024, 4032, 3))
    pixels = np.clip(np.asarray(canvas, dtype=np.float32) + noise, 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


class Stack:
    """The processes of the benchmark and how to reach them."""

    def __init__(self, env: dict[str, str], port: int) -> None:
        self.env = env
        self.base = f"http://127.0.0.1:{port}"
        self.port = port
        self.processes: list[subprocess.Popen[bytes]] = []
        self.logs = Path(tempfile.mkdtemp(prefix="metskin-bench-logs-"))

    def run(self, *args: str) -> None:
        subprocess.run(  # noqa: S603 - our own manage.py
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def start(self, name: str, command: list[str]) -> None:
        log = (self.logs / f"{name}.log").open("wb")
        process = subprocess.Popen(  # noqa: S603 - our own servers
            command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        self.processes.append(process)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        shutil.rmtree(self.logs, ignore_errors=True)

    def request(
        self, method: str, path: str, token: str, body: bytes | None = None, content_type: str = ""
    ) -> Any:
        request = urllib.request.Request(self.base + path, data=body, method=method)  # noqa: S310
        request.add_header("Authorization", f"Token {token}")
        request.add_header("Accept", "application/json")
        if content_type:
            request.add_header("Content-Type", content_type)
        with urllib.request.urlopen(request, timeout=STEP_TIMEOUT_S) as response:  # noqa: S310
            return json.loads(response.read() or b"null")

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STEP_TIMEOUT_S
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz?worker=1", timeout=10) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        raise RuntimeError(f"the stack did not start; logs in {self.logs}")


def _multipart(data: bytes, name: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    return (
        head + data + f"\r\n--{boundary}--\r\n".encode(),
        f"multipart/form-data; boundary={boundary}",
    )


def upload_and_wait(stack: Stack, token: str, body: bytes, content_type: str) -> float:
    """Seconds from the start of the upload to a finished analysis."""
    start = time.perf_counter()
    created = stack.request("POST", "/api/v1/uploads/", token, body, content_type)
    analysis_id = created["analysis"]["id"]
    deadline = time.monotonic() + STEP_TIMEOUT_S
    while time.monotonic() < deadline:
        state = stack.request("GET", f"/api/v1/analyses/{analysis_id}/", token)
        if state["status"] == "done":
            return time.perf_counter() - start
        if state["status"] == "failed":
            raise RuntimeError(f"analysis failed: {state['error']}")
        time.sleep(POLL_S)
    raise RuntimeError("an analysis did not finish in time")


def _mysql_admin(url: str, statement: str) -> None:
    import MySQLdb

    parts = urlsplit(url)
    connection = MySQLdb.connect(
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 3306,
        user=parts.username or "root",
        passwd=parts.password or "",
    )
    try:
        connection.cursor().execute(statement)
    finally:
        connection.close()


@contextmanager
def bench_database(url: str) -> Iterator[str]:
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'metskin'}_bench_pipeline"
    _mysql_admin(url, f"DROP DATABASE IF EXISTS `{name}`")
    _mysql_admin(url, f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        _mysql_admin(url, f"DROP DATABASE IF EXISTS `{name}`")


def _purge_queue(broker: str, queue: str) -> None:
    import redis

    client = redis.Redis.from_url(broker)
    keys = [queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}"]
    keys += [key.decode() for key in client.scan_iter(match=f"{queue}*")]
    client.delete(*keys)
    client.close()


def _token(stack: Stack, email: str) -> str:
    stack.run("create_user", "--email", email, "--password", PASSWORD)
    request = urllib.request.Request(  # noqa: S310
        f"{stack.base}/api/v1/auth/token/",
        data=json.dumps({"email": email, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return str(json.loads(response.read())["token"])


def measure(stack: Stack, photo: bytes, uploads: int, batch: int) -> list[tuple[object, ...]]:
    body, content_type = _multipart(photo, "phone-photo.jpg")
    latency_token = _token(stack, "latency@bench.example")
    for _ in range(2):  # warm-up: imports, OpenCV's first call, connections
        upload_and_wait(stack, latency_token, body, content_type)
    samples = [upload_and_wait(stack, latency_token, body, content_type) for _ in range(uploads)]
    median, p95 = summary(samples)

    batch_token = _token(stack, "throughput@bench.example")
    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=2) as pool:  # two people uploading at once
        list(
            pool.map(
                lambda _: upload_and_wait(stack, batch_token, body, content_type), range(batch)
            )
        )
    per_minute = batch / (time.perf_counter() - start) * 60
    return [
        (
            f"upload → result, median ({uploads} photos)",
            f"{median:.2f} s",
            f"≤ {TARGET_MEDIAN_S:.0f} s",
            verdict(median, TARGET_MEDIAN_S),
        ),
        (
            f"upload → result, p95 ({uploads} photos)",
            f"{p95:.2f} s",
            f"≤ {TARGET_P95_S:.0f} s",
            verdict(p95, TARGET_P95_S),
        ),
        (
            f"photos analysed per minute, 2 workers ({batch} photos)",
            f"{per_minute:.1f}",
            f"≥ {TARGET_PER_MINUTE:.0f}",
            verdict(per_minute, TARGET_PER_MINUTE, lower_is_better=False),
        ),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=12, help="photos for the latency (≥ 10)")
    parser.add_argument("--batch", type=int, default=16, help="photos for the throughput")
    options, _ = parser.parse_known_args()
    database = os.environ.get("DATABASE_URL", "")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not database.startswith("mysql://") or not broker.startswith("redis://"):
        print(
            "bench.pipeline: skipped, it needs DATABASE_URL=mysql://… and CELERY_BROKER_URL=redis://…"
        )
        return 0
    print("Making a 12 MP photo…", flush=True)
    photo = _photo_12mp()
    media = Path(tempfile.mkdtemp(prefix="metskin-bench-media-"))
    queue = f"bench-pipeline-{os.getpid()}"
    port = _free_port()
    from cryptography.fernet import Fernet

    with bench_database(database) as bench_url:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.django.local",
            "DJANGO_DEBUG": "false",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": bench_url,
            "MEDIA_ROOT": str(media),
            "MEDIA_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "CELERY_TASK_DEFAULT_QUEUE": queue,
            "LOG_LEVEL": "WARNING",
        }
        stack = Stack(env, port)
        try:
            print("Migrating a throw-away database…", flush=True)
            stack.run("migrate", "--noinput")
            stack.start(
                "web",
                [
                    str(VENV_BIN / "gunicorn"),
                    "config.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "120",
                ],
            )
            stack.start(
                "worker",
                [
                    str(VENV_BIN / "celery"),
                    "-A",
                    "config",
                    "worker",
                    "--concurrency",
                    "2",
                    "--loglevel",
                    "WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--hostname",
                    f"bench-{os.getpid()}@%h",
                ],
            )
            stack.wait_ready()
            print(f"Measuring on http://127.0.0.1:{port} …", flush=True)
            rows = measure(stack, photo, max(10, options.uploads), options.batch)
        finally:
            stack.stop()
            _purge_queue(broker, queue)
            shutil.rmtree(media, ignore_errors=True)
    print_table(
        f"Upload → result through gunicorn, Celery, MySQL and Redis (12 MP JPEG, "
        f"{len(photo) / 1e6:.1f} MB)",
        ("measure", "value", "target", ""),
        rows,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
