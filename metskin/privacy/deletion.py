"""Deleting an account the person asked to delete (GDPR art. 17; docs/adr/0017).

DELETE /api/v1/me/ with the password (and, for doctors and staff, a code from their
authenticator app) signs the person out everywhere at once and schedules the deletion
``ACCOUNT_DELETION_GRACE_DAYS`` later; signing in again before then keeps the account
(accounts.services.user_authenticate clears the schedule). A doctor leaves the directory at
once (doctors.selectors.LISTED). Then the beat job ``privacy.account_deletions_run`` deletes
the user: every row goes by cascade, every stored file with its row (uploads/signals.py,
analysis/signals.py, privacy/signals.py, on commit). Before that it cancels a patient's
upcoming appointments (the doctors are told), or a doctor's (the patients are told, their
waitlist told and cleared, the profile unlisted for good; shares to them go with the user).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from importlib import import_module
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from metskin.accounts.models import Role, User
from metskin.accounts.services import password_recheck
from metskin.accounts.sign_out import user_sign_out_everywhere
from metskin.accounts.two_factor import two_factor_code_check, user_needs_two_factor
from metskin.appointments.emails import when_text
from metskin.appointments.models import (
    Appointment,
    AppointmentStatus,
    CancelledBy,
    WaitlistEntry,
)
from metskin.appointments.services import appointment_cancel
from metskin.core.emails import send_templated_email
from metskin.core.exceptions import ApplicationError
from metskin.doctors.models import DoctorProfile
from metskin.privacy.retention import axes_models

logger = logging.getLogger("metskin.privacy")

CANCEL_REASON = "The patient closed their MetSkin account."
DOCTOR_LEFT_REASON = (
    "{doctor} has left MetSkin and closed their account. Please book another dermatologist."
)


def _manages_metskin(user: User) -> bool:
    return user.role == Role.STAFF or user.is_staff or user.is_superuser


def _other_staff(user: User) -> QuerySet[User]:
    """Who else can run MetSkin: active staff not leaving themselves."""
    return (
        User.objects.filter(is_active=True, deletion_scheduled_for__isnull=True)
        .filter(Q(role=Role.STAFF) | Q(is_staff=True) | Q(is_superuser=True))
        .exclude(pk=user.pk)
    )


def _is_last_staff(user: User, *, lock: bool = False) -> bool:
    """True when ``user`` runs MetSkin and nobody else does. With ``lock`` (in a
    transaction), every staff row is locked first, so two staff members leaving at once
    are decided one after the other: the second sees the first one leaving."""
    if not _manages_metskin(user):
        return False
    if lock:
        staff = User.objects.filter(Q(role=Role.STAFF) | Q(is_staff=True) | Q(is_superuser=True))
        list(staff.order_by("pk").select_for_update().values_list("pk", flat=True))
    return not _other_staff(user).exists()


def _check_not_last_staff(user: User, *, lock: bool = False) -> None:
    """MetSkin must keep someone who can run it: the last staff member cannot leave."""
    if _is_last_staff(user, lock=lock):
        raise ApplicationError(
            "You are the last MetSkin staff member: make someone else staff first, then "
            "close your account.",
            code="last_staff",
            status_code=409,
        )


def _check_two_factor_code(user: User, code: str) -> None:
    """Doctors and staff sign in with a second factor: closing the account asks for it too."""
    if not code.strip():
        message = "Enter the 6-digit code from your authenticator app (or a backup code)."
        raise ApplicationError(message, code="code_required", fields={"code": [message]})
    try:
        two_factor_code_check(user=user, token=code)
    except ApplicationError as exc:
        if "token" in exc.fields:  # the sign-in step's field is called token; here it is code
            exc.fields = {"code": exc.fields.pop("token")}
        raise


def account_deletion_request(
    *, request: HttpRequest, user: User, password: str, code: str = ""
) -> datetime:
    """Check the password (and the two-factor code) again, sign out everywhere, and schedule
    the deletion."""
    _check_not_last_staff(user)  # early, so a refused request spends no code
    password_recheck(
        user=user, password=password, field="password", message="That is not your password."
    )
    when = timezone.now() + timedelta(days=settings.ACCOUNT_DELETION_GRACE_DAYS)
    with transaction.atomic():
        # Again under a lock over the staff rows: the check and the schedule are one step.
        _check_not_last_staff(user, lock=True)
        if user_needs_two_factor(user):
            _check_two_factor_code(user, code)
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


Told = list[tuple[str, str, str, dict[str, object]]]  # address, subject, template, context


def account_delete(*, user_id: str) -> bool:
    """Delete one account whose grace period is over. Idempotent: False when it is gone or
    its deletion was cancelled (a sign-in in the meantime)."""
    told: Told = []
    with transaction.atomic():
        user = (
            User.objects.select_for_update()
            .filter(pk=user_id, deletion_scheduled_for__lte=timezone.now())
            .first()
        )
        if user is None:
            return False
        if _is_last_staff(user, lock=True):
            # Someone else stopped being staff during the grace period: keep the account
            # (MetSkin needs someone to run it), cancel the schedule and tell the person.
            User.objects.filter(pk=user.pk).update(deletion_scheduled_for=None)
            logger.warning(
                "account deletion of %s cancelled: they are the last staff member", user_id
            )
            transaction.on_commit(lambda: _tell_kept_as_last_staff(user))
            return False
        told += _patient_appointments_cancel(user)
        doctor = DoctorProfile.objects.filter(user=user).first()
        if doctor is not None:
            told += _doctor_leaves(doctor)
        _sign_in_traces_delete(user)
        user.delete()
    # Told after the commit, from what was read before the rows went.
    for address, subject, template, context in told:
        send_templated_email(to=address, subject=subject, template=template, context=context)
    logger.info("account %s deleted (%d people told)", user_id, len(told))
    return True


SESSIONS_READ_AT_ONCE = 2000


def _sign_in_traces_delete(user: User) -> None:
    """The rows that name the account without a foreign key: its sessions (signed out since
    the request, but kept until they expire) and django-axes' sign-in records of its email.

    Sessions are stored by key, not by user, so the live ones are read and decoded: a scan,
    acceptable for a job that runs once a day for the accounts due."""
    if settings.SESSION_ENGINE in (
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    ):
        engine = import_module(settings.SESSION_ENGINE)
        store = engine.SessionStore()
        live = Session.objects.filter(expire_date__gt=timezone.now())
        theirs = [
            session.session_key
            for session in live.iterator(chunk_size=SESSIONS_READ_AT_ONCE)
            if store.decode(session.session_data).get(SESSION_KEY) == str(user.pk)
        ]
        for key in theirs:
            engine.SessionStore(session_key=key).delete()
    for model in axes_models():
        model._default_manager.filter(username__iexact=user.email).delete()


def _tell_kept_as_last_staff(user: User) -> None:
    send_templated_email(
        to=user.email,
        subject="Your MetSkin account has not been deleted",
        template="privacy/email/deletion_kept_last_staff",
        context={"user": user},
    )


def _patient_appointments_cancel(user: User) -> Told:
    told: Told = []
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
            context = {"doctor": doctor, "when": when_text(appointment, zone)}
            told.append(
                (
                    doctor.user.email,
                    "An appointment is cancelled: the patient closed their account",
                    "privacy/email/doctor_appointment_cancelled",
                    context,
                )
            )
    return told


def _doctor_leaves(doctor: DoctorProfile) -> Told:
    """A doctor's account goes: out of the directory for good (the profile stays, unlisted,
    for their patients' history), their waitlist told and cleared, upcoming visits cancelled
    (appointment_cancel emails each patient, with the reason, and ends the consent to share).
    The shares still granted to them go with their user row (AnalysisShare cascades)."""
    told: Told = []
    DoctorProfile.objects.filter(pk=doctor.pk).update(is_listed=False)
    waiting = WaitlistEntry.objects.filter(
        doctor=doctor, status=WaitlistEntry.Status.WAITING
    ).select_related("patient")
    for entry in waiting:
        context: dict[str, object] = {"doctor": doctor, "patient": entry.patient}
        told.append(
            (
                entry.patient.email,
                f"{doctor.display_name} has left MetSkin",
                "privacy/email/waitlist_doctor_left",
                context,
            )
        )
    WaitlistEntry.objects.filter(doctor=doctor, status=WaitlistEntry.Status.WAITING).update(
        status=WaitlistEntry.Status.WITHDRAWN, live=None
    )
    upcoming = Appointment.objects.filter(
        doctor=doctor,
        status__in=(AppointmentStatus.BOOKED, AppointmentStatus.OFFERED),
        start__gt=timezone.now(),
    )
    reason = DOCTOR_LEFT_REASON.format(doctor=doctor.display_name)
    for appointment in upcoming:
        appointment_cancel(appointment=appointment, by=CancelledBy.DOCTOR, reason=reason)
    return told
