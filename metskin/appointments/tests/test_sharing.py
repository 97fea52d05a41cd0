"""Consent to share analyses: explicit at booking, revocable, and only for that doctor."""

from __future__ import annotations

import pytest
import time_machine

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import AnalysisShare, AnalysisStatus
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments.models import Appointment
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_user_with_device,
    doctor_with_hours,
    verified_client,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def doctor_and_client():
    doctor = doctor_with_hours()
    user, device = doctor_user_with_device(doctor)
    return doctor, verified_client(user, device)


def test_a_shared_analysis_is_seen_by_that_doctor_only(doctor_and_client, patient, patient_client):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    other_doctor = doctor_with_hours()
    other_user, other_device = doctor_user_with_device(other_doctor)
    other_client = verified_client(other_user, other_device)

    booked = book(
        patient_client,
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    )

    assert booked.status_code == 201
    assert booked.json()["shared_analyses"] == [str(analysis.pk)]
    portal = doctor_client.get("/api/v1/portal/appointments/?when=upcoming").json()["results"]
    assert portal[0]["shared_analyses"] == [str(analysis.pk)]
    seen = doctor_client.get(f"/api/v1/analyses/{analysis.pk}/")
    assert seen.status_code == 200
    assert seen.json()["overlay_url"]
    assert other_client.get(f"/api/v1/analyses/{analysis.pk}/").status_code == 404


def test_revoking_takes_the_analysis_away_from_the_doctor(
    doctor_and_client, patient, patient_client
):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client,
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    ).json()

    response = patient_client.delete(
        f"/api/v1/appointments/{booked['id']}/shared-analyses/{analysis.pk}/"
    )

    assert response.status_code == 200
    assert response.json()["shared_analyses"] == []
    assert doctor_client.get(f"/api/v1/analyses/{analysis.pk}/").status_code == 404
    portal = doctor_client.get("/api/v1/portal/appointments/?when=upcoming").json()["results"]
    assert portal[0]["shared_analyses"] == []
    assert AnalysisShare.objects.get().revoked_at is not None


def test_sharing_more_later_and_cancelling_ends_every_share(
    doctor_and_client, patient, patient_client
):
    doctor, doctor_client = doctor_and_client
    first, second = AnalysisFactory(owner=patient), AnalysisFactory(owner=patient)
    booked = book(
        patient_client,
        doctor,
        "2026-06-03T09:00:00-04:00",
        body={"shared_analyses": [str(first.pk)]},
    ).json()

    added = patient_client.post(
        f"/api/v1/appointments/{booked['id']}/shared-analyses/",
        {"analyses": [str(second.pk)]},
        format="json",
    )
    assert sorted(added.json()["shared_analyses"]) == sorted([str(first.pk), str(second.pk)])
    assert doctor_client.get(f"/api/v1/analyses/{second.pk}/").status_code == 200

    patient_client.post(f"/api/v1/appointments/{booked['id']}/cancel/", {}, format="json")

    assert doctor_client.get(f"/api/v1/analyses/{first.pk}/").status_code == 404
    assert doctor_client.get(f"/api/v1/analyses/{second.pk}/").status_code == 404


@pytest.mark.parametrize("whose", ["someone_elses", "unfinished", "unknown"])
def test_only_my_finished_analyses_can_be_shared(doctor_and_client, patient, patient_client, whose):
    doctor, _ = doctor_and_client
    analysis_id = {
        "someone_elses": lambda: str(AnalysisFactory(owner=UserFactory()).pk),
        "unfinished": lambda: str(AnalysisFactory(owner=patient, status=AnalysisStatus.PENDING).pk),
        "unknown": lambda: "00000000-0000-0000-0000-000000000009",
    }[whose]()

    response = book(
        patient_client, doctor, "2026-06-02T09:00:00-04:00", body={"shared_analyses": [analysis_id]}
    )

    assert response.status_code == 400
    assert "shared_analyses" in response.json()["error"]["fields"]
    assert Appointment.objects.count() == 0
    assert AnalysisShare.objects.count() == 0


def test_a_doctor_without_an_account_cannot_receive_analyses(patient, patient_client):
    doctor = doctor_with_hours()  # listed, but not on MetSkin online
    analysis = AnalysisFactory(owner=patient)

    response = book(
        patient_client,
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "cannot_share"
    assert Appointment.objects.count() == 0


def test_another_patient_cannot_touch_my_shares(doctor_and_client, patient, make_client):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        make_client(patient),
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    ).json()
    stranger = make_client(UserFactory())

    response = stranger.delete(
        f"/api/v1/appointments/{booked['id']}/shared-analyses/{analysis.pk}/"
    )

    assert response.status_code == 404
    assert doctor_client.get(f"/api/v1/analyses/{analysis.pk}/").status_code == 200
