"""Time off from the doctor portal: dates a calendar cannot hold are a 400, nothing saved."""

from __future__ import annotations

import pytest
import time_machine
from django_otp.plugins.otp_totp.models import TOTPDevice

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import sign_in_with_totp
from metskin.doctors.models import AvailabilityException
from metskin.doctors.tests.factories import DoctorFactory

pytestmark = pytest.mark.django_db
TIME_OFF = "/api/v1/portal/time-off/"


@pytest.fixture
def portal():
    """A New York doctor signed in with password and TOTP; the clock stays at Monday 1 June
    2026 for the whole test."""
    with time_machine.travel("2026-06-01T12:00:00Z", tick=False):
        user = UserFactory(role=Role.DERMATOLOGIST)
        DoctorFactory(user=user, time_zone="America/New_York")
        yield sign_in_with_totp(user, TOTPDevice.objects.create(user=user, confirmed=True))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"start_date": "9999-12-30", "end_date": "9999-12-31"}, "end_date"),
        (
            {
                "start_date": "9999-12-31",
                "end_date": "9999-12-31",
                "start_time": "23:00",
                "end_time": "23:30",
            },
            "end_date",
        ),
        ({"start_date": "2029-01-01", "end_date": "2029-01-02"}, "end_date"),
        ({"start_date": "0001-01-01", "end_date": "0001-01-02"}, "start_date"),
        ({"start_date": "2025-01-01", "end_date": "2025-01-02"}, "start_date"),
    ],
)
def test_time_off_outside_a_sane_range_is_400_and_changes_nothing(portal, body, field):
    # Given a signed-in doctor with no time off
    # When they add time off with dates far in the future or the past
    response = portal.post(TIME_OFF, body, format="json")

    # Then the portal answers a 400 naming the field, and nothing was saved
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid"
    assert list(error["fields"]) == [field]
    assert error["message"] == error["fields"][field][0]
    assert AvailabilityException.objects.count() == 0


def test_time_off_a_year_ahead_is_still_accepted(portal):
    response = portal.post(
        TIME_OFF, {"start_date": "2027-05-31", "end_date": "2027-06-04"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["starts_at"] == "2027-05-31T04:00:00Z"
    assert response.json()["ends_at"] == "2027-06-05T04:00:00Z"
