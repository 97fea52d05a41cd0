"""Collects the Celery beat schedule from each app's ``beat.py`` (a ``SCHEDULE`` dict)."""

from __future__ import annotations

from typing import Any

from metskin.core.app_modules import app_submodules


def collect_beat_schedule() -> dict[str, Any]:
    schedule: dict[str, Any] = {}
    for module in app_submodules("beat"):
        schedule.update(getattr(module, "SCHEDULE", {}))
    return schedule
