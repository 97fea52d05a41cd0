"""The directory's stored next free slot (docs/adr/0021): an anonymous directory request
does bounded work however many doctors match, and the stored slot follows every change."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metskin.appointments.models import NextFreeSlot
from metskin.appointments.next_free import next_free_refresh
from metskin.appointments.tasks import next_free_refresh_task
from metskin.appointments.tests.helpers import NOW, book
from metskin.doctors.models import AvailabilityException, WeeklyAvailability
from metskin.doctors.tests.factories import DoctorFactory, weekly

pytestmark = pytest.mark.django_db
DIRECTORY = "/api/v1/doctors/"
# Tuesday 2 June 2026 09:00 in New York (the factories' zone) is 13:00 UTC.
TUESDAY_9 = datetime(2026, 6, 2, 13, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def doctors_with_hours(count: int) -> list:
    made = DoctorFactory.create_batch(count, min_notice_hours=12)
    for doctor in made:
        weekly(doctor, weekdays=[1], start=time(9), end=time(10))
    return made


def directory_queries(api_client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = api_client.get(DIRECTORY)
    assert response.status_code == 200
    return len(queries)


def test_one_request_recomputes_a_bounded_number_of_doctors(api_client, settings):
    settings.DIRECTORY_REFRESH_MAX = 3
    doctors_with_hours(8)

    response = api_client.get(DIRECTORY)

    assert response.status_code == 200
    assert response.json()["count"] == 8
    assert NextFreeSlot.objects.count() == 3  # the other five wait for beat
    assert next_free_refresh_task() == 5  # beat's task does the rest
    assert NextFreeSlot.objects.count() == 8


def test_the_work_per_request_does_not_grow_with_the_matching_doctors(api_client):
    doctors_with_hours(3)
    next_free_refresh()
    few = directory_queries(api_client)
    doctors_with_hours(40)
    next_free_refresh()
    many = directory_queries(api_client)
    # Same queries for 3 and 43 doctors: slots are worked out for one page (20) only.
    assert many == few
    page = api_client.get(DIRECTORY).json()
    assert page["count"] == 43
    assert len(page["results"]) == 20


def test_the_stored_slot_is_the_soonest_and_follows_a_booking(api_client, patient_client):
    (doctor,) = doctors_with_hours(1)
    next_free_refresh()
    row = NextFreeSlot.objects.get(doctor=doctor)
    assert row.in_person_at == row.soonest_at == TUESDAY_9
    assert row.video_at is None
    # Fresh until the slot falls inside the 12 h notice, or the TTL, whichever is first.
    assert row.fresh_until <= TUESDAY_9 - timedelta(hours=12)

    book(patient_client, doctor, "2026-06-02T09:00:00-04:00")
    api_client.get(DIRECTORY)
    assert NextFreeSlot.objects.get(doctor=doctor).soonest_at == TUESDAY_9 + timedelta(minutes=30)


@pytest.mark.parametrize("change", ["time_off", "hours_deleted", "notice_changed"])
def test_every_calendar_change_makes_the_row_stale(change):
    (doctor,) = doctors_with_hours(1)
    next_free_refresh()
    if change == "time_off":
        AvailabilityException.objects.create(
            doctor=doctor, starts_at=NOW, ends_at=NOW + timedelta(days=3), note="Away"
        )
    elif change == "hours_deleted":
        WeeklyAvailability.objects.filter(doctor=doctor).delete()
    else:
        doctor.min_notice_hours = 72
        doctor.save()

    assert next_free_refresh() == 1
    assert NextFreeSlot.objects.get(doctor=doctor).soonest_at != TUESDAY_9


def test_time_passing_makes_the_row_stale():
    (doctor,) = doctors_with_hours(1)
    next_free_refresh()
    assert next_free_refresh() == 0
    with time_machine.travel(TUESDAY_9 - timedelta(hours=11), tick=False):
        # Tuesday 09:00 is inside the notice now: the next one is a week later.
        assert next_free_refresh() == 1
        assert NextFreeSlot.objects.get(doctor=doctor).soonest_at == TUESDAY_9 + timedelta(days=7)
