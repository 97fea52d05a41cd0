"""Consent to share analyses with a doctor: a share lives only while an appointment does.

The one rule every path goes through (docs/adr/0016): booking, accepting an offer, moving,
cancelling, expiring or deleting an appointment all end here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from metskin.accounts.models import User
from metskin.analysis.models import Analysis
from metskin.analysis.selectors import analysis_list_done
from metskin.analysis.services import analysis_share_grant, analysis_share_revoke
from metskin.appointments.models import HOLDING_STATUSES, Appointment, AppointmentStatus
from metskin.core.exceptions import ApplicationError
from metskin.doctors.models import DoctorProfile


def analyses_to_share(
    patient: User, doctor: DoctorProfile, analysis_ids: Sequence[Any]
) -> list[Analysis]:
    """The patient's own finished analyses with these ids; anything else is a 400."""
    if not analysis_ids:
        return []
    wanted = {str(analysis_id) for analysis_id in analysis_ids}
    found = [a for a in analysis_list_done(user=patient) if str(a.pk) in wanted]
    if len(found) != len(wanted):
        message = "We could not find those finished analyses among yours."
        raise ApplicationError(message, code="invalid", fields={"shared_analyses": [message]})
    if doctor.user is None or not doctor.user.is_active:
        message = (
            f"{doctor.display_name} does not use MetSkin online yet, so analyses cannot be "
            "shared with them. Bring your photos to the appointment instead."
        )
        raise ApplicationError(message, code="cannot_share", fields={"shared_analyses": [message]})
    return found


def _consent_ends_at(appointment: Appointment) -> datetime | None:
    """When the consent given for this appointment ends; None once it has no visit.

    An offer shares only until the offer runs out (accepting it moves the end to the visit);
    a visit shares until APPOINTMENT_SHARE_DAYS_AFTER_VISIT days after it ends, so the doctor
    can write up and follow up, and no longer.
    """
    if appointment.status not in HOLDING_STATUSES:
        return None
    if appointment.status == AppointmentStatus.OFFERED and appointment.offer_expires_at:
        return appointment.offer_expires_at
    return appointment.end + timedelta(days=settings.APPOINTMENT_SHARE_DAYS_AFTER_VISIT)


def appointment_shares_sync(
    *, doctor: DoctorProfile, patient: User, analyses: Sequence[Analysis]
) -> None:
    """Make each analysis's share with this doctor match the appointments that share it.

    The one rule every path goes through (docs/adr/0016): a doctor sees an analysis while at
    least one of this patient's appointments with them that has not been cancelled shares
    it, and only until the latest of those appointments' ends (``_consent_ends_at``). The
    end is stored on the share and checked on every read, so time alone ends it; a write
    that changes an appointment (cancel, expiry, move, delete) calls this to end it now.
    """
    doctor_user = doctor.user
    if doctor_user is None:
        return
    now = timezone.now()
    for analysis in analyses:
        ends = [
            end
            for appointment in Appointment.objects.filter(
                doctor=doctor, patient=patient, shared_analyses=analysis
            )
            if (end := _consent_ends_at(appointment)) is not None and end > now
        ]
        if ends and doctor_user.is_active:
            analysis_share_grant(analysis=analysis, doctor_user=doctor_user, expires_at=max(ends))
        else:
            analysis_share_revoke(analysis=analysis, doctor_user=doctor_user)


def shares_resync(appointment: Appointment, analyses: Sequence[Analysis] | None = None) -> None:
    if analyses is None:
        analyses = list(appointment.shared_analyses.all())
    appointment_shares_sync(
        doctor=appointment.doctor, patient=appointment.patient, analyses=analyses
    )


def shares_add(appointment: Appointment, analyses: Sequence[Analysis]) -> None:
    if not analyses:
        return
    appointment.shared_analyses.add(*analyses)
    shares_resync(appointment, analyses)


def _unshare(appointment: Appointment, analyses: Sequence[Analysis]) -> None:
    """Stop showing these analyses for this appointment; the doctor loses access unless
    another of this patient's appointments with them still shares it."""
    appointment.shared_analyses.remove(*analyses)
    shares_resync(appointment, analyses)


def consent_end(appointment: Appointment) -> None:
    """Consent was for this visit: a visit that will not happen shares nothing any more."""
    _unshare(appointment, list(appointment.shared_analyses.all()))


@transaction.atomic
def appointment_share_add(*, appointment: Appointment, analysis_ids: Sequence[Any]) -> Appointment:
    if appointment.status not in (AppointmentStatus.BOOKED, AppointmentStatus.OFFERED):
        raise ApplicationError(
            "Analyses can be shared only with an upcoming appointment.", code="not_changeable"
        )
    analyses = analyses_to_share(appointment.patient, appointment.doctor, analysis_ids)
    shares_add(appointment, analyses)
    return appointment


@transaction.atomic
def appointment_share_remove(*, appointment: Appointment, analysis_id: Any) -> Appointment:
    analysis = next(
        (a for a in appointment.shared_analyses.all() if str(a.pk) == str(analysis_id)), None
    )
    if analysis is None:
        raise Http404("This analysis is not shared with this appointment.")
    _unshare(appointment, [analysis])
    return appointment
