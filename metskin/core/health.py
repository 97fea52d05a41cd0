"""Liveness of what the app needs: database, cache, broker and (on S3) the media bucket; on
request, the workers and beat. Used by GET /healthz and by ``manage.py preflight``."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.utils import timezone

from config.celery_app import app as celery_app
from metskin.core.enqueue import enqueue


def check_database() -> None:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> None:
    key, value = f"healthz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=10)
    if cache.get(key) != value:
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)


def check_broker(broker_url: str | None = None) -> None:
    with celery_app.connection_for_write(url=broker_url, connect_timeout=2) as conn:
        # No retries: a health check reports, it does not wait for the broker to come back.
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)


def check_media() -> None:
    """The bucket of the private media answers (checked only when media are on S3)."""
    from botocore.exceptions import BotoCoreError, ClientError
    from django.core.files.storage import storages

    client = storages["uploads"].connection.meta.client  # type: ignore[attr-defined]
    try:
        client.head_bucket(Bucket=settings.AWS_STORAGE_BUCKET_NAME)
    except ClientError as exc:
        # 404: no such bucket; 403: the credentials are refused. /healthz is public: neither
        # the bucket's name nor its address is said here (manage.py preflight says both).
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", "?")
        raise PartDown(f"the bucket cannot be opened (HTTP {status})") from exc
    except BotoCoreError as exc:
        raise PartDown("the S3 endpoint does not answer") from exc


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


class PartDown(RuntimeError):
    """A part answered, but not as it should; the message says how, in plain words."""


def check_worker(timeout: float = 5.0) -> str:
    """Which workers answer a broadcast ping, then a task's round trip through the broker
    to one of them and back (so a worker that listens to another queue does not count)."""
    replies = celery_app.control.ping(timeout=1.0) or []
    names = sorted(name for reply in replies for name in reply)
    nonce = uuid.uuid4().hex
    try:
        answer = enqueue("core.worker_ping", nonce, ignore_result=False).get(timeout=timeout)
    except Exception as exc:
        if names:
            raise PartDown(f"{', '.join(names)} answer pings but ran no task") from exc
        raise PartDown("no worker answers") from exc
    if answer.get("nonce") != nonce:
        raise PartDown("a worker answered with the wrong nonce")
    return f"ok: {', '.join(names) or answer.get('host', '?')}"


def check_beat() -> str:
    """Beat is alive when a worker ran its heartbeat task recently (metskin/core/tasks.py)."""
    from metskin.core.models import Heartbeat

    beat = Heartbeat.objects.filter(name="beat").first()
    if beat is None:
        raise PartDown("no heartbeat from beat yet")
    age = timezone.now() - beat.at
    if age > timedelta(seconds=settings.BEAT_STALE_AFTER_S):
        raise PartDown(f"last heartbeat {int(age.total_seconds())} s ago")
    return "ok"


def _state(check: Callable[[], object]) -> str:
    try:
        answer = check()
    except PartDown as exc:
        return f"error: {exc}"
    except Exception as exc:  # a health check reports every failure, whatever its kind
        return f"error: {exc.__class__.__name__}"
    return answer if isinstance(answer, str) else "ok"


def run_checks(*, include_worker: bool = False) -> dict[str, str]:
    """Each part's state: ``"ok"`` (``"ok: <host>"`` for the worker) or ``"error: <reason>"``."""
    checks: dict[str, Callable[[], object]] = dict(CHECKS)
    if settings.AWS_STORAGE_BUCKET_NAME:
        checks["media"] = check_media
    if include_worker:
        checks["worker"] = check_worker
        checks["beat"] = check_beat
    return {name: _state(check) for name, check in checks.items()}


def is_healthy(states: dict[str, str]) -> bool:
    return all(state == "ok" or state.startswith("ok:") for state in states.values())
