"""Collects the Celery beat schedule from each app's ``beat.py`` (a ``SCHEDULE`` dict)."""

from __future__ import annotations

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.conf import settings


def collect_beat_schedule() -> dict[str, Any]:
    schedule: dict[str, Any] = {}
    for app in settings.LOCAL_APPS:
        module_name = f"{app}.beat"
        if find_spec(module_name) is None:
            continue
        schedule.update(getattr(import_module(module_name), "SCHEDULE", {}))
    return schedule
