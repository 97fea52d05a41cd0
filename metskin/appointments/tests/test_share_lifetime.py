"""A share lives only while its appointment does (issue 11 §1, docs/adr/0016).

Every way an appointment ends — an offer nobody accepted, a cancellation by either side, a
staff member deleting it, the visit being long past — takes the analysis away from the
doctor, and a media link minted before that stops working too.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import verified_admin_client
from metskin.analysis.models import AnalysisShare
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments import waitlist
from metskin.appointments.models import Appointment, AppointmentStatus
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_in_portal,
)

pytestmark = pytest.mark.django_db

TUESDAY_9AM = "2026-06-02T09:00:00-04:00"  # 13:00 UTC, ends 13:30 UTC


@pytest.fixture(autouse=True)
def _monday_morning(settings):
    # Links that would still be young: only the grant can stop them.
    settings.UPLOAD_SIGNED_URL_MAX_AGE = 30 * 86400
    settings.APPOINTMENT_SHARE_DAYS_AFTER_VISIT = 7
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def doctor_and_client():
    return doctor_in_portal()


def _seen_with_link(doctor_client, analysis):
    """The doctor opens the analysis and its overlay: both work, and the link is kept."""
    seen = doctor_client.get(f"/api/v1/analyses/{analysis.pk}/")
    assert seen.status_code == 200
    link = seen.json()["overlay_url"]
    assert doctor_client.get(link).status_code == 200
    return link


def _assert_gone(doctor_client, analysis, link):
    assert doctor_client.get(f"/api/v1/analyses/{analysis.pk}/").status_code == 404
    assert doctor_client.get(link).status_code in (403, 404)


def _offer(doctor, patient, *, expires_in=timedelta(hours=12)) -> Appointment:
    start = datetime.fromisoformat(TUESDAY_9AM)
    return Appointment.objects.create(
        doctor=doctor,
        patient=patient,
        start=start,
        end=start + timedelta(minutes=30),
        slot_start=start,
        consultation_type="in_person",
        reason="Mole check",
        status=AppointmentStatus.OFFERED,
        offer_expires_at=NOW + expires_in,
    )


def test_an_expired_offer_ends_the_share_and_its_media_links(
    doctor_and_client, patient, patient_client
):
    # Given an offered slot the patient shared an analysis with
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    offer = _offer(doctor, patient)
    shared = patient_client.post(
        f"/api/v1/appointments/{offer.pk}/shared-analyses/",
        {"analyses": [str(analysis.pk)]},
        format="json",
    )
    assert shared.status_code == 200
    link = _seen_with_link(doctor_client, analysis)

    # When the offer runs out and the beat task releases it
    with time_machine.travel(NOW + timedelta(hours=12, minutes=1), tick=False):
        assert waitlist.waitlist_offers_expire() == 1

        # Then the doctor sees neither the analysis nor the overlay behind the old link
        _assert_gone(doctor_client, analysis, link)
    assert AnalysisShare.objects.get().revoked_at is not None


def test_an_offer_past_its_time_shares_nothing_even_before_the_beat_runs(
    doctor_and_client, patient, patient_client
):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    offer = _offer(doctor, patient)
    patient_client.post(
        f"/api/v1/appointments/{offer.pk}/shared-analyses/",
        {"analyses": [str(analysis.pk)]},
        format="json",
    )
    link = _seen_with_link(doctor_client, analysis)

    with time_machine.travel(NOW + timedelta(hours=12, minutes=1), tick=False):
        _assert_gone(doctor_client, analysis, link)


def test_accepting_an_offer_keeps_the_share_until_days_after_the_visit(
    doctor_and_client, patient, patient_client
):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    offer = _offer(doctor, patient)
    patient_client.post(
        f"/api/v1/appointments/{offer.pk}/shared-analyses/",
        {"analyses": [str(analysis.pk)]},
        format="json",
    )
    assert patient_client.post(f"/api/v1/appointments/{offer.pk}/accept/").status_code == 200

    with time_machine.travel(NOW + timedelta(hours=13), tick=False):
        assert doctor_client.get(f"/api/v1/analyses/{analysis.pk}/").status_code == 200


@pytest.mark.parametrize("who", ["patient", "doctor"])
def test_a_cancellation_by_either_side_ends_the_media_links_too(
    doctor_and_client, patient, patient_client, who
):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client, doctor, "2026-06-04T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    ).json()  # fmt: skip
    link = _seen_with_link(doctor_client, analysis)

    if who == "patient":
        url = f"/api/v1/appointments/{booked['id']}/cancel/"
        response = patient_client.post(url, {}, format="json")
    else:
        url = f"/api/v1/portal/appointments/{booked['id']}/cancel/"
        response = doctor_client.post(url, {"reason": "Ill today"}, format="json")

    assert response.status_code == 200
    _assert_gone(doctor_client, analysis, link)


def test_the_share_ends_the_configured_number_of_days_after_the_visit(
    doctor_and_client, patient, patient_client
):
    # Given a visit on Tuesday 13:00-13:30 UTC with an analysis shared, and a 7-day window
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client, doctor, TUESDAY_9AM, body={"shared_analyses": [str(analysis.pk)]}
    ).json()
    end = datetime.fromisoformat("2026-06-02T13:30:00+00:00")
    link = _seen_with_link(doctor_client, analysis)

    # When the doctor marks it completed, the share holds for 7 days after the visit's end
    with time_machine.travel(end + timedelta(minutes=5), tick=False):
        marked = doctor_client.post(
            f"/api/v1/portal/appointments/{booked['id']}/status/",
            {"status": "completed"},
            format="json",
        )
        assert marked.status_code == 200
    with time_machine.travel(end + timedelta(days=7) - timedelta(minutes=1), tick=False):
        assert doctor_client.get(f"/api/v1/analyses/{analysis.pk}/").status_code == 200

    # Then a minute after the window closes, nothing is shared any more
    with time_machine.travel(end + timedelta(days=7, minutes=1), tick=False):
        _assert_gone(doctor_client, analysis, link)


def test_moving_the_visit_moves_the_end_of_the_share(doctor_and_client, patient, patient_client):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client, doctor, TUESDAY_9AM, body={"shared_analyses": [str(analysis.pk)]}
    ).json()

    moved = patient_client.post(
        f"/api/v1/appointments/{booked['id']}/reschedule/",
        {"start": "2026-06-16T09:00:00-04:00"},
        format="json",
    )

    assert moved.status_code == 200
    # 7 days after the old visit, but before the new one: still shared.
    with time_machine.travel("2026-06-10T12:00:00Z", tick=False):
        assert doctor_client.get(f"/api/v1/analyses/{analysis.pk}/").status_code == 200


def test_deleting_an_appointment_in_the_admin_ends_its_shares(
    doctor_and_client, patient, patient_client
):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client, doctor, TUESDAY_9AM, body={"shared_analyses": [str(analysis.pk)]}
    ).json()
    link = _seen_with_link(doctor_client, analysis)
    staff = verified_admin_client(UserFactory(role=Role.STAFF))

    response = staff.post(
        f"/admin/appointments/appointment/{booked['id']}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Appointment.objects.filter(pk=booked["id"]).exists()
    _assert_gone(doctor_client, analysis, link)


def test_deleting_appointments_in_bulk_in_the_admin_ends_their_shares(
    doctor_and_client, patient, patient_client
):
    doctor, doctor_client = doctor_and_client
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client, doctor, TUESDAY_9AM, body={"shared_analyses": [str(analysis.pk)]}
    ).json()
    staff = verified_admin_client(UserFactory(role=Role.STAFF))

    response = staff.post(
        "/admin/appointments/appointment/",
        {"action": "delete_selected", "_selected_action": [booked["id"]], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Appointment.objects.filter(pk=booked["id"]).exists()
    assert doctor_client.get(f"/api/v1/analyses/{analysis.pk}/").status_code == 404


def test_staff_cannot_edit_the_shared_analyses_in_the_admin(
    doctor_and_client, patient, patient_client
):
    doctor, _ = doctor_and_client
    booked = book(patient_client, doctor, TUESDAY_9AM).json()
    analysis = AnalysisFactory(owner=patient)
    staff = verified_admin_client(UserFactory(role=Role.STAFF))
    url = f"/admin/appointments/appointment/{booked['id']}/change/"

    page = staff.get(url)
    staff.post(url, {"shared_analyses": [str(analysis.pk)], "doctor_notes": ""})

    assert page.status_code == 200
    assert 'name="shared_analyses"' not in page.content.decode()
    assert Appointment.objects.get(pk=booked["id"]).shared_analyses.count() == 0
    assert AnalysisShare.objects.count() == 0
