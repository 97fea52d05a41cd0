"""Booking work done after commit: emails, changed-link notices, waitlist offers; expiring
offers and the directory's next free slots (beat)."""

from __future__ import annotations

import smtplib
from datetime import datetime

from celery import shared_task

from metskin.appointments import waitlist
from metskin.appointments.emails import appointment_email_send
from metskin.appointments.joining_links import appointment_link_notice_send
from metskin.appointments.models import Appointment
from metskin.appointments.next_free import next_free_refresh


@shared_task(
    name="appointments.email",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def appointment_email_task(appointment_id: str, event: str) -> None:
    appointment = (
        Appointment.objects.select_related("doctor", "patient__profile")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None:
        return
    appointment_email_send(appointment=appointment, event=event)


@shared_task(
    name="appointments.link_notice",
    autoretry_for=(smtplib.SMTPException, OSError),
    retry_backoff=True,
    max_retries=5,
)
def appointment_link_notice_task(appointment_id: str) -> bool:
    """Tell the patient a changed joining link; claimed, so it is sent once (idempotent)."""
    return appointment_link_notice_send(appointment_id=appointment_id)


@shared_task(name="appointments.waitlist_offer")
def waitlist_offer_task(doctor_id: str, start: str, consultation_type: str) -> str | None:
    appointment = waitlist.waitlist_offer_freed_slot(
        doctor_id=doctor_id,
        start=datetime.fromisoformat(start),
        consultation_type=consultation_type,
    )
    return str(appointment.pk) if appointment else None


@shared_task(name="appointments.waitlist_expire_offers")
def waitlist_expire_offers_task() -> int:
    return waitlist.waitlist_offers_expire()


@shared_task(name="appointments.next_free_refresh")
def next_free_refresh_task() -> int:
    """Recompute the directory's stale next free slots (idempotent: an upsert)."""
    return next_free_refresh()
