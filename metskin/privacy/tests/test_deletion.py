"""DELETE /api/v1/me/: signed out everywhere at once, deleted after the grace period with
every row and every stored file; upcoming appointments cancelled and the doctors told."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.test import override_settings
from knox.models import AuthToken
from rest_framework.test import APIClient

from metskin.accounts.models import Consent, Profile, User
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.test_signup_and_verification import csrf_client
from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments.models import Appointment, AppointmentStatus
from metskin.appointments.tests.helpers import NOW, book, doctor_user_with_device, doctor_with_hours
from metskin.core.access_log import DataRead, Grounds, ReadKind, reads_announce
from metskin.privacy.export import data_export_build
from metskin.privacy.models import AccessRecord, DataExport
from metskin.privacy.tasks import account_deletions_run_task
from metskin.uploads.models import Upload
from metskin.uploads.storage import private_storage

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


def _names_of(user: User) -> set[str]:
    names: set[str] = set()
    for upload in Upload.objects.filter(owner=user):
        names.update(upload.stored_names())
    for analysis in Analysis.objects.filter(owner=user):
        names.update(analysis.stored_names())
    return names


def _session(user: User) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_a_wrong_password_changes_nothing():
    patient = UserFactory()
    client = _session(patient)

    response = client.delete(ME, {"password": "not-my-password"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "wrong_password"
    patient.refresh_from_db()
    assert patient.deletion_scheduled_for is None
    assert client.get(ME).status_code == 200


@override_settings(SIGNIN_ACCOUNT_FAILURE_LIMIT=3)
def test_guessing_the_password_to_delete_counts_towards_the_account_lockout():
    patient = UserFactory()
    client = _session(patient)

    guesses = [client.delete(ME, {"password": f"guess-{n}"}, format="json") for n in range(3)]
    right_one_too_late = client.delete(ME, {"password": DEFAULT_PASSWORD}, format="json")

    assert [r.status_code for r in guesses] == [400, 400, 429]
    assert right_one_too_late.status_code == 429
    assert right_one_too_late.json()["error"]["code"] == "locked_out"
    patient.refresh_from_db()
    assert patient.deletion_scheduled_for is None


def test_a_missing_password_is_a_400():
    client = _session(UserFactory())

    response = client.delete(ME, {}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()["error"]["fields"]


def test_deleting_signs_out_everywhere_and_schedules_after_the_grace_period(settings):
    settings.ACCOUNT_DELETION_GRACE_DAYS = 7
    patient = UserFactory()
    here, elsewhere = _session(patient), _session(patient)
    _, token = AuthToken.objects.create(user=patient)
    app = APIClient()
    app.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert app.get(ME).status_code == 200

    with time_machine.travel(NOW, tick=False):
        response = here.delete(ME, {"password": DEFAULT_PASSWORD}, format="json")

    assert response.status_code == 202
    assert response.json()["deletion_scheduled_for"] == "2026-06-08T12:00:00Z"
    assert "Sign in again" in response.json()["detail"]
    assert here.get(ME).status_code in (401, 403)
    assert elsewhere.get(ME).status_code in (401, 403)
    assert app.get(ME).status_code in (401, 403)
    assert not AuthToken.objects.filter(user=patient).exists()
    patient.refresh_from_db()
    assert patient.deletion_scheduled_for == NOW + timedelta(days=7)


def test_signing_in_again_within_the_grace_period_keeps_the_account():
    patient = UserFactory()
    with time_machine.travel(NOW, tick=False):
        _session(patient).delete(ME, {"password": DEFAULT_PASSWORD}, format="json")

    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        from metskin.accounts.tests.test_signup_and_verification import csrf_client

        signed_in = csrf_client().post(
            "/api/v1/auth/login/",
            {"email": patient.email, "password": DEFAULT_PASSWORD},
            format="json",
        )
    assert signed_in.status_code == 200
    patient.refresh_from_db()
    assert patient.deletion_scheduled_for is None

    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        assert account_deletions_run_task() == 0
    assert User.objects.filter(pk=patient.pk).exists()


def test_after_the_grace_period_every_row_and_file_is_gone_and_the_doctor_is_told(
    settings, django_capture_on_commit_callbacks
):
    settings.ACCOUNT_DELETION_GRACE_DAYS = 7
    storage = private_storage()
    someone_else = UserFactory()
    kept = AnalysisFactory(owner=someone_else)
    doctor = doctor_with_hours()
    doctor_user, _ = doctor_user_with_device(doctor)
    with time_machine.travel(NOW, tick=False):
        patient = UserFactory(email="leaving@example.com")
        AnalysisFactory(owner=patient)
        AnalysisFactory(owner=patient)
        theirs = _names_of(patient)
        assert len(theirs) == 6  # two photos, two thumbnails, two overlays
        client = _session(patient)
        # Wednesday 3 June, 10:00 in New York: after the grace period ends.
        booked = book(client, doctor, "2026-06-10T14:00:00Z")
        assert booked.status_code == 201, booked.json()
        # ... a doctor's read in their access log (no database foreign key: the ORM's
        # cascade must take it) and an export zip waiting to be downloaded
        (analysis, _) = Analysis.objects.filter(owner=patient)
        reads_announce(
            viewer=doctor_user,
            reads=[DataRead(patient.pk, ReadKind.ANALYSIS, analysis.pk, Grounds.DOCTOR_SHARE)],
        )
        export = data_export_build(export_id=str(DataExport.objects.create(user=patient).pk))
        assert export is not None and export.file_name in storage.stored_names()
        theirs.add(export.file_name)
        mail.outbox.clear()
        # ... signed in on a second device too, and a mistyped password on record (the
        # session row and axes' record name the account without a foreign key)
        second_device = _session(patient)
        csrf_client().post(
            "/api/v1/auth/login/",
            {"email": "leaving@example.com", "password": "mistyped"},
            format="json",
        )
        assert AccessAttempt.objects.filter(username="leaving@example.com").exists()
        client.delete(ME, {"password": DEFAULT_PASSWORD}, format="json")
        # (the second device's session is signed out but, never used again, its row stays)
        assert second_device.session.session_key in {s.session_key for s in Session.objects.all()}

    # Not yet: the grace period is not over.
    with time_machine.travel(NOW + timedelta(days=6), tick=False):
        assert account_deletions_run_task() == 0
    assert Appointment.objects.get().status == AppointmentStatus.BOOKED

    with (
        time_machine.travel(NOW + timedelta(days=7, minutes=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert account_deletions_run_task() == 1

    assert not User.objects.filter(pk=patient.pk).exists()
    assert not Profile.objects.filter(user_id=patient.pk).exists()
    assert not Consent.objects.filter(user_id=patient.pk).exists()
    assert not Upload.objects.filter(owner_id=patient.pk).exists()
    assert not Analysis.objects.filter(owner_id=patient.pk).exists()
    assert not Appointment.objects.exists()
    assert not AccessRecord.objects.filter(patient_id=patient.pk).exists()
    assert not DataExport.objects.filter(user_id=patient.pk).exists()
    sessions = [s.get_decoded() for s in Session.objects.all()]
    assert not [s for s in sessions if s.get(SESSION_KEY) == str(patient.pk)]
    assert not AccessAttempt.objects.filter(username__iexact="leaving@example.com").exists()
    assert not AccessLog.objects.filter(username__iexact="leaving@example.com").exists()
    stored = set(storage.stored_names())
    assert stored & theirs == set()
    assert stored == _names_of(someone_else)
    assert kept.upload.file_name in stored
    (told,) = [m for m in mail.outbox if m.to == [doctor_user.email]]
    assert "closed their MetSkin account" in told.body
    assert "Wednesday 10 June 2026, 10:00" in told.body
    # Running again finds nothing to do.
    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        assert account_deletions_run_task() == 0
