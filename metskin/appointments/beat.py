"""Periodic booking work (collected by metskin/core/beat.py)."""

SCHEDULE = {
    "appointments.waitlist_expire_offers": {
        "task": "appointments.waitlist_expire_offers",
        "schedule": 300.0,
    },
    # The directory's stored next free slots (docs/adr/0021); a missed run is not queued up.
    "appointments.next_free_refresh": {
        "task": "appointments.next_free_refresh",
        "schedule": 60.0,
        "options": {"expires": 60.0},
    },
}
