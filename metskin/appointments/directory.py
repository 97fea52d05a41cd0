"""The public directory: doctors ordered, filtered and paginated in SQL by their stored next
free slot, then the few on one page given their real soonest slots (docs/adr/0021)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import F, QuerySet
from django.utils import timezone

from metskin.appointments.next_free import next_free_refresh
from metskin.appointments.selectors import free_slots_for_doctors, local_today
from metskin.doctors.availability import Slot
from metskin.doctors.models import ConsultationType, DoctorProfile

SORTS = ("soonest", "distance", "rating", "name")
_NEXT_FREE_FIELD: dict[str, str] = {
    ConsultationType.IN_PERSON.value: "next_free__in_person_at",
    ConsultationType.VIDEO.value: "next_free__video_at",
}
# A page shows each doctor's next few slots: most doctors have them within a few days, so
# those days are worked out first, and the rest of the window only for doctors still short.
# (Generating 14 days of slots for every doctor on the page was most of a request's time.)
FIRST_PASS_DAYS = 3
# The stored slot is in UTC and ``available_by`` a date in the doctor's zone: SQL keeps
# everything up to the end of that date anywhere on Earth (UTC-12), the page checks exactly.
_LATEST_ZONE_OFFSET = timedelta(hours=12)


@dataclass
class DirectoryEntry:
    doctor: DoctorProfile
    next_slots: list[Slot]

    @property
    def soonest(self) -> datetime | None:
        return self.next_slots[0].start if self.next_slots else None


def directory_search(
    *,
    doctors: QuerySet[DoctorProfile],
    sort: str = "soonest",
    consultation_type: str | None = None,
    available_by: date | None = None,
    now: datetime | None = None,
) -> QuerySet[DoctorProfile]:
    """The matching doctors in directory order, ready to paginate.

    Recomputes at most ``DIRECTORY_REFRESH_MAX`` stale next-free rows of the matching doctors
    first (beat keeps the rest fresh), so one anonymous request does bounded work."""
    now = now or timezone.now()
    next_free_refresh(
        doctor_ids=doctors.order_by().values("pk"),
        limit=settings.DIRECTORY_REFRESH_MAX,
        now=now,
    )
    field = _NEXT_FREE_FIELD.get(consultation_type or "", "next_free__soonest_at")
    doctors = doctors.annotate(next_free_at=F(field))
    if available_by is not None:
        day_after = available_by + timedelta(days=1)
        midnight = datetime.combine(day_after, time(), tzinfo=ZoneInfo("UTC"))
        doctors = doctors.filter(next_free_at__lt=midnight + _LATEST_ZONE_OFFSET)
    soonest = F("next_free_at").asc(nulls_last=True)
    if sort == "distance" and "distance_km" in doctors.query.annotations:
        return doctors.order_by(F("distance_km").asc(nulls_last=True), "last_name", "pk")
    if sort == "rating":
        return doctors.order_by(F("rating").desc(nulls_last=True), "-rating_count", "pk")
    if sort == "name":
        return doctors.order_by("last_name", "first_name", "pk")
    return doctors.order_by(soonest, "last_name", "pk")


def rows_in_order(ordered: QuerySet[DoctorProfile], ids: list[Any]) -> list[DoctorProfile]:
    """The doctors of one page, in the page's order, with the annotations of ``ordered``."""
    by_id = {doctor.pk: doctor for doctor in ordered.order_by().filter(pk__in=ids)}
    return [by_id[pk] for pk in ids if pk in by_id]


def directory_entries(
    *,
    doctors: list[DoctorProfile],
    consultation_type: str | None = None,
    available_by: date | None = None,
    slots_each: int = 3,
    now: datetime | None = None,
) -> list[DirectoryEntry]:
    """One page of doctors with their real soonest free slots (three queries for the page).

    With ``available_by``, a doctor with no slot by the end of that day in their own zone is
    left off the page (the SQL filter above is a day wider, to be right in every zone)."""
    now = now or timezone.now()
    if not doctors:
        return []
    today = min(local_today(doctor, now) for doctor in doctors)
    last = today + timedelta(days=settings.DIRECTORY_SOONEST_DAYS)
    if available_by is not None:
        last = min(last, available_by)
    slots = _soonest_slots(
        doctors, today, max(today, last), consultation_type, now, wanted=slots_each
    )
    entries = [DirectoryEntry(doctor, slots[doctor.pk][:slots_each]) for doctor in doctors]
    if available_by is not None:
        entries = [entry for entry in entries if _by(entry, available_by)]
    return entries


def _soonest_slots(
    doctors: list[DoctorProfile],
    first: date,
    last: date,
    consultation_type: str | None,
    now: datetime,
    *,
    wanted: int,
) -> dict[Any, list[Slot]]:
    """Each doctor's free slots from ``first``, in order, at least ``wanted`` of them where
    the window up to ``last`` has that many (every slot of the days looked at, so the list is
    the same as working out the whole window and cutting it)."""
    split = min(last, first + timedelta(days=FIRST_PASS_DAYS - 1))
    slots = free_slots_for_doctors(
        doctors=doctors,
        date_from=first,
        date_to=split,
        consultation_type=consultation_type,
        now=now,
    )
    short = [doctor for doctor in doctors if len(slots[doctor.pk]) < wanted]
    if short and split < last:
        later = free_slots_for_doctors(
            doctors=short,
            date_from=split + timedelta(days=1),
            date_to=last,
            consultation_type=consultation_type,
            now=now,
        )
        for doctor in short:
            slots[doctor.pk] = slots[doctor.pk] + later[doctor.pk]
    return slots


def _by(entry: DirectoryEntry, day: date) -> bool:
    return entry.soonest is not None and entry.next_slots[0].local_start.date() <= day


__all__ = ["SORTS", "DirectoryEntry", "directory_entries", "directory_search", "rows_in_order"]
