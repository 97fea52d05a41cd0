"""Articles, videos and glossary terms: MetSkin's educational content."""

from __future__ import annotations

import math
import re
import uuid
from typing import Any, Self, cast

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.dispatch import receiver
from django.test.signals import setting_changed
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty

from metskin.core.models import BaseModel
from metskin.doctors.models import DoctorProfile, Specialty
from metskin.education.embeds import video_embed_url
from metskin.education.vocabulary import CONCERN_NAMES, TERM_KEYS

WORDS_PER_MINUTE = 200
# /learn/<slug>/ shares its level with these pages; an article may not take their names.
RESERVED_SLUGS = frozenset(
    {"glossary", "videos", "media", "concern", "term", "category", "search", "feed", "feed.xml"}
)
_WORD = re.compile(r"[\w’'-]+")


def validate_article_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(f"“{value}” is the address of another /learn/ page; pick another.")


def validate_static_image(value: str) -> None:
    if value and finders.find(value) is None:
        raise ValidationError(
            f"No static file “{value}”. Add the image under "
            "metskin/education/static/education/heroes/ and use its path from there."
        )


def validate_video_embed_url(value: str) -> None:
    if value and video_embed_url(value) is None:
        raise ValidationError(
            "Use a YouTube or Vimeo video link (https). Other sites cannot be embedded."
        )


def validate_concern_name(value: str) -> None:
    if value not in CONCERN_NAMES:
        raise ValidationError(f"Unknown concern “{value}”; known: {', '.join(CONCERN_NAMES)}.")


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class Category(models.TextChoices):
    BASICS = "basics", "Skin basics"
    CONCERNS = "concerns", "Skin concerns"
    INGREDIENTS = "ingredients", "Ingredients"
    ROUTINES = "routines", "Routines"
    SUN_PROTECTION = "sun-protection", "Sun protection"
    SEE_A_DOCTOR = "see-a-doctor", "When to see a doctor"


class PublishedQuerySet(models.QuerySet[Any]):
    def public(self) -> Self:
        """What visitors may see: published, and not scheduled for later."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


class Publishable(BaseModel):
    """Drafts are never shown to visitors; ``published_at`` may schedule a later date."""

    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when first published; a future date schedules it."
    )
    # Hash of the content file it was loaded from (seed_demo updates only when the file changes).
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = PublishedQuerySet.as_manager()

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_public(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def _published_needs_date(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~Q(status=Status.PUBLISHED) | Q(published_at__isnull=False),
        name=f"{prefix}_published_has_date",
    )


class Tag(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class Article(Publishable):
    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=120, unique=True, validators=[validate_article_slug])
    summary = models.CharField(
        max_length=300, help_text="One or two sentences: shown in lists, search and previews."
    )
    body = models.TextField(
        help_text="Markdown. Start sections at ## (the title is the page’s h1)."
    )
    category = models.CharField(max_length=20, choices=Category.choices, db_index=True)
    tags = models.ManyToManyField(Tag, related_name="articles", blank=True)
    hero_image = models.CharField(
        max_length=200,
        blank=True,
        validators=[validate_static_image],
        help_text="Static path, e.g. education/heroes/concerns.png (see docs/adr/0011).",
    )
    hero_alt = models.CharField(max_length=200, blank=True, help_text="Describe the image.")
    author = models.CharField(max_length=120, default="MetSkin editorial team")
    medically_reviewed_by = models.ForeignKey(
        DoctorProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_articles",
    )
    reviewed_on = models.DateField(null=True, blank=True)
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    referral_specialty = models.CharField(
        max_length=20,
        choices=Specialty.Code.choices,
        blank=True,
        help_text="“Find a dermatologist” filters the directory by this specialty.",
    )
    related_articles = models.ManyToManyField("self", symmetrical=False, blank=True)

    class Meta:
        ordering = ("title",)
        constraints = [
            _published_needs_date("article"),
            models.CheckConstraint(
                condition=Q(medically_reviewed_by__isnull=True) | Q(reviewed_on__isnull=False),
                name="article_review_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        words = len(_WORD.findall(self.body))
        self.reading_minutes = max(1, math.ceil(words / WORDS_PER_MINUTE))
        if self.medically_reviewed_by_id and self.reviewed_on is None:
            raise ValidationError({"reviewed_on": "Give the date of the medical review."})

    def get_absolute_url(self) -> str:
        return reverse("learn:article", kwargs={"slug": self.slug})

    @property
    def doctors_url(self) -> str:
        if self.referral_specialty:
            return f"/doctors?specialty={self.referral_specialty}&sort=soonest"
        return "/doctors"


class ArticleConcern(models.Model):
    """The article a concern name links to: one article per concern."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="concern_links")
    concern = models.CharField(max_length=40, unique=True, validators=[validate_concern_name])

    class Meta:
        ordering = ("concern",)

    def __str__(self) -> str:
        return f"{self.concern} → {self.article}"


class _EducationStorage(LazyObject):
    """``STORAGES["education"]``, looked up again whenever STORAGES changes (the tests give
    each test a folder of its own); a FileField keeps the storage it was given for good."""

    def _setup(self) -> None:
        self._wrapped = storages["education"]


_education_storage = _EducationStorage()


@receiver(setting_changed)
def _forget_education_storage(*, setting: str, **kwargs: Any) -> None:
    if setting == "STORAGES":
        _education_storage._wrapped = empty  # type: ignore[assignment]


def education_storage() -> Storage:
    """Public education media (``STORAGES["education"]``), never the private uploads."""
    return cast(Storage, _education_storage)


def validate_webvtt(value: Any) -> None:
    value.seek(0)
    head = value.read(16)
    value.seek(0)
    if not head.lstrip(b"\xef\xbb\xbf").startswith(b"WEBVTT"):
        raise ValidationError("Captions must be a WebVTT file (its first line is “WEBVTT”).")


def _captions_name(instance: Video, filename: str) -> str:
    return f"captions/{instance.slug}/{uuid.uuid4().hex[:12]}.vtt"


def _upload_name(instance: Video, filename: str) -> str:
    # Never the name staff gave the file: it only reaches ffmpeg as a path we chose.
    return f"incoming/{uuid.uuid4().hex}"


class RecordingStatus(models.TextChoices):
    NONE = "none", "No upload"
    PENDING = "pending", "Waiting for the worker"
    PROCESSING = "processing", "Converting"
    READY = "ready", "Ready"
    FAILED = "failed", "Failed"


class Video(Publishable):
    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=120, unique=True)
    summary = models.CharField(max_length=300)
    embed_url = models.CharField(
        max_length=300,
        blank=True,
        validators=[validate_video_embed_url],
        help_text="YouTube or Vimeo link; stored as the privacy-friendly player URL. "
        "Leave empty while the recording is not published: the transcript is shown alone.",
    )
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    transcript = models.TextField(help_text="Markdown. The full text of the video.")
    related_articles = models.ManyToManyField(Article, related_name="videos", blank=True)
    # Our own recording (docs/adr/0020): staff upload ``upload``; the worker makes the two web
    # formats and the poster, then sets them all at once, so a page never sees half of them.
    upload = models.FileField(
        storage=education_storage,
        upload_to=_upload_name,
        blank=True,
        max_length=200,
        help_text="A video file (MP4, MOV, WebM or AVI). The worker converts it for the web "
        "and takes a poster from it; the current recording stays until that has worked.",
    )
    video_webm = models.FileField(storage=education_storage, blank=True, max_length=200,
                                  editable=False)  # fmt: skip
    video_mp4 = models.FileField(storage=education_storage, blank=True, max_length=200,
                                 editable=False)  # fmt: skip
    poster = models.FileField(storage=education_storage, blank=True, max_length=200,
                              editable=False)  # fmt: skip
    captions = models.FileField(
        storage=education_storage,
        upload_to=_captions_name,
        blank=True,
        max_length=200,
        validators=[validate_webvtt],
        help_text="WebVTT captions (.vtt), in English, shown on by default.",
    )
    recording_status = models.CharField(
        max_length=12, choices=RecordingStatus.choices, default=RecordingStatus.NONE
    )
    recording_error = models.CharField(max_length=500, blank=True)
    # The conversion's claim (docs/adr/0005's pattern): whoever holds the token may write.
    recording_claim = models.UUIDField(null=True, blank=True, editable=False)
    recording_claimed_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ("title",)
        constraints = [
            _published_needs_date("video"),
            # Both formats and the poster exist together, or none of them.
            models.CheckConstraint(
                condition=(Q(video_webm="") & Q(video_mp4="") & Q(poster=""))
                | (~Q(video_webm="") & ~Q(video_mp4="") & ~Q(poster="")),
                name="video_recording_complete",
            ),
        ]

    @property
    def has_recording(self) -> bool:
        return bool(self.video_webm and self.video_mp4 and self.poster)

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.embed_url:
            self.embed_url = video_embed_url(self.embed_url) or self.embed_url

    def get_absolute_url(self) -> str:
        return reverse("learn:video", kwargs={"slug": self.slug})


class GlossaryTerm(BaseModel):
    class Kind(models.TextChoices):
        CONDITION = "condition", "Condition"
        INGREDIENT = "ingredient", "Ingredient"
        CONCEPT = "concept", "Concept"

    term = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    also_known_as = models.CharField(max_length=200, blank=True)
    definition = models.TextField(help_text="Markdown, a short paragraph or two.")
    key = models.CharField(
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        choices=[(key, key) for key in TERM_KEYS],
        help_text="The ingredient flag or active class that links here (/learn/term/<key>/).",
    )
    article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="glossary_terms",
        help_text="Read more: the article that explains this best.",
    )
    source_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ("term",)

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("learn:glossary-term", kwargs={"slug": self.slug})

    @property
    def letter(self) -> str:
        first = self.term[:1].upper()
        return first if "A" <= first <= "Z" else "#"
