"""Directory reads: filters, distance in SQL (haversine), one doctor, their rules."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Avg, F, Q, QuerySet, Value
from django.db.models.functions import ASin, Cos, Power, Radians, Sin, Sqrt
from django.http import Http404

from metskin.core.exceptions import ApplicationError
from metskin.doctors.models import (
    AvailabilityException,
    ConsultationType,
    DoctorProfile,
    Language,
    WeeklyAvailability,
)

EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


# In the directory: listed by staff, and not a doctor who asked to delete their account (they
# leave it at once, and come back if they sign in again within the grace period).
LISTED = Q(is_listed=True, user__deletion_scheduled_for__isnull=True)


def haversine_km(a: Point, b: Point) -> float:
    """The same formula as the SQL below, for tests and for code outside a query."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlng = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def _distance_expression(point: Point) -> Any:
    lat = Radians(F("latitude"))
    lng = Radians(F("longitude"))
    plat = math.radians(point.latitude)
    plng = math.radians(point.longitude)
    half_dlat = (lat - Value(plat)) / 2
    half_dlng = (lng - Value(plng)) / 2
    h = Power(Sin(half_dlat), 2) + Value(math.cos(plat)) * Cos(lat) * Power(Sin(half_dlng), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Sqrt(h))


def postcode_point(*, postcode: str) -> Point:
    """Where a postcode is: the centre of the clinics we list under it.

    The directory has no geocoder (no calls to outside services): a postcode, or a UK
    outward code / a US ZIP's first three digits, resolves to the average position of the
    clinics in it. An unknown postcode is a clear 400.
    """
    code = postcode.strip().upper()
    located = DoctorProfile.objects.filter(latitude__isnull=False, longitude__isnull=False)
    candidates = [code]
    if " " in code:
        candidates.append(code.split(" ", 1)[0])
    if code[:3].isdigit():
        candidates.append(code[:3])
    for candidate in candidates:
        exact = Q(postcode__iexact=candidate)
        prefix = Q(postcode__istartswith=candidate + " ") | Q(postcode__istartswith=candidate)
        row = located.filter(exact if candidate == code else prefix).aggregate(
            lat=Avg("latitude"), lng=Avg("longitude")
        )
        if row["lat"] is not None:
            return Point(row["lat"], row["lng"])
    message = f"We do not know where “{postcode}” is. Try a nearby postcode or share your location."
    raise ApplicationError(message, code="unknown_postcode", fields={"postcode": [message]})


def doctor_list(
    *,
    specialty: str | None = None,
    language: str | None = None,
    consultation_type: str | None = None,
    near: Point | None = None,
    radius_km: float | None = None,
    accepting_only: bool = False,
    query: str | None = None,
) -> QuerySet[DoctorProfile]:
    """Listed doctors matching the filters; with ``near``, annotated with ``distance_km``."""
    doctors = DoctorProfile.objects.filter(LISTED)
    # Many-to-many filters as subqueries: a join would repeat doctors and need DISTINCT over
    # every column, which costs more than the rest of a 5,000-doctor directory query.
    if specialty:
        with_specialty = DoctorProfile.specialties.through.objects.filter(specialty__code=specialty)
        doctors = doctors.filter(pk__in=with_specialty.values("doctorprofile_id"))
    if language:
        speaking = DoctorProfile.languages.through.objects.filter(language__code=language)
        doctors = doctors.filter(pk__in=speaking.values("doctorprofile_id"))
    if consultation_type == ConsultationType.IN_PERSON:
        doctors = doctors.filter(offers_in_person=True)
    elif consultation_type == ConsultationType.VIDEO:
        doctors = doctors.filter(offers_video=True)
    if accepting_only:
        doctors = doctors.filter(accepting_new_patients=True)
    if query:
        for word in query.split()[:5]:
            doctors = doctors.filter(
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(clinic_name__icontains=word)
                | Q(city__icontains=word)
            )
    if near is not None:
        doctors = doctors.filter(latitude__isnull=False, longitude__isnull=False)
        if radius_km is not None:
            # A bounding box first, so the index on (latitude, longitude) does the coarse work.
            dlat = radius_km / 111.0
            dlng = radius_km / max(1e-6, 111.0 * math.cos(math.radians(near.latitude)))
            doctors = doctors.filter(
                latitude__range=(near.latitude - dlat, near.latitude + dlat),
                longitude__range=(near.longitude - dlng, near.longitude + dlng),
            )
        doctors = doctors.annotate(distance_km=_distance_expression(near))
        if radius_km is not None:
            doctors = doctors.filter(distance_km__lte=radius_km)
    return doctors.prefetch_related("specialties", "languages")


def language_list_listed() -> QuerySet[Language]:
    """The languages some listed doctor speaks: the directory's filter list (a doctor who
    is leaving is not listed, so their languages alone are not offered)."""
    speaking = DoctorProfile.languages.through.objects.filter(
        doctorprofile__in=DoctorProfile.objects.filter(LISTED)
    )
    return Language.objects.filter(pk__in=speaking.values("language_id"))


def doctor_get(*, doctor_id: Any, listed_only: bool = True) -> DoctorProfile:
    doctors = DoctorProfile.objects.prefetch_related("specialties", "languages")
    if listed_only:
        doctors = doctors.filter(LISTED)
    try:
        return doctors.get(pk=doctor_id)
    except (DoctorProfile.DoesNotExist, ValueError, TypeError, DjangoValidationError) as exc:
        # A malformed id is "no such doctor" too, not a 500.
        raise Http404("No such doctor.") from exc


@dataclass
class Rules:
    weekly: list[WeeklyAvailability]
    exceptions: list[AvailabilityException]


def rules_for_doctors(
    *, doctor_ids: Sequence[Any], start: datetime, end: datetime
) -> dict[Any, Rules]:
    """Weekly hours and the exceptions touching [start, end) for many doctors, two queries."""
    rules: dict[Any, Rules] = defaultdict(lambda: Rules([], []))
    for rule in WeeklyAvailability.objects.filter(doctor_id__in=doctor_ids):
        rules[rule.doctor_id].weekly.append(rule)
    for exception in AvailabilityException.objects.filter(
        doctor_id__in=doctor_ids, starts_at__lt=end, ends_at__gt=start
    ):
        rules[exception.doctor_id].exceptions.append(exception)
    return rules


def distance_for(doctor: DoctorProfile) -> float | None:
    value = getattr(doctor, "distance_km", None)
    return None if value is None else round(float(value), 1)
