"""The API refuses a patient's writes without consent to the current privacy notice.

A newer ``PRIVACY_NOTICE_VERSION`` asks every patient again (docs/adr/0017). Until they agree,
every write that processes their health data answers 403 ``consent_required`` and changes
nothing; reading, agreeing, exporting, withdrawing and leaving still work.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

from metskin.accounts.models import Role
from metskin.accounts.permissions import (
    WRITES_WITHOUT_CONSENT,
    HealthDataConsent,
    UsesTwoFactor,
)
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.helpers import sign_in_with_totp
from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments.models import Appointment, AppointmentStatus, WaitlistEntry
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_user_with_device,
    doctor_with_hours,
    verified_client,
)
from metskin.doctors.permissions import IsVerifiedDoctor
from metskin.uploads.models import Upload
from metskin.uploads.tests import media

pytestmark = pytest.mark.django_db

GATED = {
    "code": "consent_required",
    "consent_url": "/api/v1/me/consents/",
    "notice_url": "/privacy",
}


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def refused(response) -> bool:
    error = response.json()["error"]
    return response.status_code == 403 and {k: error.get(k) for k in GATED} == GATED


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())


def upload(client):
    photo = SimpleUploadedFile("photo.jpg", media.jpeg(), content_type="image/jpeg")
    return client.post("/api/v1/uploads/", {"file": photo}, format="multipart")


def test_an_upload_is_refused_until_the_patient_consents_again(
    patient, patient_client, settings, private_media, django_capture_on_commit_callbacks
):
    # Given a newer privacy notice the patient has not agreed to
    settings.PRIVACY_NOTICE_VERSION = 2

    # When they upload a photo, then it is refused and nothing is stored
    response = upload(patient_client)
    assert refused(response), response.content
    assert "privacy notice has changed" in response.json()["error"]["message"]
    assert (Upload.objects.count(), Analysis.objects.count()) == (0, 0)
    assert stored_files(private_media) == []

    # When they agree at the place the error names, then the same upload goes through
    agreed = patient_client.post(
        GATED["consent_url"], {"accept_terms": True, "health_data_consent": True}, format="json"
    )
    assert agreed.status_code == 200
    assert agreed.json()["consent_required"] is False
    with django_capture_on_commit_callbacks():
        assert upload(patient_client).status_code == 201
    assert Upload.objects.filter(owner=patient).count() == 1


def test_skin_profile_booking_waitlist_and_sharing_are_refused_and_nothing_changes(
    patient, patient_client, settings
):
    # Given a patient with a booked visit and an analysis, and then a newer notice
    doctor = doctor_with_hours()
    doctor_user_with_device(doctor)  # on MetSkin, so analyses can be shared with them
    other_doctor = doctor_with_hours()
    analysis = AnalysisFactory(owner=patient)
    booked = book(patient_client, doctor, "2026-06-02T09:00:00-04:00").json()
    settings.PRIVACY_NOTICE_VERSION = 2

    attempts = [
        patient_client.patch("/api/v1/profile/skin/", {"skin_type": "oily"}, format="json"),
        book(patient_client, doctor, "2026-06-02T10:00:00-04:00"),
        patient_client.post(
            f"/api/v1/doctors/{other_doctor.pk}/waitlist/", {"reason": "Sooner?"}, format="json"
        ),
        patient_client.post(
            f"/api/v1/appointments/{booked['id']}/shared-analyses/",
            {"analyses": [str(analysis.pk)]},
            format="json",
        ),
        patient_client.post("/api/v1/profile/phone/code/", {"phone": "+15555550123"}),
    ]

    assert [refused(response) for response in attempts] == [True] * len(attempts)
    patient.skin_profile.refresh_from_db()
    assert patient.skin_profile.skin_type == ""
    assert list(Appointment.objects.values_list("id", flat=True)) == [
        Appointment.objects.get(pk=booked["id"]).pk
    ]
    assert not WaitlistEntry.objects.exists()
    assert not Appointment.objects.get(pk=booked["id"]).shared_analyses.exists()


def test_reading_withdrawing_exporting_and_leaving_still_work(patient, patient_client, settings):
    # Given a patient with a visit sharing an analysis, a waitlist entry, and a newer notice
    doctor = doctor_with_hours()
    doctor_user_with_device(doctor)
    analysis = AnalysisFactory(owner=patient)
    other_analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client,
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    ).json()
    assert "id" in booked, booked
    second = book(patient_client, doctor_with_hours(), "2026-06-03T09:00:00-04:00").json()
    entry = patient_client.post(
        f"/api/v1/doctors/{doctor_with_hours().pk}/waitlist/", {"reason": "x"}, format="json"
    ).json()
    settings.PRIVACY_NOTICE_VERSION = 2

    # Reads of their own data
    for url in (
        "/api/v1/me/",
        "/api/v1/me/consents/",
        "/api/v1/me/access-log/",
        "/api/v1/analyses/",
        f"/api/v1/analyses/{analysis.pk}/",
        "/api/v1/appointments/",
        "/api/v1/profile/skin/",
        "/privacy",
        "/terms",
    ):
        assert patient_client.get(url).status_code == 200, url
    # Contact details and reminder choices (no health data)
    assert (
        patient_client.patch("/api/v1/profile/", {"notify_email": False}, format="json")
    ).status_code == 200
    # Withdrawals that stop processing
    unshare = f"/api/v1/appointments/{booked['id']}/shared-analyses/{analysis.pk}/"
    assert patient_client.delete(unshare).status_code == 200
    assert patient_client.post(f"/api/v1/appointments/{second['id']}/cancel/").status_code == 200
    assert patient_client.delete(f"/api/v1/waitlist/{entry['id']}/").status_code == 204
    assert patient_client.delete(f"/api/v1/analyses/{other_analysis.pk}/").status_code == 204
    # Taking their data
    assert patient_client.post("/api/v1/me/export/").status_code == 202
    # And the refusals really were refusals: the state changed only where allowed
    assert Appointment.objects.get(pk=second["id"]).status == AppointmentStatus.CANCELLED
    assert not Analysis.objects.filter(pk=other_analysis.pk).exists()
    assert patient_client.post("/api/v1/auth/sign-out-everywhere/").status_code == 204


def test_deleting_the_account_works_without_the_new_consent(settings, make_client):
    patient = UserFactory()
    settings.PRIVACY_NOTICE_VERSION = 2
    client = make_client(patient)

    response = client.delete("/api/v1/me/", {"password": DEFAULT_PASSWORD}, format="json")

    assert response.status_code == 202
    patient.refresh_from_db()
    assert patient.deletion_scheduled_for is not None


def test_doctors_and_staff_are_not_gated(settings):
    # Given a newer notice: doctors and staff never gave (or are asked for) the patients' consent
    settings.PRIVACY_NOTICE_VERSION = 2
    doctor = doctor_with_hours()
    doctor_user, device = doctor_user_with_device(doctor)
    staff = UserFactory(role=Role.STAFF)

    portal = verified_client(doctor_user, device).patch(
        "/api/v1/portal/profile/", {"clinic_phone": "+1 212 555 0100"}, format="json"
    )
    own_skin = sign_in_with_totp(staff).patch(
        "/api/v1/profile/skin/", {"skin_type": "dry"}, format="json"
    )

    assert portal.status_code == 200, portal.content
    doctor.refresh_from_db()
    assert doctor.clinic_phone == "+1 212 555 0100"
    assert own_skin.status_code == 200, own_skin.content
    staff.skin_profile.refresh_from_db()
    assert staff.skin_profile.skin_type == "dry"


def test_every_entry_of_the_allow_list_names_a_route_and_method():
    views = {}
    for pattern, name in _api_routes():
        views[name] = pattern
    for name, method in WRITES_WITHOUT_CONSENT:
        assert name in views, f"{name} in WRITES_WITHOUT_CONSENT is not a route"
        view_class = views[name].callback.view_class
        assert hasattr(view_class, method.lower()), f"{name} has no {method}"


def test_every_write_route_is_gated_or_listed():
    """A view that sets its own permission_classes drops the default: it must keep the gate,
    or every write of it be allowed without consent, open to visitors (nothing of a
    person's is processed), or closed to patients."""
    closed_to_patients = {IsVerifiedDoctor, UsesTwoFactor}
    ungated = []
    for pattern, name in _api_routes():
        view_class = pattern.callback.view_class
        permissions = set(view_class.permission_classes)
        if HealthDataConsent in permissions or AllowAny in permissions:
            continue
        if permissions & closed_to_patients:
            continue
        for method in ("post", "put", "patch", "delete"):
            if hasattr(view_class, method) and (name, method.upper()) not in WRITES_WITHOUT_CONSENT:
                ungated.append(f"{method.upper()} {name}")
    assert ungated == []
    # The gate is the default: a view that does not choose gets it.
    assert (
        HealthDataConsent
        in resolve(reverse("analysis:upload-create")).func.view_class.permission_classes
    )


def _api_routes():
    """(pattern, namespaced name) of every DRF view in the URL map."""

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern):
                view_class = getattr(entry.callback, "view_class", None)
                if view_class and issubclass(view_class, APIView) and entry.name:
                    yield entry, f"{namespace}{entry.name}"

    return list(walk(get_resolver().url_patterns, ""))
