"""Uploaded photos and videos, stored encrypted and stripped of metadata."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from metskin.core.models import BaseModel


class MediaKind(models.TextChoices):
    PHOTO = "photo", "Photo"
    VIDEO = "video", "Video"


class SourceFormat(models.TextChoices):
    """What the upload was, judged by its content (never by its name)."""

    JPEG = "jpeg", "JPEG"
    PNG = "png", "PNG"
    WEBP = "webp", "WebP"
    HEIC = "heic", "HEIC"
    MP4 = "mp4", "MP4"
    MOV = "mov", "MOV"  # what iPhones save and people call it
    WEBM = "webm", "WebM"


PHOTO_FORMATS = (SourceFormat.JPEG, SourceFormat.PNG, SourceFormat.WEBP, SourceFormat.HEIC)
VIDEO_FORMATS = (SourceFormat.MP4, SourceFormat.MOV, SourceFormat.WEBM)


class Upload(BaseModel):
    """One photo or video a person uploaded.

    ``file_name`` names the file in the private storage (``metskin.uploads.storage``).
    Photos are stored already re-encoded and stripped. A video is stored as uploaded but
    encrypted until the analysis worker has re-encoded it without metadata (``sanitized``);
    only clean media are ever served. A raw video the worker refuses loses its file
    (``discarded_at``) but keeps its row, so the failed analysis can say why.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uploads"
    )
    kind = models.CharField(max_length=5, choices=MediaKind.choices)
    source_format = models.CharField(max_length=4, choices=SourceFormat.choices)
    file_name = models.CharField(max_length=200, unique=True)
    content_type = models.CharField(max_length=40)
    size_bytes = models.PositiveBigIntegerField(help_text="Bytes of the stored (clean) file")
    uploaded_bytes = models.PositiveBigIntegerField(help_text="Bytes as uploaded")
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    duration_s = models.FloatField(null=True, blank=True)
    sanitized = models.BooleanField(
        default=True, help_text="Metadata stripped and re-encoded: safe to serve"
    )
    thumbnail_name = models.CharField(max_length=200, blank=True)
    discarded_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the original was deleted because the analysis worker refused it "
        "(a video found too long, frames that do not decode); the row stays to explain the "
        "failed analysis until retention removes it",
    )

    class Meta:
        ordering = ("-created_at",)
        indexes = (models.Index(fields=("owner", "-created_at")),)
        constraints = (
            models.CheckConstraint(
                name="upload_kind_valid", condition=Q(kind__in=MediaKind.values)
            ),
            models.CheckConstraint(
                name="upload_photo_format",
                condition=~Q(kind=MediaKind.PHOTO) | Q(source_format__in=PHOTO_FORMATS),
            ),
            models.CheckConstraint(
                name="upload_video_format",
                condition=~Q(kind=MediaKind.VIDEO) | Q(source_format__in=VIDEO_FORMATS),
            ),
            models.CheckConstraint(
                name="upload_photo_is_clean_and_still",
                condition=~Q(kind=MediaKind.PHOTO) | Q(sanitized=True, duration_s__isnull=True),
            ),
            models.CheckConstraint(
                # A raw video's header may not say its length (a MediaRecorder WebM): the
                # worker measures it when it re-encodes the video.
                name="upload_video_has_duration",
                condition=~Q(kind=MediaKind.VIDEO)
                | Q(duration_s__isnull=False)
                | Q(sanitized=False),
            ),
            models.CheckConstraint(
                name="upload_has_pixels", condition=Q(width__gt=0, height__gt=0)
            ),
        )

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.id} of {self.owner_id}"

    def stored_names(self) -> list[str]:
        """Every file this upload keeps in the private storage."""
        original = "" if self.discarded_at else self.file_name
        return [name for name in (original, self.thumbnail_name) if name]
