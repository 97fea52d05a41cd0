"""Liveness of what the app needs: database, cache and broker. Used by GET /healthz."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.core.cache import cache
from django.db import connections

from config.celery_app import app as celery_app


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


CHECKS: dict[str, Callable[[], None]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


def check_worker(timeout: float = 5.0) -> None:
    """A round trip through the broker to a worker and back (only on ?worker=1)."""
    from metskin.core.tasks import worker_ping

    nonce = uuid.uuid4().hex
    answer = worker_ping.delay(nonce).get(timeout=timeout)
    if answer.get("nonce") != nonce:
        raise RuntimeError("worker answered with the wrong nonce")


def run_checks(*, include_worker: bool = False) -> dict[str, str]:
    """Each check's state: ``"ok"`` or ``"error: <reason>"``."""
    checks = dict(CHECKS)
    if include_worker:
        checks["worker"] = check_worker
    states: dict[str, str] = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as exc:  # a health check reports every failure, whatever its kind
            states[name] = f"error: {exc.__class__.__name__}"
        else:
            states[name] = "ok"
    return states
