"""Diagnostics that travel through the broker to a worker and back."""

from __future__ import annotations

import socket

from celery import shared_task
from django.utils import timezone

from metskin.core.health import check_database
from metskin.core.models import Heartbeat


@shared_task(name="core.worker_ping", acks_late=False, ignore_result=False)
def worker_ping(nonce: str) -> dict[str, str]:
    """Answer with the nonce, this worker's host and whether it reaches the database."""
    check_database()
    return {"nonce": nonce, "host": socket.gethostname(), "database": "ok"}


@shared_task(name="core.beat_heartbeat", acks_late=False, ignore_result=True)
def beat_heartbeat() -> None:
    """Sent by beat on a short interval; a worker running it proves beat → broker → worker."""
    Heartbeat.objects.update_or_create(name="beat", defaults={"at": timezone.now()})
