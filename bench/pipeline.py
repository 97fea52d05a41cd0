"""Upload → result through the real stack: gunicorn, Celery workers, MariaDB/MySQL, Redis.

Run with ``python -m bench.pipeline`` (``make bench`` runs it too) with ``DATABASE_URL``
pointing at MySQL/MariaDB and ``CELERY_BROKER_URL`` at Redis, as in CI. Everything stays on
this machine and is removed afterwards:

* a throw-away database ``<your database>_bench_pipeline`` (created, migrated, dropped),
* a temporary media folder with a fresh encryption key,
* gunicorn (2 workers) on a free loopback port, and Celery worker processes (one pool slot
  each, as one per core or per machine scales out) on a queue of their own, all stopped at the
  end; the queue's keys are deleted from Redis.

Measured: how many 12 MP photos one and then two worker processes finish per minute from a
full queue (uploaded while the workers do not consume, so the web does not share the cores
during the window), and their ratio (target ≥ 1.7× on 2 cores); the time from the start of
``POST /api/v1/uploads/`` until ``GET /api/v1/analyses/{id}/`` says ``done``, one photo at a
time and under a steady stream of uploads at 70 % of two workers' capacity (median and p95).
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
from datetime import datetime
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
# Two worker processes on a 2-core machine should finish nearly twice what one does (issue 16).
TARGET_SCALING = 1.7
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

    def stop_workers(self) -> None:
        """Stop the worker processes (web stays up), so the next phase starts its own."""
        workers = [p for p in self.processes if p.args[-1].startswith("bench-")]
        self._stop(workers)
        self.processes = [p for p in self.processes if p not in workers]

    def stop(self) -> None:
        self._stop(self.processes)
        shutil.rmtree(self.logs, ignore_errors=True)

    def _stop(self, processes: list[subprocess.Popen[bytes]]) -> None:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)

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

    def wait_ready(self, workers: int) -> None:
        """Until /healthz?worker=1 names ``workers`` workers (beat does not run here)."""
        deadline, states = time.monotonic() + STEP_TIMEOUT_S, {}
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.base}/healthz?worker=1", timeout=10) as answer:  # noqa: S310
                    states = json.loads(answer.read())
            except urllib.error.HTTPError as exc:  # 503: beat is not started by the benchmark
                states = json.loads(exc.read())
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                states = {"web": repr(exc)}
            named = states.get("worker", "").removeprefix("ok: ").split(", ")
            if states.get("worker", "").startswith("ok: ") and len(named) == workers:
                return
            time.sleep(0.5)
        logs = {log.name: log.read_text()[-1500:] for log in self.logs.glob("*.log")}
        raise RuntimeError(f"the stack did not start ({states}); logs: {logs}")


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


def _celery_control(stack: Stack, *args: str) -> None:
    subprocess.run(  # noqa: S603 - our own Celery app
        [str(VENV_BIN / "celery"), "-A", "config", "control", *args],
        cwd=ROOT, env=stack.env, check=True, stdout=subprocess.DEVNULL, timeout=STEP_TIMEOUT_S,
    )  # fmt: skip


def _per_minute(stack: Stack, token: str, body: bytes, content_type: str, batch: int) -> float:
    """Photos the running workers finish per minute from a full queue.

    Only the workers are measured: the workers stop consuming, ``batch`` photos are uploaded
    (the web's share of the work is done), then every worker starts consuming at once, and
    the window runs from the first analysis started to the last finished, as the database
    recorded them. Uploading while measuring would have the web compete with the workers for
    the same two cores, which says nothing about how workers scale out.
    """
    queue = stack.env["CELERY_TASK_DEFAULT_QUEUE"]
    _celery_control(stack, "cancel_consumer", queue)
    with ThreadPoolExecutor(max_workers=2) as pool:
        created = list(
            pool.map(
                lambda _: stack.request("POST", "/api/v1/uploads/", token, body, content_type),
                range(batch),
            )
        )
    _celery_control(stack, "add_consumer", queue)
    ids = [item["analysis"]["id"] for item in created]
    deadline = time.monotonic() + STEP_TIMEOUT_S * 4
    finished: list[dict[str, Any]] = []
    while ids and time.monotonic() < deadline:
        time.sleep(0.5)
        states = [stack.request("GET", f"/api/v1/analyses/{i}/", token) for i in ids]
        if any(state["status"] == "failed" for state in states):
            raise RuntimeError(f"an analysis failed: {states}")
        finished += [state for state in states if state["status"] == "done"]
        ids = [state["id"] for state in states if state["status"] != "done"]
    if ids:
        raise RuntimeError("the queue did not drain in time")
    first = min(datetime.fromisoformat(state["started_at"]) for state in finished)
    last = max(datetime.fromisoformat(state["finished_at"]) for state in finished)
    return batch / (last - first).total_seconds() * 60


def _steady_stream(
    stack: Stack, token: str, body: bytes, content_type: str, count: int, every_s: float
) -> list[float]:
    """Upload → result of ``count`` photos arriving one every ``every_s`` seconds."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = []
        for _ in range(count):
            futures.append(pool.submit(upload_and_wait, stack, token, body, content_type))
            time.sleep(every_s)
        return [future.result() for future in futures]


def _start_workers(stack: Stack, processes: int) -> None:
    """``processes`` worker processes of one pool slot each: the scale-out unit (one per core
    or machine). Their names are distinct so /healthz?worker=1 lists each."""
    for index in range(processes):
        stack.start(
            f"worker-{index}",
            [str(VENV_BIN / "celery"), "-A", "config", "worker", "--pool", "solo",
             "--loglevel", "WARNING", "--without-gossip", "--without-mingle",
             "--hostname", f"bench-{os.getpid()}-{index}@%h"],
        )  # fmt: skip


def measure(
    stack: Stack, photo: bytes, uploads: int, batch: int
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    body, content_type = _multipart(photo, "phone-photo.jpg")
    # One person per phase: each stays under the upload throttle (60 an hour).
    token = _token(stack, "bench-one@bench.example")

    print("One worker process…", flush=True)
    _start_workers(stack, 1)
    stack.wait_ready(workers=1)
    for _ in range(2):  # warm-up: imports, OpenCV's first call, connections
        upload_and_wait(stack, token, body, content_type)
    alone = [upload_and_wait(stack, token, body, content_type) for _ in range(uploads)]
    one_worker = _per_minute(stack, token, body, content_type, batch)
    stack.stop_workers()

    print("Two worker processes…", flush=True)
    token = _token(stack, "bench-two@bench.example")
    _start_workers(stack, 2)
    stack.wait_ready(workers=2)
    for _ in range(2):
        upload_and_wait(stack, token, body, content_type)
    two_workers = _per_minute(stack, token, body, content_type, batch)
    # A steady stream at 70 % of what two workers can take.
    every_s = 60 / two_workers / 0.7
    stream = _steady_stream(stack, token, body, content_type, uploads, every_s)

    ratio = two_workers / one_worker
    median, p95 = summary(alone)
    stream_median, stream_p95 = summary(stream)
    throughput = [
        ("1 worker process", f"{one_worker:.1f}", "1.00×", ""),
        (
            "2 worker processes",
            f"{two_workers:.1f}",
            f"{ratio:.2f}×",
            f"≥ {TARGET_SCALING:.1f}× {verdict(ratio, TARGET_SCALING, lower_is_better=False)}",
        ),
    ]
    latency = [
        (f"one photo at a time, 1 worker ({uploads})", f"{median:.2f} s", f"{p95:.2f} s",
         f"≤ {TARGET_MEDIAN_S:.0f} s / ≤ {TARGET_P95_S:.0f} s "
         f"{verdict(median, TARGET_MEDIAN_S)}/{verdict(p95, TARGET_P95_S)}"),
        (f"steady stream, one every {every_s:.1f} s, 2 workers ({uploads})",
         f"{stream_median:.2f} s", f"{stream_p95:.2f} s", ""),
    ]  # fmt: skip
    return throughput, latency


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=12, help="photos for the latency (≥ 10)")
    parser.add_argument("--batch", type=int, default=24, help="photos for the throughput")
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
                [str(VENV_BIN / "gunicorn"), "config.wsgi:application",
                 "--bind", f"127.0.0.1:{port}", "--workers", "2", "--timeout", "120"],
            )  # fmt: skip
            print(f"Measuring on http://127.0.0.1:{port} …", flush=True)
            throughput, latency = measure(stack, photo, max(10, options.uploads), options.batch)
        finally:
            stack.stop()
            _purge_queue(broker, queue)
            shutil.rmtree(media, ignore_errors=True)
    size = f"12 MP JPEG, {len(photo) / 1e6:.1f} MB"
    print_table(
        f"Analysis throughput by worker processes (photos per minute, {size}, "
        f"{options.batch} queued; {os.cpu_count()} cores)",
        ("workers", "photos / min", "ratio", "target"),
        throughput,
    )
    print_table(
        f"Upload → result through gunicorn, Celery, MySQL and Redis ({size})",
        ("load", "median", "p95", "target"),
        latency,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
