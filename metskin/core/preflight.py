"""Before a process starts: can it reach what it needs? One plain line per part that is down.

``manage.py preflight`` runs this before ``make run``, ``make serve`` and every worker, so a
wrong ``DATABASE_URL`` or a broker that is not running says what to fix instead of printing a
traceback (or, worse, starting a worker that waits forever).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import storages
from django.db import connections

from config.celery_app import app as celery_app
from metskin.core.health import check_broker, check_cache, check_database


def _reason(exc: BaseException) -> str:
    # Database drivers raise (code, message); the message is what a person can act on.
    if len(exc.args) == 2 and isinstance(exc.args[1], str):
        text = exc.args[1]
    else:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return (text or exc.__class__.__name__)[:160].rstrip(".")


def _where(url: str) -> str:
    """scheme://host:port of a URL, never its password."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}{f':{parts.port}' if parts.port else ''}"


def _database_problem() -> str | None:
    try:
        check_database()
    except Exception as exc:
        db = connections["default"].settings_dict
        where = f"{db.get('HOST') or 'localhost'}:{db.get('PORT') or 'default port'}"
        if db["ENGINE"].endswith("sqlite3"):
            where = str(db["NAME"])
        return (
            f"database: cannot use {connections['default'].vendor} at {where} ({_reason(exc)}). "
            "Start the database server or fix DATABASE_URL."
        )
    return None


def _broker_url() -> str:
    # What Celery really uses: CELERY_BROKER_URL in the environment wins over the settings.
    with celery_app.connection_for_write() as connection:
        return str(connection.as_uri())


def _broker_problem() -> str | None:
    try:
        check_broker()
    except Exception as exc:
        return (
            f"broker: cannot reach {_where(_broker_url())} ({_reason(exc)}). "
            "Start Redis or fix CELERY_BROKER_URL."
        )
    return None


def _cache_problem() -> str | None:
    try:
        check_cache()
    except Exception as exc:
        return f"cache: cannot use the cache ({_reason(exc)}). Start Redis or fix CACHE_URL."
    return None


def _media_problem() -> str | None:
    """With S3 media, the bucket must exist and the credentials must open it."""
    bucket = settings.AWS_STORAGE_BUCKET_NAME
    if not bucket:
        return None
    try:
        storage = storages["uploads"]
        storage.connection.meta.client.head_bucket(Bucket=bucket)  # type: ignore[attr-defined]
    except Exception as exc:
        endpoint = settings.UPLOADS_STORAGE["OPTIONS"].get("endpoint_url") or "AWS S3"
        return (
            f"media storage: cannot open bucket {bucket!r} at {endpoint} ({_reason(exc)}). "
            "Check AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL and the AWS credentials."
        )
    return None


CHECKS: dict[str, Callable[[], str | None]] = {
    "database": _database_problem,
    "broker": _broker_problem,
    "cache": _cache_problem,
    "media": _media_problem,
}


def problems() -> list[str]:
    """One line per part that is down, in the order a person should fix them."""
    return [line for check in CHECKS.values() if (line := check()) is not None]
