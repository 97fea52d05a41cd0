"""The public doctor directory at scale: 5,000 doctors and 200,000 booked slots, in process,
on the configured database (MariaDB in CI).

Run with ``python -m bench.directory``. The doctors live in a separate database
(``<name>_bench_directory``, or ``var/bench-directory.sqlite3``), made on the first run and
kept (``--drop`` removes it). Each directory query is timed twice: as the directory answers
now (ordered and paginated in SQL by the stored next free slot, slots for one page only,
docs/adr/0021) and as it answered before (every matching doctor's calendar worked out on
each request, then sorted) — the "before" path is rebuilt here from the same selectors.
Targets (issue 11): directory p95 <= 100 ms, one doctor's slots p95 <= 50 ms.
"""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta
from datetime import time as wall_time
from random import Random
from zoneinfo import ZoneInfo

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.database import use_bench_database  # noqa: E402
from bench.table import QueryCounter, print_table, summary, time_ms, verdict  # noqa: E402
from metskin.core.startup import freeze_startup_heap  # noqa: E402

DOCTORS = 5_000
BOOKED = 200_000
REPEAT = 30
BEFORE_REPEAT = 3  # the old path takes seconds per request
DIRECTORY_P95_MS = 100
SLOTS_P95_MS = 50
ZONES = ("America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London")


def fill() -> None:
    """5,000 doctors with weekday hours (in person and video) and 200,000 booked slots in
    their next weeks: the soonest free slot is a few days out for most, weeks for some."""
    from metskin.accounts.models import User
    from metskin.appointments.models import Appointment
    from metskin.doctors.models import DoctorProfile, Specialty, WeeklyAvailability

    if DoctorProfile.objects.count() >= DOCTORS:
        return
    started = time.monotonic()
    random = Random(2026)
    patients = User.objects.bulk_create(
        # "!" is Django's unusable password: these patients never sign in.
        [User(email=f"bench-patient-{n}@metskin.example", password="!") for n in range(2_000)]  # noqa: S106
    )
    specialties = list(Specialty.objects.all())
    doctors = DoctorProfile.objects.bulk_create(
        [
            DoctorProfile(
                slug=f"bench-doctor-{n}",
                first_name=f"Ada{n}",
                last_name=f"Bench{n:05d}",
                city="New York",
                time_zone=ZONES[n % len(ZONES)],
                offers_in_person=True,
                offers_video=True,
                min_notice_hours=12,
                booking_horizon_days=90,
                rating=f"{random.uniform(3, 5):.2f}",
                rating_count=random.randint(0, 300),
            )
            for n in range(DOCTORS)
        ],
        batch_size=1000,
    )
    through = DoctorProfile.specialties.through
    through.objects.bulk_create(
        [
            through(doctorprofile_id=doctor.pk, specialty_id=specialty.pk)
            for doctor in doctors
            for specialty in random.sample(specialties, 2)
        ],
        batch_size=5000,
    )
    WeeklyAvailability.objects.bulk_create(
        [
            WeeklyAvailability(
                doctor=doctor,
                weekday=day,
                start_time=wall_time(9),
                end_time=wall_time(17),
                offers=WeeklyAvailability.Offers.BOTH,
            )
            for doctor in doctors
            for day in range(5)
        ],
        batch_size=5000,
    )
    per_doctor = BOOKED // DOCTORS
    now = timezone.now()
    appointments = []
    for index, doctor in enumerate(doctors):
        zone = ZoneInfo(doctor.time_zone)
        # Book the doctor's next half-hours in order, weekdays 09:00-17:00 local: the first
        # doctors are full for longer, so the soonest slot differs from doctor to doctor.
        day = now.astimezone(zone).date() + timedelta(days=1)
        booked = 0
        skip = index % 7
        while booked < per_doctor:
            if day.weekday() < 5:
                for half_hour in range(16):
                    if booked >= per_doctor:
                        break
                    if skip:
                        skip -= 1
                        continue
                    local = datetime.combine(day, wall_time(9), tzinfo=zone)
                    start = (local + timedelta(minutes=30 * half_hour)).astimezone(ZoneInfo("UTC"))
                    appointments.append(
                        Appointment(
                            doctor=doctor,
                            patient=patients[(index + booked) % len(patients)],
                            start=start,
                            end=start + timedelta(minutes=30),
                            slot_start=start,
                            consultation_type="in_person",
                            reason="Benchmark booking",
                        )
                    )
                    booked += 1
            day += timedelta(days=1)
        if len(appointments) >= 20_000:
            Appointment.objects.bulk_create(appointments, batch_size=5000)
            appointments = []
    Appointment.objects.bulk_create(appointments, batch_size=5000)
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            # Every table filled here: stale statistics after a bulk fill made MariaDB join
            # the specialties the slow way round (45 ms instead of 1 ms) until InnoDB's own
            # background recount caught up.
            cursor.execute(
                "ANALYZE TABLE doctors_doctorprofile, doctors_doctorprofile_specialties, "
                "doctors_weeklyavailability, appointments_appointment, accounts_user"
            )
    print(
        f"Filled: {DoctorProfile.objects.count():,} doctors, "
        f"{Appointment.objects.count():,} booked slots in {time.monotonic() - started:.0f} s",
        flush=True,
    )


def old_directory(query: dict[str, str]) -> list:
    """The directory as it was before ADR 0021: every matching doctor's free slots worked
    out on each request, then sorted by the soonest and cut to one page."""
    from metskin.appointments.selectors import free_slots_for_doctors, local_today
    from metskin.doctors.selectors import doctor_list

    now = timezone.now()
    doctors = list(doctor_list(specialty=query.get("specialty")))
    today = min(local_today(doctor, now) for doctor in doctors)
    slots = free_slots_for_doctors(
        doctors=doctors,
        date_from=today,
        date_to=today + timedelta(days=settings.DIRECTORY_SOONEST_DAYS),
        now=now,
    )
    far = datetime.max.replace(tzinfo=ZoneInfo("UTC"))
    doctors.sort(key=lambda d: (slots[d.pk][0].start if slots[d.pk] else far, d.last_name))
    return doctors[:20]


def main() -> int:
    from metskin.appointments.models import NextFreeSlot
    from metskin.appointments.next_free import STALE, next_free_refresh
    from metskin.doctors.models import DoctorProfile

    use_bench_database("bench_directory")
    fill()
    NextFreeSlot.objects.update(fresh_until=STALE)
    started = time.monotonic()
    refreshed = next_free_refresh()
    refresh_s = time.monotonic() - started
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE TABLE appointments_nextfreeslot")
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    freeze_startup_heap()  # as the web server's entry point does (config/wsgi.py)
    client = Client()
    soon = (timezone.now() + timedelta(days=7)).date().isoformat()
    doctor = DoctorProfile.objects.order_by("pk").first()
    assert doctor is not None
    queries = {
        "directory (soonest)": ("/api/v1/doctors/", {}),
        "directory ?specialty=acne": ("/api/v1/doctors/?specialty=acne", {"specialty": "acne"}),
        f"directory ?available_by={soon}": (f"/api/v1/doctors/?available_by={soon}", None),
        "directory ?sort=rating&page=10": ("/api/v1/doctors/?sort=rating&page=10", None),
        "one doctor's slots (14 days)": (f"/api/v1/doctors/{doctor.pk}/slots/", None),
    }
    rows = []
    misses = 0
    for label, (url, old_query) in queries.items():
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(url)
        assert response.status_code == 200, response.content[:300]
        median, p95 = summary(time_ms(lambda url=url: client.get(url), REPEAT))
        target = SLOTS_P95_MS if "slots" in label else DIRECTORY_P95_MS
        before = ratio = "—"
        if old_query is not None:
            old_median, _ = summary(
                time_ms(lambda q=old_query: old_directory(q), BEFORE_REPEAT, warmup=0)
            )
            before = f"{old_median:,.0f}"
            ratio = f"{old_median / median:,.0f}x"
        result = verdict(p95, target)
        misses += result == "MISS"
        rows.append(
            [label, f"{median:.1f}", f"{p95:.1f}", counter.count, before, ratio, target, result]
        )
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print_table(
        f"Directory with {DoctorProfile.objects.count():,} doctors and {BOOKED:,} booked slots "
        f"({engine}; ms, {REPEAT} requests each; before = every doctor's calendar per request; "
        f"load average {load} on {os.cpu_count()} cores)",
        ["request", "median", "p95", "queries", "before median", "ratio", "p95 target", ""],
        rows,
    )
    print(
        f"\nBeat's full refresh of the stored next free slots: {refreshed:,} doctors in "
        f"{refresh_s:.1f} s (run each minute for the stale rows only)."
    )
    return 1 if misses else 0


if __name__ == "__main__":
    raise SystemExit(main())
