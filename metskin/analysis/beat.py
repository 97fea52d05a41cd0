"""Periodic analysis work (collected by metskin/core/beat.py)."""

from django.conf import settings

SCHEDULE = {
    # Queues again the analyses that never reached the broker or lost their worker. A sweep
    # still waiting when the next is due is dropped: the next one does the same work.
    "analysis.requeue_stuck": {
        "task": "analysis.requeue_stuck",
        "schedule": settings.ANALYSIS_SWEEP_SECONDS,
        "options": {"expires": settings.ANALYSIS_SWEEP_SECONDS},
    },
}
