"""Analyses of uploaded photos and videos, and the doctors they are shared with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from metskin.core.models import BaseModel
from metskin.uploads.models import Upload


class AnalysisStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    RUNNING = "running", "Analysing"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class LesionUrgency(models.TextChoices):
    """skinlab's triage of the photographed spot (docs/skinlab.md, "Lesion triage")."""

    NONE = "none", "Nothing to watch"
    ROUTINE = "routine", "Watch it: photograph it again in 4–8 weeks"
    SOON = "soon", "See a dermatologist in the coming weeks"
    URGENT = "urgent", "See a dermatologist within two weeks"


class Analysis(BaseModel):
    """One run of skinlab on one upload: ``pending`` → ``running`` → ``done`` | ``failed``.

    ``result`` is skinlab's ``AnalysisResult.to_dict()`` (schema in docs/architecture.md).
    ``claimed_until`` is the lease of the worker running it: a re-delivered task takes over
    only after it ran out (docs/adr/0005-analysis-task-idempotency.md).
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="analyses"
    )
    upload = models.OneToOneField(Upload, on_delete=models.CASCADE, related_name="analysis")
    status = models.CharField(
        max_length=8, choices=AnalysisStatus.choices, default=AnalysisStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="0–100")
    stage = models.CharField(max_length=32, blank=True, default="queued")
    result = models.JSONField(null=True, blank=True)
    overlay_name = models.CharField(max_length=200, blank=True)
    # What the person said about the spot on the upload ("About this spot"): skinlab's
    # answers object, checked by skinlab.parse_answers before it is stored. Null: not asked.
    spot_answers = models.JSONField(null=True, blank=True)
    # An earlier analysis of the same spot: the change between the photos is a triage sign.
    same_spot_as = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="later_photos"
    )
    # The lesion triage of a finished analysis (blank until done, or when no spot was
    # assessed): kept as a column so reminders and lists need not open the result.
    lesion_urgency = models.CharField(max_length=8, choices=LesionUrgency.choices, blank=True)
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    # The current run's fencing token: only the run holding it may write progress or results.
    claim_token = models.UUIDField(null=True, blank=True, editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-created_at",)
        verbose_name_plural = "analyses"
        indexes = (models.Index(fields=("owner", "status", "-created_at")),)
        constraints = (
            models.CheckConstraint(
                name="analysis_status_valid", condition=Q(status__in=AnalysisStatus.values)
            ),
            models.CheckConstraint(
                name="analysis_progress_0_100", condition=Q(progress__gte=0, progress__lte=100)
            ),
            models.CheckConstraint(
                name="analysis_done_has_result",
                condition=~Q(status=AnalysisStatus.DONE)
                | Q(result__isnull=False, finished_at__isnull=False, progress=100),
            ),
            models.CheckConstraint(
                name="analysis_failed_says_why",
                condition=~Q(status=AnalysisStatus.FAILED)
                | (Q(finished_at__isnull=False) & ~Q(error_message="")),
            ),
        )

    def __str__(self) -> str:
        return f"Analysis {self.id} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (AnalysisStatus.DONE, AnalysisStatus.FAILED)

    def stored_names(self) -> list[str]:
        return [self.overlay_name] if self.overlay_name else []


class AnalysisShare(BaseModel):
    """An owner lets a dermatologist see one analysis (its numbers, pictures and overlay).

    One row per analysis and doctor; revoking sets ``revoked_at``, granting again clears it.
    ``expires_at`` ends the share on its own at that time, checked on every read: a share
    made for an appointment ends with it (docs/adr/0016-a-share-lives-with-its-appointment.md).
    """

    analysis = models.ForeignKey(Analysis, on_delete=models.CASCADE, related_name="shares")
    doctor_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="analyses_shared_with_me"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)
    # NULL: until revoked.
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("-granted_at",)
        constraints = (
            models.UniqueConstraint(
                fields=("analysis", "doctor_user"), name="analysis_share_once_per_doctor"
            ),
            models.CheckConstraint(
                name="analysis_share_revoked_after_granted",
                condition=Q(revoked_at__isnull=True) | Q(revoked_at__gte=models.F("granted_at")),
            ),
        )

    def __str__(self) -> str:
        return f"{self.analysis_id} shared with {self.doctor_user_id}"
