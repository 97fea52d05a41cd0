"""Diagnostics that travel through the broker to a worker and back."""

from __future__ import annotations

import socket

from celery import shared_task

from metskin.core.health import check_database


@shared_task(name="core.worker_ping", acks_late=False, ignore_result=False)
def worker_ping(nonce: str) -> dict[str, str]:
    """Answer with the nonce, this worker's host and whether it reaches the database."""
    check_database()
    return {"nonce": nonce, "host": socket.gethostname(), "database": "ok"}
