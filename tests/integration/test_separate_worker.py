"""A worker on another machine: its own process, its own environment, media on S3.

The worker is ``celery -A config worker`` started as a subprocess with production settings
and only what a worker machine is given: the database, the broker, the cache, the bucket and
the media key. It runs in an empty folder with VAR_DIR and MEDIA_ROOT pointing into it, so it
cannot lean on the web side's var/; after the analysis that folder is still empty. The test
process (the web side) runs no worker of its own.
"""

from __future__ import annotations

import io
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from config.env import BASE_DIR
from metskin.uploads.crypto import MAGIC
from metskin.uploads.tests import media
from metskin.uploads.tests.s3_server import (
    ACCESS_KEY,
    REGION,
    SECRET_KEY,
    S3Bucket,
    start_s3_server,
)
from tests.integration.test_analysis_worker import wait_until_finished

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

READY_WITHIN_S = 90.0


def database_url() -> str:
    """The URL of the database this test runs in (test_<name>), for another process."""
    db = connection.settings_dict
    password = f":{quote(str(db['PASSWORD']), safe='')}" if db.get("PASSWORD") else ""
    user = quote(str(db["USER"]), safe="")
    return f"mysql://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 3306}/{db['NAME']}"


def worker_environment(folder: Path, bucket: Any) -> dict[str, str]:
    """Everything the worker gets: nothing inherited but PATH and the locale."""
    var = folder / "var"
    var.mkdir()
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": os.environ.get("LANG", "C.UTF-8"),
        "HOME": str(folder),  # no ~/.aws of the web side's user either
        # Found as a package from any folder, without the web side's current directory.
        "PYTHONPATH": str(BASE_DIR),
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "config.django.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        # The web side's queue: this test process's own (config/django/test.py).
        "CELERY_TASK_DEFAULT_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
        "CACHE_URL": os.environ.get("CACHE_URL", settings.CELERY_BROKER_URL),
        "EMAIL_URL": "consolemail://",
        "SMS_BACKEND": "metskin.notifications.sms.ConsoleSmsBackend",
        "SITE_URL": "https://metskin.example",
        "MEDIA_ENCRYPTION_KEY": settings.MEDIA_ENCRYPTION_KEY,
        "AWS_STORAGE_BUCKET_NAME": bucket.name,
        "AWS_S3_ENDPOINT_URL": bucket.server.endpoint_url,
        "AWS_S3_REGION_NAME": REGION,
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_LOCATION": bucket.location,
        # Whatever it would write locally would land here, where the test looks for it.
        "VAR_DIR": str(var),
        "MEDIA_ROOT": str(var / "media"),
    }


def preflight(environment: dict[str, str], folder: Path) -> subprocess.CompletedProcess[str]:
    """``manage.py preflight`` as a worker machine runs it before its worker (Procfile)."""
    return subprocess.run(
        [sys.executable, str(BASE_DIR / "manage.py"), "preflight"],
        cwd=folder, env=environment, capture_output=True, text=True, timeout=90, check=False,
    )  # fmt: skip


class WorkerProcess:
    """``celery -A config worker`` in a subprocess, its log collected line by line."""

    def __init__(self, environment: dict[str, str], folder: Path) -> None:
        self.log: list[str] = []
        self._ready = threading.Event()
        self.process = subprocess.Popen(
            [
                *(sys.executable, "-m", "celery", "-A", "config", "worker"),
                *("--pool=solo", "--loglevel=INFO", "--without-gossip", "--without-mingle"),
                f"--hostname=remote-{secrets.token_hex(4)}@%h",
            ],
            cwd=folder,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True, name="worker-log").start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line)
            if " ready." in line:
                self._ready.set()

    def wait_ready(self) -> None:
        deadline = time.monotonic() + READY_WITHIN_S
        while time.monotonic() < deadline and self.process.poll() is None:
            if self._ready.wait(0.5):
                return
        raise AssertionError("the worker did not start:\n" + "".join(self.log)[-4000:])

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)  # warm shutdown, as a deploy stops it
        try:
            return self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def text(self) -> str:
        return "".join(self.log)


@pytest.fixture(autouse=True)
def _servers_a_worker_machine_can_reach() -> None:
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        pytest.skip("a worker on another machine needs a network broker (CELERY_BROKER_URL)")
    if connection.vendor != "mysql":
        pytest.skip("a worker on another machine needs a database server (DATABASE_URL)")


@pytest.fixture
def remote_worker(tmp_path: Path, s3_media: Any) -> Iterator[tuple[WorkerProcess, Path]]:
    folder = tmp_path / "worker-machine"
    folder.mkdir()
    environment = worker_environment(folder, s3_media)
    checked = preflight(environment, folder)
    assert (checked.returncode, checked.stderr) == (0, ""), checked.stderr
    assert "media storage answer" in checked.stdout
    worker = WorkerProcess(environment, folder)
    try:
        worker.wait_ready()
        yield worker, folder
    finally:
        worker.stop()


def test_a_worker_with_its_own_environment_analyses_an_upload_on_s3(
    remote_worker, patient_client, s3_media, private_media
):
    worker, folder = remote_worker

    # When a photo is uploaded to the web side (this process, which runs no worker)
    created = patient_client.post(
        "/api/v1/uploads/",
        {"file": SimpleUploadedFile("face.jpg", media.jpeg(), content_type="image/jpeg")},
        format="multipart",
    )
    assert created.status_code == 201, created.content
    analysis = wait_until_finished(created.json()["analysis"]["id"], timeout=120)

    # Then the other process analysed it, reading the photo from the bucket
    assert analysis.status == "done", analysis.error_message + worker.text()[-3000:]
    assert "Task analysis.run[" in worker.text() and "succeeded in" in worker.text()
    # and wrote its overlay there, encrypted, readable here through the signed link
    overlay_key = f"{s3_media.location}/{analysis.overlay_name}"
    assert overlay_key in s3_media.listed_keys()
    assert s3_media.object_bytes(analysis.overlay_name).startswith(MAGIC)
    detail = patient_client.get(f"/api/v1/analyses/{analysis.pk}/").json()
    overlay = patient_client.get(detail["overlay_url"])
    assert overlay.status_code == 200
    assert Image.open(io.BytesIO(b"".join(overlay.streaming_content))).format == "JPEG"
    # And neither side wrote a file locally: the worker's folder is as it was made
    assert sorted(str(path.relative_to(folder)) for path in folder.rglob("*")) == ["var"]
    assert list(private_media.rglob("*")) == []


@pytest.mark.parametrize(
    ("setting", "value", "expected"),
    [
        ("AWS_STORAGE_BUCKET_NAME", "metskin-no-such-bucket", "cannot open bucket "
         "'metskin-no-such-bucket' at http://127.0.0.1:"),
        ("AWS_S3_ENDPOINT_URL", "http://127.0.0.1:1", "cannot open bucket "),
    ],
    ids=["a bucket that does not exist", "an S3 endpoint nobody listens on"],
)  # fmt: skip
def test_a_worker_machine_with_a_wrong_bucket_is_told_in_one_line(
    tmp_path, s3_media, setting, value, expected
):
    # Given a worker machine's settings with one S3 setting wrong
    folder = tmp_path / "worker-machine"
    folder.mkdir()
    environment = {**worker_environment(folder, s3_media), setting: value}

    # When it runs the preflight its worker starts behind
    checked = preflight(environment, folder)

    # Then it stops with one line that says what is wrong and what to check
    assert checked.returncode == 2
    assert "Traceback" not in checked.stderr
    lines = checked.stderr.strip().splitlines()
    assert len(lines) == 1, checked.stderr
    assert lines[0].startswith("MetSkin cannot start: media storage: " + expected)
    assert "AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL and the AWS credentials" in lines[0]


@pytest.fixture
def s3_server_checking_credentials() -> Iterator[tuple[S3Bucket, str, str]]:
    """A second S3 server that refuses requests not signed by its one user's key."""
    # Next to the main S3 server's port when TEST_S3_PORT pins it, else any free port.
    pinned = int(os.environ.get("TEST_S3_PORT", "0"))
    server = start_s3_server(pinned + 1 if pinned else 0, free_requests=4)
    try:
        bucket = S3Bucket(server, "metskin-checked")
        access_key, secret_key = server.user_with_bucket_access(bucket.name)
        yield bucket, access_key, secret_key
    finally:
        server.stop()


def test_a_worker_machine_with_wrong_s3_credentials_is_told_in_one_line(
    tmp_path, s3_server_checking_credentials
):
    bucket, access_key, secret_key = s3_server_checking_credentials
    folder = tmp_path / "worker-machine"
    folder.mkdir()
    environment = {
        **worker_environment(folder, bucket),
        "AWS_ACCESS_KEY_ID": access_key,
        "AWS_SECRET_ACCESS_KEY": secret_key,
    }

    # Given the right key, the preflight passes: the server checks signatures
    right = preflight(environment, folder)
    assert (right.returncode, right.stderr) == (0, ""), right.stderr

    # When the secret is wrong
    wrong = preflight({**environment, "AWS_SECRET_ACCESS_KEY": secret_key[::-1]}, folder)

    # Then it stops with one line naming the bucket, the refusal and what to check
    assert wrong.returncode == 2
    assert "Traceback" not in wrong.stderr
    lines = wrong.stderr.strip().splitlines()
    assert len(lines) == 1, wrong.stderr
    assert lines[0].startswith(
        f"MetSkin cannot start: media storage: cannot open bucket 'metskin-checked' at "
        f"{bucket.server.endpoint_url} (An error occurred (403)"
    )
    assert lines[0].endswith(
        "Check AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL and the AWS credentials."
    )
