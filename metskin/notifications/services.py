"""Reminders: plan them, claim one before sending it, send by email or SMS, record.

Exactly once (docs/adr/0009-reminders-exactly-once.md): a reminder is a row; planning
inserts rows under a unique constraint (ignore_conflicts), so two beat ticks plan it once;
sending first claims the row with a conditional UPDATE (PENDING → SENDING, count == 1
means it is ours), so two ticks, two workers or a redelivered task send it once. A failed
send goes to RETRYING and only the same task's retry may claim it again; after the last
retry it is FAILED with a message a person can read.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from metskin.accounts.models import Profile, User
from metskin.accounts.selectors import profile_zone
from metskin.analysis.selectors import (
    SPOT_RECHECK_AFTER,
    analyses_to_recheck,
    analysis_latest_done,
    analysis_spot_photographed_again,
)
from metskin.appointments.ics import appointment_location, appointment_url
from metskin.appointments.models import Appointment, AppointmentStatus
from metskin.core.emails import send_templated_email
from metskin.notifications.models import Channel, Reminder
from metskin.notifications.phone import phone_verified
from metskin.notifications.sms import SmsPermanentError, sms_send

logger = logging.getLogger(__name__)


def _in_quiet_hours(local: time, start: time, end: time) -> bool:
    if start < end:
        return start <= local < end
    return local >= start or local < end  # the window wraps midnight, e.g. 22:00–07:00


def shift_out_of_quiet_hours(
    *,
    due: datetime,
    deadline: datetime,
    zone: ZoneInfo,
    quiet_start: time | None,
    quiet_end: time | None,
) -> datetime:
    """Move a reminder due in quiet hours to when they end, or, if that is too late (after
    ``deadline``), to just before they begin."""
    if quiet_start is None or quiet_end is None:
        return due
    local = due.astimezone(zone)
    if not _in_quiet_hours(local.time(), quiet_start, quiet_end):
        return due
    end_day = local.date()
    if quiet_start > quiet_end and local.time() >= quiet_start:
        end_day += timedelta(days=1)
    after = datetime.combine(end_day, quiet_end).replace(tzinfo=zone)
    if after < deadline:
        return after
    start_day = local.date()
    if quiet_start > quiet_end and local.time() < quiet_end:
        start_day -= timedelta(days=1)
    before = datetime.combine(start_day, quiet_start).replace(tzinfo=zone) - timedelta(minutes=1)
    return before


def _channels(profile: Profile | None) -> list[str]:
    if profile is None:
        return [Channel.EMAIL]
    channels: list[str] = []
    if profile.notify_email:
        channels.append(Channel.EMAIL)
    # Only to a number the person proved is theirs (phone.py), never to one typed in.
    if profile.notify_sms and phone_verified(
        user_id=profile.user_id, phone_number=profile.phone_number
    ):
        channels.append(Channel.SMS)
    return channels


def reminders_plan(*, now: datetime | None = None) -> int:
    """Plan appointment, "new scan" and "photograph the spot again" reminders. Safe to run any
    time, as often as wanted."""
    return (
        appointment_reminders_plan(now=now)
        + rescan_reminders_plan()
        + spot_recheck_reminders_plan(now=now)
    )


#: Analyses older than this are not planned for any more (their window has passed).
SPOT_RECHECK_HORIZON = timedelta(weeks=8)


def spot_recheck_reminders_plan(*, now: datetime | None = None) -> int:
    """A reminder six weeks after an analysis whose spot the triage called ``routine``.

    Not opt-in: the triage's advice *is* "photograph it again in 4-8 weeks", and saying so
    is part of the answer (the channels are the person's own). Skipped once the spot has been
    photographed again (a later upload names it as the same spot).
    """
    now = now or timezone.now()
    rows = []
    for analysis in analyses_to_recheck(since=now - SPOT_RECHECK_HORIZON):
        profile = getattr(analysis.owner, "profile", None)
        assert analysis.finished_at is not None  # done analyses are finished
        due = analysis.finished_at + SPOT_RECHECK_AFTER
        if profile is not None:
            due = shift_out_of_quiet_hours(
                due=due,
                deadline=due + timedelta(days=1),
                zone=profile_zone(profile),
                quiet_start=profile.quiet_hours_start,
                quiet_end=profile.quiet_hours_end,
            )
        for channel in _channels(profile):
            rows.append(
                Reminder(
                    user=analysis.owner,
                    kind=Reminder.Kind.SPOT_RECHECK,
                    channel=channel,
                    analysis_id=analysis.pk,
                    due_at=due,
                )
            )
    return _insert_new(rows)


def rescan_reminders_plan() -> int:
    """For people who opted in: a reminder some weeks after their latest analysis."""
    rows = []
    for profile in Profile.objects.filter(rescan_reminder_weeks__isnull=False).select_related(
        "user"
    ):
        latest = analysis_latest_done(user=profile.user)
        if latest is None or latest.finished_at is None:
            continue
        due = latest.finished_at + timedelta(weeks=int(profile.rescan_reminder_weeks or 0))
        due = shift_out_of_quiet_hours(
            due=due,
            deadline=due + timedelta(days=1),
            zone=profile_zone(profile),
            quiet_start=profile.quiet_hours_start,
            quiet_end=profile.quiet_hours_end,
        )
        for channel in _channels(profile):
            rows.append(
                Reminder(
                    user=profile.user,
                    kind=Reminder.Kind.RESCAN,
                    channel=channel,
                    analysis_id=latest.pk,
                    due_at=due,
                )
            )
    return _insert_new(rows)


def _insert_new(rows: list[Reminder]) -> int:
    """Insert the reminders not planned yet; returns how many were new.

    The unique constraints make a second planning of the same reminder a no-op. The two counts
    are skipped when there is nothing to insert (most beat ticks), as the table only grows.
    """
    if not rows:
        return 0
    before = Reminder.objects.count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return Reminder.objects.count() - before


def appointment_reminders_plan(*, now: datetime | None = None) -> int:
    """Create the reminder rows for booked appointments coming up. Safe to run any time."""
    now = now or timezone.now()
    horizon = now + timedelta(hours=settings.REMINDER_PLANNING_HOURS)
    appointments = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED, start__gt=now, start__lte=horizon
    ).select_related("patient__profile")
    rows = []
    for appointment in appointments:
        profile = getattr(appointment.patient, "profile", None)
        hours = sorted(set(profile.reminder_hours_before if profile else [24, 2]), reverse=True)
        for channel in _channels(profile):
            for hours_before in hours:
                due = appointment.start - timedelta(hours=int(hours_before))
                # A reminder meant for before the booking existed is not sent late.
                if due < appointment.created_at:
                    continue
                due = shift_out_of_quiet_hours(
                    due=due,
                    deadline=appointment.start,
                    zone=profile_zone(profile),
                    quiet_start=profile.quiet_hours_start if profile else None,
                    quiet_end=profile.quiet_hours_end if profile else None,
                )
                rows.append(
                    Reminder(
                        user=appointment.patient,
                        kind=Reminder.Kind.APPOINTMENT,
                        channel=channel,
                        appointment=appointment,
                        appointment_start=appointment.start,
                        hours_before=int(hours_before),
                        due_at=due,
                    )
                )
    return _insert_new(rows)


def reminders_due(*, now: datetime | None = None) -> list[Any]:
    now = now or timezone.now()
    return list(
        Reminder.objects.filter(status=Reminder.Status.PENDING, due_at__lte=now).values_list(
            "pk", flat=True
        )[:500]
    )


def reminders_give_up_stuck(*, now: datetime | None = None) -> int:
    """A worker died while sending: record it, never send again (a duplicate is worse)."""
    now = now or timezone.now()
    stuck_since = now - timedelta(minutes=settings.REMINDER_STUCK_MINUTES)
    return Reminder.objects.filter(
        status=Reminder.Status.SENDING, claimed_at__lt=stuck_since
    ).update(
        status=Reminder.Status.FAILED,
        last_error="The worker stopped while sending; not sent again so nobody gets it twice.",
    )


def reminder_claim(*, reminder_id: Any, task_id: str) -> bool:
    """PENDING → SENDING (or this same task's RETRYING → SENDING). True if it is ours."""
    now = timezone.now()
    claimed = (
        Reminder.objects.filter(pk=reminder_id, due_at__lte=now)
        .filter(
            Q(status=Reminder.Status.PENDING) | Q(status=Reminder.Status.RETRYING, task_id=task_id)
        )
        .update(
            status=Reminder.Status.SENDING,
            claimed_at=now,
            attempts=F("attempts") + 1,
            task_id=task_id,
        )
    )
    return claimed == 1


def _finish(reminder_id: Any, status: str, error: str = "") -> None:
    values: dict[str, Any] = {"status": status, "last_error": error}
    if status == Reminder.Status.SENT:
        values["sent_at"] = timezone.now()
    Reminder.objects.filter(pk=reminder_id, status=Reminder.Status.SENDING).update(**values)


def reminder_mark_retrying(*, reminder_id: Any, error: str) -> None:
    Reminder.objects.filter(pk=reminder_id, status=Reminder.Status.SENDING).update(
        status=Reminder.Status.RETRYING, last_error=error
    )


def reminder_mark_failed(*, reminder_id: Any, error: str) -> None:
    _finish(reminder_id, Reminder.Status.FAILED, error)


def _still_wanted(reminder: Reminder, now: datetime) -> str | None:
    """Why a claimed reminder should not go out any more, or None."""
    profile = getattr(reminder.user, "profile", None)
    if reminder.channel not in _channels(profile):
        return "The person turned this channel off."
    if reminder.kind == Reminder.Kind.RESCAN:
        if profile is None or profile.rescan_reminder_weeks is None:
            return "The person turned scan reminders off."
        latest = analysis_latest_done(user=reminder.user)
        if latest is None or latest.pk != reminder.analysis_id:
            return "There is a newer analysis already."
    if reminder.kind == Reminder.Kind.SPOT_RECHECK and analysis_spot_photographed_again(
        analysis_id=reminder.analysis_id
    ):
        return "The spot was photographed again already."
    if reminder.kind == Reminder.Kind.APPOINTMENT:
        appointment = reminder.appointment
        if appointment is None or appointment.status != AppointmentStatus.BOOKED:
            return "The appointment is no longer booked."
        if appointment.start != reminder.appointment_start:
            return "The appointment moved; its new reminders replace this one."
        if appointment.start <= now:
            return "The appointment has already started."
    return None


def _appointment_text(reminder: Reminder) -> dict[str, str]:
    appointment = reminder.appointment
    assert appointment is not None
    zone = profile_zone(getattr(reminder.user, "profile", None))
    local = appointment.start.astimezone(zone)
    doctor = appointment.doctor
    link = appointment_url(appointment)
    when = f"{local:%a %d %b, %H:%M} ({zone.key})"
    joining_link = appointment.joining_link
    # A video visit's SMS carries the joining link itself: it is what the person needs then.
    details = f"Join: {joining_link}" if joining_link else f"Details: {link}"
    return {
        "subject": f"Reminder: your appointment with {doctor.display_name}, {when}",
        "sms": f"MetSkin: reminder, {doctor.display_name} on {when}. {details}",
        "when": when,
        "doctor": doctor.display_name,
        "link": link,
        "joining_link": joining_link,
        "where": appointment_location(appointment),
        "clinic_phone": doctor.clinic_phone,
    }


def reminder_deliver(*, reminder_id: Any) -> str:
    """Send a reminder this process has claimed. Raises on a transient failure."""
    reminder = Reminder.objects.select_related("user__profile", "appointment__doctor").get(
        pk=reminder_id
    )
    why_not = _still_wanted(reminder, timezone.now())
    if why_not:
        _finish(reminder.pk, Reminder.Status.SKIPPED, why_not)
        return "skipped"
    if reminder.kind == Reminder.Kind.APPOINTMENT:
        text = _appointment_text(reminder)
    elif reminder.kind == Reminder.Kind.SPOT_RECHECK:
        text = _spot_recheck_text(reminder)
    else:
        text = _rescan_text(reminder)
    if reminder.channel == Channel.SMS:
        try:
            sms_send(to=reminder.user.profile.phone_number, body=text["sms"])
        except SmsPermanentError as exc:
            reminder_mark_failed(reminder_id=reminder.pk, error=f"Not sent: {exc}")
            return "failed"
    else:
        _email(reminder.user, text)
    _finish(reminder.pk, Reminder.Status.SENT)
    return "sent"


def _rescan_text(reminder: Reminder) -> dict[str, str]:
    weeks = getattr(getattr(reminder.user, "profile", None), "rescan_reminder_weeks", None) or 0
    link = f"{settings.SITE_URL}/analyse"
    return {
        "template": "rescan",
        "subject": "Time for a new skin scan",
        "sms": f"MetSkin: {weeks} weeks since your last skin scan. Time for a new one: {link}",
        "weeks": str(weeks),
        "link": link,
    }


def _spot_recheck_text(reminder: Reminder) -> dict[str, str]:
    # The upload page links the new photo to this analysis ("same spot as"), so the triage
    # can compare the two photos.
    link = f"{settings.SITE_URL}/analyse?same_spot_as={reminder.analysis_id}"
    return {
        "template": "spot_recheck",
        "subject": "Time to photograph your spot again",
        "sms": f"MetSkin: time to photograph the spot you are watching again: {link}",
        "link": link,
    }


def _email(user: User, text: dict[str, str]) -> None:
    context = {**text, "name": getattr(getattr(user, "profile", None), "display_name", "")}
    template = text.get("template", "reminder")
    send_templated_email(
        to=user.email,
        subject=text["subject"],
        template=f"notifications/email/{template}",
        context=context,
    )
