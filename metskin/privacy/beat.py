"""Privacy's periodic work (collected by metskin/core/beat.py): deletions whose grace period
is over, and retention (privacy/retention.py; each job's setting in config/settings/privacy.py)."""

HOUR = 3600.0

SCHEDULE = {
    "privacy.account_deletions_run": {
        "task": "privacy.account_deletions_run",
        "schedule": 15 * 60.0,
    },
    "privacy.exports_clear": {"task": "privacy.exports_clear", "schedule": HOUR},
    "privacy.raw_videos_clear": {"task": "privacy.raw_videos_clear", "schedule": HOUR},
    "privacy.sessions_clear_expired": {
        "task": "privacy.sessions_clear_expired",
        "schedule": 24 * HOUR,
    },
    "privacy.axes_records_clear": {"task": "privacy.axes_records_clear", "schedule": 24 * HOUR},
    "privacy.reminders_clear_sent": {
        "task": "privacy.reminders_clear_sent",
        "schedule": 24 * HOUR,
    },
}
