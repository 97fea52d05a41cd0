"""Collects the Celery beat schedule from each app's ``beat.py`` (a ``SCHEDULE`` dict).

Beat runs django-celery-beat's database scheduler: the schedule is written here, in code,
and copied into the database when beat starts; entries that code no longer declares are
removed then, so a deleted job stops firing (docs/adr/0018).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from metskin.core.app_modules import app_submodules

SCHEDULE = {
    # Proves beat is alive to /healthz?worker=1 (metskin/core/tasks.py).
    "core.beat_heartbeat": {
        "task": "core.beat_heartbeat",
        "schedule": settings.BEAT_HEARTBEAT_S,
        "options": {"expires": settings.BEAT_HEARTBEAT_S},
    },
}


def collect_beat_schedule() -> dict[str, Any]:
    schedule: dict[str, Any] = {}
    for module in app_submodules("beat"):
        schedule.update(getattr(module, "SCHEDULE", {}))
    return schedule


def forget_undeclared_periodic_tasks(declared: set[str]) -> int:
    """Delete the database's periodic tasks that code no longer declares; how many."""
    from django_celery_beat.models import PeriodicTask

    # Celery's own result clean-up is installed by beat itself, not by our code.
    keep = declared | {"celery.backend_cleanup"}
    deleted, _ = PeriodicTask.objects.exclude(name__in=keep).delete()
    return deleted
