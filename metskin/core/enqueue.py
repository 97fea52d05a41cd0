"""Queue a Celery task by its registered name.

Tasks call services, so a ``tasks`` module imports its app's services at the top. Services
that queue work therefore must not import ``tasks`` back (that cycle used to hide in imports
inside functions): they queue through here, by the name given in ``@shared_task(name=...)``.
An unknown name raises at once instead of sending a message no worker would ever take.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from celery.result import AsyncResult
from django.db import transaction

from config.celery_app import app as celery_app


def enqueue(name: str, *args: Any, ignore_result: bool = True) -> AsyncResult[Any]:
    """Send task ``name`` with ``args`` now. Raises the broker's error if it cannot take it.

    Results are ignored by default: nobody waits for them, and storing none spares the web
    process a subscription to the result backend per message.
    """
    if name not in _registered_task_names():
        raise LookupError(f"No Celery task is registered as {name!r}.")
    return celery_app.send_task(name, args=args, ignore_result=ignore_result)


@cache
def _registered_task_names() -> frozenset[str]:
    # Tasks modules are discovered lazily (when a worker starts); ask for them once here.
    celery_app.loader.import_default_modules()
    return frozenset(celery_app.tasks)


def enqueue_on_commit(name: str, *args: Any) -> None:
    """Send task ``name`` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(name, *args))
