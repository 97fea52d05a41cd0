"""Bookings with dermatologists, and each doctor's waitlist.

No double booking, ever (docs/adr/0008-race-safe-booking.md): services lock the doctor's
row before they read the calendar, and the database refuses a second live booking of one
doctor at one start through ``UniqueConstraint(doctor, slot_start)``. ``slot_start`` is the
start while the booking holds its slot and NULL once it is cancelled (MariaDB has no partial
unique indexes, but a unique index ignores NULLs), so a cancelled slot can be booked again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from metskin.core.models import BaseModel
from metskin.doctors.models import ConsultationType, DoctorProfile
from metskin.doctors.validators import validate_video_link


class AppointmentStatus(models.TextChoices):
    OFFERED = "offered", "Offered from the waitlist"
    BOOKED = "booked", "Booked"
    CANCELLED = "cancelled", "Cancelled"
    COMPLETED = "completed", "Completed"
    NO_SHOW = "no_show", "No-show"


# Statuses that hold the slot (everything but cancelled).
HOLDING_STATUSES = (
    AppointmentStatus.OFFERED,
    AppointmentStatus.BOOKED,
    AppointmentStatus.COMPLETED,
    AppointmentStatus.NO_SHOW,
)


class CancelledBy(models.TextChoices):
    PATIENT = "patient", "Patient"
    DOCTOR = "doctor", "Doctor"
    SYSTEM = "system", "MetSkin"


class Appointment(BaseModel):
    doctor = models.ForeignKey(DoctorProfile, on_delete=models.PROTECT, related_name="appointments")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appointments"
    )
    start = models.DateTimeField()
    end = models.DateTimeField()
    consultation_type = models.CharField(max_length=10, choices=ConsultationType.choices)
    status = models.CharField(
        max_length=10, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    # = start while the booking holds the slot, NULL once cancelled (see the module docstring).
    slot_start = models.DateTimeField(null=True, blank=True, editable=False)
    reason = models.TextField(max_length=1000)
    # NULL when no key was sent: unique (patient, key) ignores NULLs.
    idempotency_key = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, editable=False
    )
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.CharField(max_length=10, choices=CancelledBy.choices, blank=True)
    cancel_reason = models.CharField(max_length=500, blank=True)
    # Set by the doctor for this visit; blank means their profile's default link.
    video_link = models.URLField(max_length=500, blank=True, validators=[validate_video_link])
    # The joining link the patient was last sent (in the booking, offer or move email, or a
    # link notice): a changed link is told once, and a value that did not change never is.
    # See appointments/joining_links.py.
    joining_link_sent = models.URLField(max_length=500, blank=True, editable=False)
    # Never shown to the patient.
    doctor_notes = models.TextField(blank=True, max_length=5000)
    # Bumped on every change the patient's calendar must follow (RFC 5545 SEQUENCE).
    sequence = models.PositiveIntegerField(default=0)
    # The analyses the patient chose to show this doctor for this visit (explicit consent,
    # revocable). The access itself is the analysis app's AnalysisShare.
    shared_analyses = models.ManyToManyField(
        "analysis.Analysis", blank=True, related_name="appointments_shared_in"
    )

    class Meta:
        ordering = ("start",)
        indexes = [
            models.Index(fields=["patient", "start"]),
            # Covers the busy-interval read of the slot generator (doctor, time window,
            # status: index only, no row lookups): 3x faster on 200,000 bookings (ADR 0021).
            models.Index(
                fields=["doctor", "start", "end", "status"], name="appointment_doctor_busy_idx"
            ),
            models.Index(fields=["status", "start"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["doctor", "slot_start"], name="one_live_booking_per_doctor_slot"
            ),
            models.UniqueConstraint(
                fields=["patient", "idempotency_key"], name="one_booking_per_idempotency_key"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=F("end")), name="appointment_starts_before_it_ends"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=AppointmentStatus.CANCELLED, slot_start__isnull=True)
                    | (~Q(status=AppointmentStatus.CANCELLED) & Q(slot_start=F("start")))
                ),
                name="appointment_holds_its_slot_unless_cancelled",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient} with {self.doctor} at {self.start:%Y-%m-%d %H:%M} UTC"

    @property
    def joining_link(self) -> str:
        """Where the patient joins a video visit: this visit's link, else the doctor's."""
        if self.consultation_type != ConsultationType.VIDEO:
            return ""
        return self.video_link or self.doctor.default_video_link


class WaitlistEntry(BaseModel):
    """A patient who wants the next free slot with a doctor."""

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        OFFERED = "offered", "Offered a slot"
        BOOKED = "booked", "Booked"
        WITHDRAWN = "withdrawn", "Withdrawn"

    doctor = models.ForeignKey(DoctorProfile, on_delete=models.CASCADE, related_name="waitlist")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    consultation_type = models.CharField(
        max_length=10, choices=ConsultationType.choices, blank=True, help_text="Blank: either"
    )
    reason = models.TextField(max_length=1000)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    # True while waiting or offered, NULL after: one live entry per patient and doctor.
    live = models.BooleanField(null=True, default=True, editable=False)
    offered_appointment = models.ForeignKey(
        Appointment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("created_at",)
        verbose_name_plural = "waitlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["doctor", "patient", "live"], name="one_live_waitlist_entry"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["waiting", "offered"], live=True)
                | Q(status__in=["booked", "withdrawn"], live__isnull=True),
                name="waitlist_live_matches_status",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.patient} waiting for {self.doctor}"


class NextFreeSlot(models.Model):
    """Each listed doctor's soonest free slot, kept so the directory can sort, filter and
    paginate in SQL instead of working out every doctor's calendar on each anonymous request
    (docs/adr/0021). Only for ordering: the slots a directory page shows are computed live.

    Rows go stale when a booking, a schedule, time off or the doctor's settings change
    (``appointments.next_free``), or by ``fresh_until`` when time passes."""

    doctor = models.OneToOneField(
        DoctorProfile, on_delete=models.CASCADE, primary_key=True, related_name="next_free"
    )
    in_person_at = models.DateTimeField(null=True, blank=True)
    video_at = models.DateTimeField(null=True, blank=True)
    soonest_at = models.DateTimeField(null=True, blank=True, db_index=True)
    fresh_until = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.doctor}: {self.soonest_at or 'no free slot'}"
