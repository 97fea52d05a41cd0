"""Who has seen your data: a doctor's or staff member's read appears in the patient's list."""

from __future__ import annotations

import threading
import time

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from metskin.accounts.models import Role, User
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import verified_admin_client
from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments.models import WaitlistEntry
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_user_with_device,
    doctor_with_hours,
    verified_client,
)
from metskin.privacy.models import AccessRecord
from metskin.uploads.models import Upload
from metskin.uploads.tests import media
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


def test_a_doctors_compare_and_video_reads_are_listed(patient, patient_client):
    # Given two analyses shared with a doctor, the second of a (cleaned) video
    doctor = doctor_with_hours(first_name="Maya", last_name="Chen")
    doctor_user, device = doctor_user_with_device(doctor)
    doctor_client = verified_client(doctor_user, device)
    photo = AnalysisFactory(owner=patient, overlay=False)
    clip = UploadFactory(owner=patient, data=media.video(2), name="clip.mp4")
    Upload.objects.filter(pk=clip.pk).update(sanitized=True)
    video = AnalysisFactory(owner=patient, overlay=False)
    Analysis.objects.filter(pk=video.pk).update(upload=clip)
    shared = [str(photo.pk), str(video.pk)]
    booked = book(
        patient_client, doctor, "2026-06-02T09:00:00-04:00", body={"shared_analyses": shared}
    )
    assert booked.status_code == 201, booked.json()

    # When the doctor compares them, then plays the video
    compared = doctor_client.get(f"/api/v1/analyses/compare/?first={photo.pk}&second={video.pk}")
    assert compared.status_code == 200, compared.json()
    played = doctor_client.get(
        doctor_client.get(f"/api/v1/analyses/{video.pk}/").json()["media_url"]
    )
    assert played.status_code == 200

    # Then the patient's list has both analyses read by the compare, and the video
    rows = [(r["kind"], r["object_id"]) for r in patient_client.get(LOG).json()["results"]]
    assert sorted(rows) == sorted(
        [
            ("analysis", str(photo.pk)),
            ("analysis", str(video.pk)),
            ("analysis", str(video.pk)),  # the detail the link came from
            ("video", str(clip.pk)),
        ]
    )


def test_staff_opening_a_waitlist_entry_in_the_admin_is_listed(patient, patient_client):
    doctor = doctor_with_hours()
    joined = patient_client.post(
        f"/api/v1/doctors/{doctor.pk}/waitlist/", {"reason": "Sooner?"}, format="json"
    )
    assert joined.status_code == 201, joined.json()
    entry = WaitlistEntry.objects.get()
    admin = verified_admin_client(UserFactory(role=Role.STAFF, email="ops@metskin.example"))

    assert admin.get(f"/admin/appointments/waitlistentry/{entry.pk}/change/").status_code == 200

    (row,) = patient_client.get(LOG).json()["results"]
    assert (row["kind"], row["object_id"], row["grounds"]) == (
        "appointment_reason",
        str(entry.pk),
        "staff_admin",
    )


@pytest.mark.django_db(transaction=True)
def test_a_read_does_not_wait_for_a_lock_held_on_the_patients_row(patient, patient_client):
    """A deletion or an export start holds the patient's user row (SELECT ... FOR UPDATE).
    The access record's insert must not wait for it: with a foreign-key constraint it would
    (InnoDB locks the parent row to check it), for up to innodb_lock_wait_timeout (50 s)."""
    doctor = doctor_with_hours()
    doctor_user, device = doctor_user_with_device(doctor)
    doctor_client = verified_client(doctor_user, device)
    analysis = AnalysisFactory(owner=patient, overlay=False)
    booked = book(
        patient_client,
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    )
    assert booked.status_code == 201, booked.json()
    held, release = threading.Event(), threading.Event()

    def hold_the_patients_row() -> None:
        try:
            with transaction.atomic():
                User.objects.select_for_update().get(pk=patient.pk)
                held.set()
                release.wait(60)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_patients_row)
    holder.start()
    try:
        assert held.wait(10)
        started = time.perf_counter()
        response = doctor_client.get(f"/api/v1/analyses/{analysis.pk}/")
        took = time.perf_counter() - started
    finally:
        release.set()
        holder.join()

    assert response.status_code == 200
    assert took < 5, f"the read waited {took:.1f} s for the patient's row"
    assert AccessRecord.objects.filter(patient=patient, kind="analysis").count() == 1


def test_a_video_played_in_byte_ranges_is_one_read_and_a_missing_file_none(patient, patient_client):
    # Given a video shared with a doctor
    doctor = doctor_with_hours(first_name="Maya", last_name="Chen")
    doctor_user, device = doctor_user_with_device(doctor)
    doctor_client = verified_client(doctor_user, device)
    clip = UploadFactory(owner=patient, data=media.video(2), name="clip.mp4")
    Upload.objects.filter(pk=clip.pk).update(sanitized=True)
    video = AnalysisFactory(owner=patient, overlay=False)
    Analysis.objects.filter(pk=video.pk).update(upload=clip)
    book(
        patient_client,
        doctor,
        "2026-06-02T09:00:00-04:00",
        body={"shared_analyses": [str(video.pk)]},
    )
    link = doctor_client.get(f"/api/v1/analyses/{video.pk}/").json()["media_url"]

    # When the player asks for the start, then for two later pieces as it plays and seeks
    ranges = ["bytes=0-", "bytes=1000-", "bytes=2000-2999"]
    statuses = [doctor_client.get(link, HTTP_RANGE=r).status_code for r in ranges]

    # Then one viewing is one line in the patient's list
    assert statuses == [206, 206, 206]
    videos = [r for r in patient_client.get(LOG).json()["results"] if r["kind"] == "video"]
    assert len(videos) == 1

    # And a link to a file no longer stored answers 404 and records nothing
    from metskin.uploads.storage import private_storage

    clip.refresh_from_db()
    private_storage().delete(clip.file_name)
    assert doctor_client.get(link).status_code == 404
    videos = [r for r in patient_client.get(LOG).json()["results"] if r["kind"] == "video"]
    assert len(videos) == 1
