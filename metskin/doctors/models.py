"""Dermatologists: who they are, where they practise, what they offer."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from metskin.core.models import BaseModel


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
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    time_zone = models.CharField(max_length=64, default="UTC")
    offers_in_person = models.BooleanField(default=True)
    offers_video = models.BooleanField(default=False)
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

    class Meta:
        ordering = ("last_name", "first_name")
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.first_name} {self.last_name}".strip()
