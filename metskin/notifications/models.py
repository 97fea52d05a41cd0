"""Reminders: one row per message to send, claimed before sending (docs/adr/0009)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from metskin.core.models import BaseModel


class Channel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "SMS"


class Reminder(BaseModel):
    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", "Appointment reminder"
        RESCAN = "rescan", "Time for a new scan"
        # A spot the lesion triage called "routine": photograph it again in 4-8 weeks.
        SPOT_RECHECK = "spot_recheck", "Time to photograph the spot again"

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for its time"
        SENDING = "sending", "Being sent"
        RETRYING = "retrying", "Failed once, will try again"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not needed any more"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    channel = models.CharField(max_length=5, choices=Channel.choices)
    appointment = models.ForeignKey(
        "appointments.Appointment",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    # The start it was planned for: a moved appointment gets new reminders, the old skip.
    appointment_start = models.DateTimeField(null=True, blank=True)
    hours_before = models.PositiveSmallIntegerField(null=True, blank=True)
    # For "time for a new scan" and "photograph the spot again": the analysis it follows.
    analysis_id = models.UUIDField(null=True, blank=True)
    due_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ("due_at",)
        indexes = [models.Index(fields=["status", "due_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["appointment", "appointment_start", "channel", "hours_before"],
                name="one_reminder_per_appointment_time_channel_and_offset",
            ),
            models.UniqueConstraint(
                fields=["user", "analysis_id", "kind", "channel"],
                name="one_reminder_per_analysis_kind_and_channel",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="appointment", appointment__isnull=False)
                    | models.Q(kind__in=("rescan", "spot_recheck"), analysis_id__isnull=False)
                ),
                name="reminder_has_its_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.channel} to {self.user} at {self.due_at}"


class PhoneVerification(BaseModel):
    """The code last sent to a person's phone, and whether they typed it back.

    A number is verified while ``verified_at`` is set and ``phone_number`` is still the
    number on the profile: changing the number un-verifies it with no write. Only a hash of
    the code is kept (docs: issue 11, "phone verification by SMS code").
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="phone_verification"
    )
    phone_number = models.CharField(max_length=20)
    code_hash = models.CharField(max_length=64, blank=True)
    code_expires_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    verified_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.phone_number} of {self.user_id}"
