"""Each doctor's soonest free slot, stored (``NextFreeSlot``) so the public directory sorts,
filters by ``available_by`` and paginates in SQL (docs/adr/0021).

Working out a doctor's free slots means reading their weekly hours, time off and bookings
and walking 14 days of calendar. Doing that for every matching doctor on each anonymous
directory request let anyone burn the web server's CPU (issue 11). Now a row is computed
once and reused until something changes it:

- a booking, a weekly schedule, time off or the doctor's profile is saved or deleted: the
  row is marked stale at once (signals, so the admin and every service path are covered);
- time passes: ``fresh_until`` is the earlier of a TTL and the moment the soonest slot
  falls inside the doctor's notice period.

Stale rows are recomputed by beat every minute, and a directory request recomputes at most
``DIRECTORY_REFRESH_MAX`` of the doctors it matches. A row is only an ordering hint: the
slots a directory page shows are always computed live, for that page's doctors only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone

from metskin.appointments.models import NextFreeSlot
from metskin.appointments.selectors import free_slots_for_doctors, local_today
from metskin.doctors.models import ConsultationType, DoctorProfile

# "Recompute me": any moment in the past will do.
STALE = datetime(2000, 1, 1, tzinfo=UTC)
BATCH = 200


def next_free_compute(doctors: Sequence[DoctorProfile], *, now: datetime) -> list[NextFreeSlot]:
    """The soonest free slot of each doctor, by consultation type (three queries a batch)."""
    if not doctors:
        return []
    today = min(local_today(doctor, now) for doctor in doctors)
    slots = free_slots_for_doctors(
        doctors=doctors,
        date_from=today,
        date_to=today + timedelta(days=settings.DIRECTORY_SOONEST_DAYS),
        now=now,
    )
    ttl = now + timedelta(seconds=settings.DIRECTORY_NEXT_SLOT_TTL_S)
    rows = []
    for doctor in doctors:
        first: dict[str, datetime] = {}
        for slot in slots[doctor.pk]:
            first.setdefault(slot.consultation_type, slot.start)
        soonest = min(first.values(), default=None)
        fresh_until = ttl
        if soonest is not None:
            # Once inside the notice period the slot can no longer be booked.
            fresh_until = min(ttl, soonest - timedelta(hours=doctor.min_notice_hours))
        rows.append(
            NextFreeSlot(
                doctor=doctor,
                in_person_at=first.get(ConsultationType.IN_PERSON),
                video_at=first.get(ConsultationType.VIDEO),
                soonest_at=soonest,
                fresh_until=max(fresh_until, now),
            )
        )
    return rows


def _stale(now: datetime) -> QuerySet[DoctorProfile]:
    return DoctorProfile.objects.filter(is_listed=True).filter(
        Q(next_free__isnull=True) | Q(next_free__fresh_until__lte=now)
    )


def next_free_refresh(
    *, doctor_ids: Any = None, limit: int | None = None, now: datetime | None = None
) -> int:
    """Recompute the stale rows (of ``doctor_ids``, a list or a subquery, if given), at most
    ``limit`` of them; how many were recomputed. Idempotent: an upsert of computed values."""
    now = now or timezone.now()
    stale = _stale(now)
    if doctor_ids is not None:
        stale = stale.filter(pk__in=doctor_ids)
    ids = stale.order_by("pk").values_list("pk", flat=True)
    wanted = list(ids[:limit] if limit is not None else ids)
    upsert: dict[str, Any] = {
        "update_conflicts": True,
        "update_fields": ["in_person_at", "video_at", "soonest_at", "fresh_until"],
    }
    if connection.features.supports_update_conflicts_with_target:
        upsert["unique_fields"] = ["doctor"]  # SQLite and PostgreSQL name the key; MySQL cannot
    for first in range(0, len(wanted), BATCH):
        chunk = wanted[first : first + BATCH]
        doctors = list(DoctorProfile.objects.filter(pk__in=chunk))
        NextFreeSlot.objects.bulk_create(next_free_compute(doctors, now=now), **upsert)
    return len(wanted)


def next_free_mark_stale(doctor_ids: Iterable[Any]) -> None:
    NextFreeSlot.objects.filter(doctor_id__in=list(doctor_ids)).update(fresh_until=STALE)
