"""The directory: filters, distance in SQL, postcodes, soonest slots and sorting."""

from __future__ import annotations

from datetime import time

import pytest
import time_machine

from metskin.appointments.tests.helpers import NOW, book
from metskin.doctors.models import Language
from metskin.doctors.selectors import Point, haversine_km
from metskin.doctors.tests.factories import DoctorFactory, weekly

pytestmark = pytest.mark.django_db
DIRECTORY = "/api/v1/doctors/"
TIMES_SQUARE = Point(40.758, -73.9855)


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def doctors():
    english = Language.objects.create(code="en", name="English")
    spanish = Language.objects.create(code="es", name="Spanish")
    near = DoctorFactory(
        last_name="Near",
        latitude=40.7506,
        longitude=-73.9972,
        postcode="10001",
        specialties=["acne", "general"],
        rating="4.20",
        offers_video=False,
    )
    near.languages.set([english])
    brooklyn = DoctorFactory(
        last_name="Brooklyn",
        latitude=40.6782,
        longitude=-73.9442,
        postcode="11201",
        specialties=["skin_cancer"],
        rating="4.90",
    )
    brooklyn.languages.set([english, spanish])
    boston = DoctorFactory(
        last_name="Boston",
        latitude=42.3601,
        longitude=-71.0589,
        postcode="02108",
        specialties=["acne"],
        rating="3.50",
    )
    # Brooklyn has the soonest slot (Tuesday 09:00), Near on Wednesday, Boston on Thursday.
    weekly(brooklyn, weekdays=[1], start=time(9), end=time(10))
    weekly(near, weekdays=[2], start=time(9), end=time(10))
    weekly(boston, weekdays=[3], start=time(9), end=time(10))
    return near, brooklyn, boston


def names(response):
    assert response.status_code == 200, response.content
    return [doctor["last_name"] for doctor in response.json()["results"]]


def test_the_default_order_is_the_soonest_free_slot(api_client, doctors):
    response = api_client.get(DIRECTORY)

    assert names(response) == ["Brooklyn", "Near", "Boston"]
    first = response.json()["results"][0]
    assert first["next_slots"][0] == {
        "start": "2026-06-02T09:00:00-04:00",
        "end": "2026-06-02T09:30:00-04:00",
        "consultation_type": "in_person",
    }


def test_referral_link_filters_by_specialty_sorted_by_soonest(api_client, doctors):
    assert names(api_client.get(f"{DIRECTORY}?specialty=acne&sort=soonest")) == ["Near", "Boston"]


def test_a_booked_slot_moves_a_doctor_down(api_client, patient_client, doctors):
    _near, brooklyn, _ = doctors
    book(patient_client, brooklyn, "2026-06-02T09:00:00-04:00")
    book(patient_client, brooklyn, "2026-06-02T09:30:00-04:00")  # now full until next week

    assert names(api_client.get(DIRECTORY)) == ["Near", "Boston", "Brooklyn"]


def test_language_type_and_rating(api_client, doctors):
    assert names(api_client.get(f"{DIRECTORY}?language=es")) == ["Brooklyn"]
    video = api_client.get(f"{DIRECTORY}?consultation_type=video")
    # Both offer video, but their weekly hours are in person only: no slots, so by name.
    assert names(video) == ["Boston", "Brooklyn"]
    assert [doctor["next_slots"] for doctor in video.json()["results"]] == [[], []]
    assert names(api_client.get(f"{DIRECTORY}?sort=rating")) == ["Brooklyn", "Near", "Boston"]


def test_distance_is_haversine_computed_in_sql(api_client, doctors):
    near, brooklyn, _ = doctors
    response = api_client.get(f"{DIRECTORY}?near=40.758,-73.9855&radius_km=25&sort=distance")

    assert names(response) == ["Near", "Brooklyn"]
    distances = [doctor["distance_km"] for doctor in response.json()["results"]]
    expected = [
        round(haversine_km(TIMES_SQUARE, Point(d.latitude, d.longitude)), 1)
        for d in (near, brooklyn)
    ]
    assert distances == expected
    assert 1.0 < distances[0] < 1.6 and 9.0 < distances[1] < 10.5


def test_a_postcode_is_a_place_to_search_from(api_client, doctors):
    response = api_client.get(f"{DIRECTORY}?postcode=11201&radius_km=5")
    unknown = api_client.get(f"{DIRECTORY}?postcode=99999")

    assert names(response) == ["Brooklyn"]
    assert response.json()["results"][0]["distance_km"] == 0.0
    assert unknown.status_code == 400
    assert unknown.json()["error"]["code"] == "unknown_postcode"


def test_available_by_keeps_doctors_with_a_slot_by_then(api_client, doctors):
    assert names(api_client.get(f"{DIRECTORY}?available_by=2026-06-03")) == ["Brooklyn", "Near"]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("near=north", "near"),
        ("near=95,10", "near"),
        ("specialty=dentistry", "specialty"),
        ("sort=price", "sort"),
        ("sort=distance", "sort"),
        ("available_by=next-week", "available_by"),
        ("radius_km=-3", "radius_km"),
    ],
)
def test_bad_filters_are_400(api_client, doctors, query, field):
    response = api_client.get(f"{DIRECTORY}?{query}")

    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_a_doctor_profile_and_an_unknown_one(api_client, doctors):
    near = doctors[0]

    profile = api_client.get(f"{DIRECTORY}{near.pk}/")

    assert profile.json()["display_name"] == near.display_name
    assert [s["code"] for s in profile.json()["specialties"]] == ["acne", "general"]
    assert api_client.get(f"{DIRECTORY}00000000-0000-0000-0000-000000000000/").status_code == 404


def test_slots_past_the_first_days_are_still_shown(api_client):
    # The page works out the first few days first, then the rest only for doctors still
    # short of three slots: Tuesday is in the first days, Friday and next Tuesday are not.
    doctor = DoctorFactory(last_name="Sparse", offers_video=False)
    weekly(doctor, weekdays=[1, 4], start=time(9), end=time(9, 30))

    (entry,) = api_client.get(DIRECTORY).json()["results"]

    assert [slot["start"] for slot in entry["next_slots"]] == [
        "2026-06-02T09:00:00-04:00",
        "2026-06-05T09:00:00-04:00",
        "2026-06-09T09:00:00-04:00",
    ]
