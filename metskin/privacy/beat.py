"""Privacy's periodic work (collected by metskin/core/beat.py)."""

SCHEDULE = {
    "privacy.account_deletions_run": {
        "task": "privacy.account_deletions_run",
        "schedule": 15 * 60.0,
    },
}
