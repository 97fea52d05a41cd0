"""The Celery task that analyses an upload. Safe to deliver twice (docs/adr/0005)."""

from __future__ import annotations

from typing import Any

from celery import Task, shared_task
from django.conf import settings

from metskin.analysis import services


class AnalysisTask(Task):
    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        """Retries ran out on a transient error: store a message a person can read."""
        analysis_id = kwargs.get("analysis_id") or (args[0] if args else None)
        if analysis_id:
            services.analysis_fail_after_retries(analysis_id=str(analysis_id))


@shared_task(
    bind=True,
    base=AnalysisTask,
    name="analysis.run",
    acks_late=True,
    autoretry_for=services.TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=settings.ANALYSIS_MAX_RETRIES,
)
def analysis_run(self: Task, analysis_id: str) -> str:
    """Analyse one upload. Re-deliveries and retries find the work claimed or done."""
    outcome = services.analysis_execute(analysis_id=analysis_id)
    if outcome.state == "busy":
        # Another delivery holds the claim; come back when its lease has run out, in case
        # its worker died. This wait does not use up the retries meant for errors.
        raise self.retry(countdown=outcome.retry_in_s, max_retries=self.request.retries + 1)
    return outcome.state


@shared_task(name="analysis.requeue_stuck", acks_late=False)
def analysis_requeue_stuck() -> list[str]:
    """Every minute from beat: queue again the analyses no worker is on (a lost enqueue, a
    crashed worker). Idempotent: a lost or doubled sweep is made good by the next one."""
    return services.analysis_requeue_stuck()
