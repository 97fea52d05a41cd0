"""Dermatologists: who they are, where they practise, what they offer."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from metskin.accounts.validators import validate_time_zone
from metskin.core.models import BaseModel
from metskin.doctors.validators import validate_clinic_phone, validate_video_link


class Specialty(models.Model):
    """A focus a patient can filter by; codes are what referrals ask for."""

    class Code(models.TextChoices):
        GENERAL = "general", "General dermatology"
        ACNE = "acne", "Acne"
        PAEDIATRIC = "paediatric", "Children's skin (paediatric)"
        COSMETIC = "cosmetic", "Cosmetic dermatology"
        SKIN_CANCER = "skin_cancer", "Skin cancer and moles"
        HAIR_NAILS = "hair_nails", "Hair and nails"

    code = models.CharField(max_length=20, choices=Code.choices, unique=True)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ("name",)
        verbose_name_plural = "specialties"

    def __str__(self) -> str:
        return self.name


#: What a referral tells a patient to look for, per specialty, in the patient's words: the
#: sentence "Look for a dermatologist who sees …". No disease names (the analysis is not a
#: diagnosis), so "moles and skin checks", not the directory's "Skin cancer and moles".
#: The front end reads this through the generated ``vocabulary.ts``.
REFERRAL_PHRASES: dict[str, str] = {
    Specialty.Code.GENERAL: "general dermatology",
    Specialty.Code.ACNE: "acne",
    Specialty.Code.PAEDIATRIC: "children's skin",
    Specialty.Code.COSMETIC: "cosmetic dermatology",
    Specialty.Code.SKIN_CANCER: "moles and skin checks",
    Specialty.Code.HAIR_NAILS: "hair and nails",
}


class Language(models.Model):
    code = models.CharField(max_length=8, unique=True, help_text="ISO 639-1, e.g. en, es")
    name = models.CharField(max_length=60)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class DoctorProfile(BaseModel):
    """A dermatologist in the directory. ``user`` is their sign-in, when they have one."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="doctor_profile",
    )
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=20, default="Dr")
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    credentials = models.CharField(max_length=120, blank=True, help_text="e.g. MD, FAAD")
    licence_number = models.CharField(max_length=40, blank=True)
    npi = models.CharField(
        max_length=10, unique=True, null=True, blank=True, help_text="US National Provider Id"
    )
    board_certified = models.BooleanField(default=False)
    board_certification = models.CharField(max_length=160, blank=True)
    specialties = models.ManyToManyField(Specialty, related_name="doctors", blank=True)
    languages = models.ManyToManyField(Language, related_name="doctors", blank=True)
    clinic_name = models.CharField(max_length=160, blank=True)
    address_line = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    region = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=20, blank=True)
    country = models.CharField(max_length=2, default="US", help_text="ISO 3166-1 alpha-2")
    # Shown on the doctor's page and the appointment: the patient's way to reach a person
    # once the online change cut-off has passed.
    clinic_phone = models.CharField(
        max_length=32,
        blank=True,
        validators=[validate_clinic_phone],
        help_text="As patients should dial it, with the country code, e.g. +1 212-555-0143",
    )
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    offers_in_person = models.BooleanField(default=True)
    offers_video = models.BooleanField(default=False)
    default_video_link = models.URLField(
        max_length=500,
        blank=True,
        validators=[validate_video_link],
        help_text="The joining link of video visits, unless an appointment has its own (https)",
    )
    fee_amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    fee_currency = models.CharField(max_length=3, default="USD")
    bio = models.TextField(blank=True)
    photo = models.ImageField(upload_to="doctor-photos/", blank=True)
    accepting_new_patients = models.BooleanField(default=True)
    rating = models.DecimalField(
        max_digits=3,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(5)],
    )
    rating_count = models.PositiveIntegerField(default=0)
    is_listed = models.BooleanField(default=True, help_text="Shown in the public directory")
    # Availability rules, all in the doctor's own time zone (see availability.py).
    slot_minutes_in_person = models.PositiveSmallIntegerField(
        default=30, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    slot_minutes_video = models.PositiveSmallIntegerField(
        default=20, validators=[MinValueValidator(5), MaxValueValidator(240)]
    )
    buffer_minutes = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(120)],
        help_text="Free time kept after each appointment",
    )
    min_notice_hours = models.PositiveSmallIntegerField(
        default=12,
        validators=[MaxValueValidator(24 * 30)],
        help_text="How soon before its start a slot can still be booked",
    )
    booking_horizon_days = models.PositiveSmallIntegerField(
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text="How far ahead patients can book",
    )

    class Meta:
        ordering = ("last_name", "first_name")
        indexes = [models.Index(fields=["latitude", "longitude"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes_in_person__gte=5, slot_minutes_video__gte=5),
                name="doctor_slot_minutes_at_least_5",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.first_name} {self.last_name}".strip()


class ConsultationType(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    VIDEO = "video", "Video"


class WeeklyAvailability(models.Model):
    """A block of the doctor's usual week, in their local wall-clock time."""

    class Offers(models.TextChoices):
        IN_PERSON = "in_person", "In person"
        VIDEO = "video", "Video"
        BOTH = "both", "In person or video"

    doctor = models.ForeignKey(DoctorProfile, on_delete=models.CASCADE, related_name="weekly")
    weekday = models.PositiveSmallIntegerField(
        validators=[MaxValueValidator(6)], help_text="0 = Monday … 6 = Sunday"
    )
    start_time = models.TimeField()
    end_time = models.TimeField()
    offers = models.CharField(max_length=10, choices=Offers.choices, default=Offers.BOTH)

    class Meta:
        ordering = ("doctor", "weekday", "start_time")
        verbose_name_plural = "weekly availability"
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="weekly_weekday_0_to_6"),
            models.CheckConstraint(
                condition=Q(start_time__lt=F("end_time")), name="weekly_starts_before_it_ends"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.doctor} weekday {self.weekday} {self.start_time}–{self.end_time}"

    def consultation_types(self) -> tuple[str, ...]:
        if self.offers == self.Offers.BOTH:
            return (ConsultationType.IN_PERSON, ConsultationType.VIDEO)
        return (self.offers,)


class AvailabilityException(BaseModel):
    """Time off (holidays, a day away) or extra hours, as an absolute interval (UTC)."""

    class Kind(models.TextChoices):
        TIME_OFF = "time_off", "Time off"
        EXTRA_HOURS = "extra_hours", "Extra hours"

    doctor = models.ForeignKey(DoctorProfile, on_delete=models.CASCADE, related_name="exceptions")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TIME_OFF)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    offers = models.CharField(
        max_length=10,
        choices=WeeklyAvailability.Offers.choices,
        default=WeeklyAvailability.Offers.BOTH,
        help_text="For extra hours: which consultations they are for",
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("starts_at",)
        indexes = [models.Index(fields=["doctor", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=F("ends_at")), name="exception_starts_before_it_ends"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.doctor}: {self.starts_at}–{self.ends_at}"
