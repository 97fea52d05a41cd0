"""Periodic booking work (collected by metskin/core/beat.py)."""

SCHEDULE = {
    "appointments.waitlist_expire_offers": {
        "task": "appointments.waitlist_expire_offers",
        "schedule": 300.0,
    },
}
