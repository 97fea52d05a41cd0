"""A changed joining link reaches the patient: once per change, never for a non-change.

A video visit's link is its own ``video_link`` or, when that is blank, the doctor's
``default_video_link`` (``Appointment.joining_link``). Either can change after booking. The
write that changes one queues, after commit, a notice for each upcoming booked visit whose
effective link it changed; the task (``appointment_link_notice_send``) re-reads the row and
claims the notice with a compare-and-set on ``joining_link_sent`` — the link the patient
was last sent — so a redelivered task, two workers, or a change undone before the worker
ran (A → B → A) send nothing twice and nothing needless. A failed send gives the claim
back, so the retry sends it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from metskin.appointments.emails import appointment_email_send
from metskin.appointments.models import Appointment, AppointmentStatus
from metskin.core.enqueue import enqueue_on_commit
from metskin.doctors.models import ConsultationType, DoctorProfile
from metskin.doctors.services import doctor_contact_update


def upcoming_video_visits(**filters: Any) -> QuerySet[Appointment]:
    """Booked video visits that have not started: the ones a new link still matters to."""
    return Appointment.objects.filter(
        status=AppointmentStatus.BOOKED,
        consultation_type=ConsultationType.VIDEO,
        start__gt=timezone.now(),
        **filters,
    )


def link_notices_queue(appointment_ids: Iterable[Any]) -> None:
    for appointment_id in appointment_ids:
        enqueue_on_commit("appointments.link_notice", str(appointment_id))


@transaction.atomic
def doctor_details_update(
    *, doctor: DoctorProfile, clinic_phone: str | None = None, default_video_link: str | None = None
) -> DoctorProfile:
    """The portal's "Your details": the clinic's phone and the default joining link. A new
    default reaches the upcoming video visits that have no link of their own: their
    calendar entry moves on (SEQUENCE) and the patient is told the new link."""
    before = DoctorProfile.objects.select_for_update().get(pk=doctor.pk).default_video_link
    doctor = doctor_contact_update(
        doctor=doctor, clinic_phone=clinic_phone, default_video_link=default_video_link
    )
    if doctor.default_video_link != before:
        inheriting = upcoming_video_visits(doctor=doctor, video_link="")
        appointment_ids = list(inheriting.values_list("pk", flat=True))
        Appointment.objects.filter(pk__in=appointment_ids).update(
            sequence=F("sequence") + 1, updated_at=timezone.now()
        )
        link_notices_queue(appointment_ids)
    return doctor


def appointment_link_notice_send(*, appointment_id: Any) -> bool:
    """Email the patient their visit's joining link if it is not the one they were last
    sent. True if this call sent it. Safe to run any number of times."""
    appointment = (
        upcoming_video_visits(pk=appointment_id)
        .select_related("doctor", "patient__profile")
        .first()
    )
    if appointment is None:
        return False  # cancelled, started, moved to in person, or gone
    told, current = appointment.joining_link_sent, appointment.joining_link
    if told == current:
        return False
    claimed = Appointment.objects.filter(pk=appointment.pk, joining_link_sent=told).update(
        joining_link_sent=current
    )
    if claimed != 1:
        return False  # another delivery of this notice got there first
    try:
        appointment_email_send(appointment=appointment, event="link_changed")
    except Exception:
        # Give the claim back so the task's retry sends it (unless a newer one did).
        Appointment.objects.filter(pk=appointment.pk, joining_link_sent=current).update(
            joining_link_sent=told
        )
        raise
    return True
