"""Deleting an account the person asked to delete (GDPR art. 17; docs/adr/0017).

DELETE /api/v1/me/ with the password signs the person out everywhere at once and schedules
the deletion ``ACCOUNT_DELETION_GRACE_DAYS`` later; signing in again before then keeps the
account (accounts.services.user_authenticate clears the schedule). Then the beat job
``privacy.account_deletions_run`` cancels their upcoming appointments (the doctors are told),
and deletes the user: every row goes by cascade, every stored file with its row
(uploads/signals.py, analysis/signals.py, privacy/signals.py, on commit).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from metskin.accounts.models import Role, User
from metskin.accounts.sign_out import user_sign_out_everywhere
from metskin.appointments.emails import when_text
from metskin.appointments.models import Appointment, AppointmentStatus, CancelledBy
from metskin.appointments.services import appointment_cancel
from metskin.core.emails import send_templated_email
from metskin.core.exceptions import ApplicationError

logger = logging.getLogger("metskin.privacy")

CANCEL_REASON = "The patient closed their MetSkin account."


def account_deletion_request(*, request: HttpRequest, user: User, password: str) -> datetime:
    """Check the password again, sign out everywhere, and schedule the deletion."""
    if user.role != Role.PATIENT:
        raise ApplicationError(
            "Doctors' and staff accounts are closed by MetSkin's staff: please ask them.",
            code="not_a_patient",
            status_code=403,
        )
    if not password or not user.check_password(password):
        message = "That is not your password."
        raise ApplicationError(message, code="wrong_password", fields={"password": [message]})
    when = timezone.now() + timedelta(days=settings.ACCOUNT_DELETION_GRACE_DAYS)
    User.objects.filter(pk=user.pk).update(deletion_scheduled_for=when)
    user.deletion_scheduled_for = when
    user_sign_out_everywhere(user=user)
    logout(request)
    logger.info("account deletion scheduled for user %s at %s", user.pk, when.isoformat())
    return when


def account_deletions_due(*, now: datetime | None = None) -> list[str]:
    now = now or timezone.now()
    ids = User.objects.filter(deletion_scheduled_for__lte=now).values_list("pk", flat=True)
    return [str(pk) for pk in ids]


def account_delete(*, user_id: str) -> bool:
    """Delete one account whose grace period is over. Idempotent: False when it is gone or
    its deletion was cancelled (a sign-in in the meantime)."""
    told: list[tuple[str, dict[str, object]]] = []
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(pk=user_id, deletion_scheduled_for__lte=timezone.now())
            .first()
        )
        if user is None:
            return False
        upcoming = Appointment.objects.filter(
            patient=user,
            status__in=(AppointmentStatus.BOOKED, AppointmentStatus.OFFERED),
            start__gt=timezone.now(),
        ).select_related("doctor__user")
        for appointment in upcoming:
            appointment_cancel(appointment=appointment, by=CancelledBy.SYSTEM, reason=CANCEL_REASON)
            doctor = appointment.doctor
            if doctor.user is not None and doctor.user.email:
                zone = ZoneInfo(getattr(doctor, "time_zone", "") or "UTC")
                told.append(
                    (doctor.user.email, {"doctor": doctor, "when": when_text(appointment, zone)})
                )
        user.delete()
    # Told after the commit, from what was read before the rows went.
    for address, context in told:
        send_templated_email(
            to=address,
            subject="An appointment is cancelled: the patient closed their account",
            template="privacy/email/doctor_appointment_cancelled",
            context=context,
        )
    logger.info("account %s deleted (%d appointments cancelled)", user_id, len(told))
    return True
