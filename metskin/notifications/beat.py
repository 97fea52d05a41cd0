"""Periodic reminder work (collected by metskin/core/beat.py)."""

SCHEDULE = {
    "notifications.reminders_tick": {"task": "notifications.reminders_tick", "schedule": 60.0},
}
