"""Work a catalogue change sets off for recommendations (docs/adr/0022)."""

from __future__ import annotations

from celery import shared_task

from metskin.recommendations.selectors import candidates_rewarm


@shared_task(name="recommendations.candidates_rewarm", acks_late=False, ignore_result=True)
def candidates_rewarm_task() -> int:
    """The candidate ids of the recently asked filter sets, for the new catalogue version."""
    return candidates_rewarm()
