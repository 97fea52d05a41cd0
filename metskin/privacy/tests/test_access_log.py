"""Who has seen your data: a doctor's or staff member's read appears in the patient's list."""

from __future__ import annotations

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import verified_admin_client
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_user_with_device,
    doctor_with_hours,
    verified_client,
)
from metskin.privacy.models import AccessRecord
from metskin.uploads.tests.factories import UploadFactory

pytestmark = pytest.mark.django_db

LOG = "/api/v1/me/access-log/"


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def test_a_doctors_reads_appear_in_the_patients_list(patient, patient_client):
    doctor = doctor_with_hours(first_name="Maya", last_name="Chen")
    doctor_user, device = doctor_user_with_device(doctor)
    doctor_client = verified_client(doctor_user, device)
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client,
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    ).json()
    # The patient's own reads are never listed.
    patient_client.get(f"/api/v1/analyses/{analysis.pk}/")
    assert patient_client.get(LOG).json()["count"] == 0

    detail = doctor_client.get(f"/api/v1/analyses/{analysis.pk}/").json()
    assert doctor_client.get(detail["overlay_url"]).status_code == 200
    assert doctor_client.get(detail["media_url"]).status_code == 200
    assert doctor_client.get(f"/api/v1/portal/appointments/{booked['id']}/").status_code == 200

    listed = patient_client.get(LOG).json()
    assert listed["count"] == 4
    rows = {(r["kind"], r["object_id"], r["grounds"], r["viewer"]) for r in listed["results"]}
    assert rows == {
        ("analysis", str(analysis.pk), "doctor_share", "Dr Maya Chen"),
        ("overlay", str(analysis.pk), "doctor_share", "Dr Maya Chen"),
        ("photo", str(analysis.upload_id), "doctor_share", "Dr Maya Chen"),
        ("appointment_reason", booked["id"], "doctor_appointment", "Dr Maya Chen"),
    }
    assert {r["at"] for r in listed["results"]} == {"2026-06-01T12:00:00Z"}
    assert listed["results"][0]["grounds_label"]
    # Nobody else sees this patient's list.
    other = UserFactory()
    from rest_framework.test import APIClient

    other_client = APIClient()
    other_client.force_authenticate(other)
    assert other_client.get(LOG).json()["count"] == 0


def test_writing_the_record_is_one_insert(patient, patient_client):
    doctor = doctor_with_hours()
    doctor_user, device = doctor_user_with_device(doctor)
    doctor_client = verified_client(doctor_user, device)
    book(patient_client, doctor, "2026-06-02T09:00:00-04:00")
    book(patient_client, doctor, "2026-06-02T10:00:00-04:00")

    with CaptureQueriesContext(connection) as queries:
        listing = doctor_client.get("/api/v1/portal/appointments/?when=upcoming")

    assert listing.status_code == 200
    inserts = [q["sql"] for q in queries.captured_queries if "privacy_accessrecord" in q["sql"]]
    assert len(inserts) == 1 and inserts[0].startswith("INSERT")
    assert AccessRecord.objects.filter(patient=patient).count() == 2


def test_staff_opening_an_appointment_in_the_admin_is_listed(patient, patient_client):
    doctor = doctor_with_hours()
    booked = book(patient_client, doctor, "2026-06-02T09:00:00-04:00").json()
    staff = UserFactory(role=Role.STAFF, email="ops@metskin.example")
    admin = verified_admin_client(staff)

    page = admin.get(f"/admin/appointments/appointment/{booked['id']}/change/")

    assert page.status_code == 200
    (row,) = patient_client.get(LOG).json()["results"]
    assert row["viewer"] == "MetSkin staff (ops@metskin.example)"
    assert row["grounds"] == "staff_admin"
    assert row["kind"] == "appointment_reason"
    # Staff see the log in the admin, read-only.
    log_page = admin.get("/admin/privacy/accessrecord/")
    assert log_page.status_code == 200
    assert (
        admin.get(
            f"/admin/privacy/accessrecord/{AccessRecord.objects.get().pk}/delete/"
        ).status_code
        == 403
    )


def test_staff_opening_an_upload_in_the_admin_is_listed(patient, patient_client):
    # Given a patient's photo and a staff member allowed to see uploads in the admin
    upload = UploadFactory(owner=patient)
    staff = UserFactory(role=Role.STAFF, email="ops@metskin.example")
    staff.user_permissions.add(Permission.objects.get(codename="view_upload"))
    admin = verified_admin_client(staff)

    # When staff list the uploads, nothing is recorded (no one upload is opened) ...
    assert admin.get("/admin/uploads/upload/").status_code == 200
    assert AccessRecord.objects.count() == 0
    # ... then open its metadata page (no picture on it)
    page = admin.get(f"/admin/uploads/upload/{upload.pk}/change/")

    # Then the patient's list says who, what and on what grounds
    assert page.status_code == 200
    (row,) = patient_client.get(LOG).json()["results"]
    assert row["viewer"] == "MetSkin staff (ops@metskin.example)"
    assert row["kind"] == "upload_details"
    assert row["kind_label"] == "Details of a photo or video (not the picture)"
    assert row["object_id"] == str(upload.pk)
    assert row["grounds"] == "staff_admin"


def test_an_upload_page_that_does_not_exist_records_nothing(patient):
    staff = UserFactory(role=Role.STAFF)
    staff.user_permissions.add(Permission.objects.get(codename="view_upload"))
    admin = verified_admin_client(staff)

    page = admin.get("/admin/uploads/upload/00000000-0000-0000-0000-000000000000/change/")

    assert page.status_code == 302  # the admin's "does not exist" goes back to the list
    assert AccessRecord.objects.count() == 0
