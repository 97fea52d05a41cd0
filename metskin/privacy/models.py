"""The access log ("Who has seen your data") and data exports."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from metskin.core.access_log import Grounds, ReadKind
from metskin.core.models import BaseModel


class AccessKind(models.TextChoices):
    ANALYSIS = ReadKind.ANALYSIS, "Analysis"
    PHOTO = ReadKind.PHOTO, "Photo"
    VIDEO = ReadKind.VIDEO, "Video"
    OVERLAY = ReadKind.OVERLAY, "Analysis overlay"
    APPOINTMENT_REASON = ReadKind.APPOINTMENT_REASON, "Reason for an appointment"
    UPLOAD_DETAILS = ReadKind.UPLOAD_DETAILS, "Details of a photo or video (not the picture)"


class AccessGrounds(models.TextChoices):
    DOCTOR_SHARE = Grounds.DOCTOR_SHARE, "A doctor you shared it with for a visit"
    DOCTOR_APPOINTMENT = Grounds.DOCTOR_APPOINTMENT, "A doctor you booked"
    STAFF_ADMIN = Grounds.STAFF_ADMIN, "MetSkin staff, in the admin"


class AccessRecord(BaseModel):
    """One read of a patient's data by someone else. Append-only.

    No database foreign-key constraints: the insert then takes no lock on a user row, so it
    never waits on a booking or a deletion holding one (the read it records must not wait).
    Django still deletes a patient's records with the patient (on_delete=CASCADE in the ORM).
    """

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="access_records",
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        db_constraint=False,
        related_name="+",
    )
    # Who it was, as the patient should read it, kept if the viewer's account goes.
    viewer_label = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=AccessKind.choices)
    object_id = models.CharField(max_length=64)
    grounds = models.CharField(max_length=20, choices=AccessGrounds.choices)

    class Meta(BaseModel.Meta):
        indexes = [models.Index(fields=("patient", "-created_at"), name="access_by_patient")]

    def __str__(self) -> str:
        return f"{self.viewer_label} read {self.kind} {self.object_id} of {self.patient_id}"


class ExportStatus(models.TextChoices):
    PENDING = "pending", "Waiting for a worker"
    RUNNING = "running", "Being built"
    READY = "ready", "Ready to download"
    DOWNLOADED = "downloaded", "Downloaded"
    EXPIRED = "expired", "Expired"
    FAILED = "failed", "Failed"


class DataExport(BaseModel):
    """One zip of everything MetSkin keeps about a person (GDPR art. 15 and 20).

    The zip lives encrypted in the private storage (``file_name``) until it is downloaded
    once or its link expires; then the retention job deletes it (privacy/retention.py).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports"
    )
    status = models.CharField(
        max_length=12, choices=ExportStatus.choices, default=ExportStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="0–100")
    file_name = models.CharField(max_length=200, blank=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)
    error_message = models.CharField(max_length=500, blank=True)

    class Meta(BaseModel.Meta):
        pass

    def __str__(self) -> str:
        return f"Data export {self.id} of {self.user_id} ({self.status})"
