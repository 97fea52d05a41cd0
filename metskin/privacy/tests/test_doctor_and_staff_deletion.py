"""Doctors and staff close their own accounts: password and a two-factor code; a doctor
leaves the directory at once; when the deletion runs their patients and waitlist are told,
their visits cancelled and shares ended; the last staff member cannot leave."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from metskin.accounts.models import Role, User
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.helpers import sign_in_with_totp, totp_code
from metskin.analysis.models import AnalysisShare
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments.emails import appointment_email_send
from metskin.appointments.models import Appointment, AppointmentStatus, WaitlistEntry
from metskin.appointments.tests.helpers import (
    NOW,
    book,
    doctor_user_with_device,
    doctor_with_hours,
)
from metskin.doctors.models import DoctorProfile
from metskin.privacy import deletion
from metskin.privacy.tasks import account_deletions_run_task

pytestmark = pytest.mark.django_db

ME = "/api/v1/me/"


@pytest.fixture(autouse=True)
def _monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def _backup_code(user: User) -> str:
    device = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    StaticToken.objects.create(device=device, token="abcdefgh")
    return "abcdefgh"


def _listed_ids(client) -> set[str]:
    return {row["id"] for row in client.get("/api/v1/doctors/").json()["results"]}


def test_a_doctor_needs_their_password_and_a_code_then_leaves_the_directory_at_once(api_client):
    doctor = doctor_with_hours()
    doctor_user, device = doctor_user_with_device(doctor)
    client = sign_in_with_totp(doctor_user, device)
    assert str(doctor.pk) in _listed_ids(api_client)

    without_code = client.delete(ME, {"password": DEFAULT_PASSWORD}, format="json")
    wrong_code = client.delete(ME, {"password": DEFAULT_PASSWORD, "code": "000000"}, format="json")
    wrong_password = client.delete(ME, {"password": "nope", "code": "abcdefgh"}, format="json")

    assert (without_code.status_code, without_code.json()["error"]["code"]) == (
        400,
        "code_required",
    )
    assert list(without_code.json()["error"]["fields"]) == ["code"]
    assert (wrong_code.status_code, wrong_code.json()["error"]["code"]) == (400, "invalid_otp")
    assert list(wrong_code.json()["error"]["fields"]) == ["code"]
    assert wrong_password.json()["error"]["code"] == "wrong_password"
    doctor_user.refresh_from_db()
    assert doctor_user.deletion_scheduled_for is None
    assert str(doctor.pk) in _listed_ids(api_client)

    # A new code (the sign-in used the current one: django-otp refuses a replay)
    with time_machine.travel(NOW + timedelta(seconds=31), tick=False):
        code = totp_code(device)
        response = client.delete(ME, {"password": DEFAULT_PASSWORD, "code": code}, format="json")

        assert response.status_code == 202, response.content
        doctor_user.refresh_from_db()
        assert doctor_user.deletion_scheduled_for == NOW + timedelta(seconds=31, days=7)
        # Signed out, and out of the directory, its detail and its booking at once
        assert client.get(ME).status_code in (401, 403)
        assert str(doctor.pk) not in _listed_ids(api_client)
        assert api_client.get(f"/api/v1/doctors/{doctor.pk}/").status_code == 404
    # Signing in again within the grace period keeps the account, and the listing
    with time_machine.travel(NOW + timedelta(seconds=62), tick=False):
        sign_in_with_totp(doctor_user, device)
        doctor_user.refresh_from_db()
        assert doctor_user.deletion_scheduled_for is None
        assert str(doctor.pk) in _listed_ids(api_client)


def test_a_backup_code_works_too():
    doctor_user, _ = doctor_user_with_device(doctor_with_hours())
    client = sign_in_with_totp(doctor_user)
    code = _backup_code(doctor_user)

    response = client.delete(ME, {"password": DEFAULT_PASSWORD, "code": code}, format="json")

    assert response.status_code == 202
    assert not StaticToken.objects.filter(token=code).exists()  # used up


def test_when_a_doctors_deletion_runs_patients_and_waitlist_are_told_and_shares_end(
    patient, patient_client, django_capture_on_commit_callbacks
):
    # Given a doctor with an upcoming visit sharing an analysis, a past one, and a waitlist
    doctor = doctor_with_hours(first_name="Maya", last_name="Chen")
    doctor_user, _ = doctor_user_with_device(doctor)
    analysis = AnalysisFactory(owner=patient)
    booked = book(
        patient_client,
        doctor,
        "2026-06-09T09:00:00-04:00",
        body={"shared_analyses": [str(analysis.pk)]},
    ).json()
    waiting = UserFactory(email="waiting@example.com")
    WaitlistEntry.objects.create(doctor=doctor, patient=waiting, reason="Sooner?")
    assert AnalysisShare.objects.filter(doctor_user=doctor_user, revoked_at=None).count() == 1
    client = sign_in_with_totp(doctor_user)
    code = _backup_code(doctor_user)
    assert client.delete(ME, {"password": DEFAULT_PASSWORD, "code": code}).status_code == 202
    mail.outbox.clear()

    # When the grace period is over and the job runs
    with (
        time_machine.travel(NOW + timedelta(days=8), tick=False),
        django_capture_on_commit_callbacks() as queued,
    ):
        assert account_deletions_run_task() == 1

    # Then the account is gone, the profile stays for history but is unlisted for good
    assert not User.objects.filter(pk=doctor_user.pk).exists()
    doctor.refresh_from_db()
    assert (doctor.user_id, doctor.is_listed) == (None, False)
    # The visit is cancelled by the doctor's side, with a reason; the share ended
    appointment = Appointment.objects.get(pk=booked["id"])
    assert appointment.status == AppointmentStatus.CANCELLED
    assert "Dr Maya Chen has left MetSkin" in appointment.cancel_reason
    assert not appointment.shared_analyses.exists()
    assert (
        not AnalysisShare.objects.filter(analysis=analysis)
        .exclude(revoked_at=None)
        .filter(revoked_at=None)
        .exists()
    )
    assert not AnalysisShare.objects.filter(doctor_user_id=doctor_user.pk).exists()
    # The waitlist is cleared and told
    assert WaitlistEntry.objects.get(patient=waiting).status == WaitlistEntry.Status.WITHDRAWN
    (left,) = mail.outbox
    assert left.to == ["waiting@example.com"]
    assert left.subject == "Dr Maya Chen has left MetSkin"
    assert "no longer on their waitlist" in left.body
    # The patient's cancellation email is queued after the commit, and can be sent without
    # the doctor's account (appointment_email_task does exactly this)
    assert len(queued) >= 1
    appointment_email_send(appointment=appointment, event="cancelled")
    (told,) = [m for m in mail.outbox if m.to == [patient.email]]
    assert "Dr Maya Chen has left MetSkin" in told.body
    # Running again finds nothing to do
    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        assert account_deletions_run_task() == 0
    assert DoctorProfile.objects.filter(pk=doctor.pk).exists()


def test_the_last_staff_member_cannot_close_their_account():
    staff = UserFactory(role=Role.STAFF)
    client = sign_in_with_totp(staff)
    code = _backup_code(staff)

    response = client.delete(ME, {"password": DEFAULT_PASSWORD, "code": code}, format="json")

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "last_staff"
    staff.refresh_from_db()
    assert staff.deletion_scheduled_for is None
    assert StaticToken.objects.filter(token=code).exists()  # the code was not spent


def test_a_staff_member_can_leave_when_another_remains():
    staff = UserFactory(role=Role.STAFF)
    UserFactory(role=Role.STAFF)
    client = sign_in_with_totp(staff)
    code = _backup_code(staff)

    response = client.delete(ME, {"password": DEFAULT_PASSWORD, "code": code}, format="json")

    assert response.status_code == 202
    with time_machine.travel(NOW + timedelta(days=8), tick=False):
        assert account_deletions_run_task() == 1
    assert not User.objects.filter(pk=staff.pk).exists()


def test_the_deletion_is_not_run_when_its_staff_member_has_become_the_last(
    caplog, django_capture_on_commit_callbacks
):
    staff = UserFactory(role=Role.STAFF, email="last@example.com")
    other = UserFactory(role=Role.STAFF)
    client = sign_in_with_totp(staff)
    code = _backup_code(staff)
    assert (
        client.delete(ME, {"password": DEFAULT_PASSWORD, "code": code}, format="json").status_code
        == 202
    )
    # During the grace period the other staff member stops being staff
    User.objects.filter(pk=other.pk).update(role=Role.PATIENT, is_staff=False)
    mail.outbox.clear()

    with (
        time_machine.travel(NOW + timedelta(days=8), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert account_deletions_run_task() == 0

    staff.refresh_from_db()
    assert staff.deletion_scheduled_for is None  # kept, and not tried again every minute
    assert "last staff member" in caplog.text
    (kept,) = mail.outbox
    assert kept.to == ["last@example.com"]
    assert "not been deleted" in kept.body
    with time_machine.travel(NOW + timedelta(days=9), tick=False):
        assert account_deletions_run_task() == 0
    assert User.objects.filter(pk=staff.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_staff_members_closing_at_once_leave_one_behind(monkeypatch):
    """Both ask at the same moment: the check and the schedule are one locked step, so
    the second sees the first one leaving and gets 409."""
    first, second = UserFactory(role=Role.STAFF), UserFactory(role=Role.STAFF)
    clients = {first.pk: sign_in_with_totp(first), second.pk: sign_in_with_totp(second)}
    codes = {first.pk: _backup_code(first), second.pk: _backup_code(second)}
    inside, release = threading.Event(), threading.Event()
    real_check = deletion._check_two_factor_code

    def first_waits_inside(user, code):
        if user.pk == first.pk:  # the first request holds on between check and schedule
            inside.set()
            release.wait(timeout=30)
        real_check(user, code)

    monkeypatch.setattr(deletion, "_check_two_factor_code", first_waits_inside)
    statuses: dict[object, int] = {}

    def close(user_id):
        try:
            response = clients[user_id].delete(
                ME, {"password": DEFAULT_PASSWORD, "code": codes[user_id]}, format="json"
            )
            statuses[user_id] = response.status_code
        finally:
            connection.close()

    one = threading.Thread(target=close, args=(first.pk,))
    one.start()
    assert inside.wait(timeout=30)
    two = threading.Thread(target=close, args=(second.pk,))
    two.start()
    two.join(timeout=1.0)  # without the lock the second one finishes here
    release.set()
    one.join(timeout=60)
    two.join(timeout=60)

    assert sorted(statuses.values()) == [202, 409], statuses
    scheduled = User.objects.filter(deletion_scheduled_for__isnull=False).count()
    assert scheduled == 1


def test_a_leaving_doctors_language_leaves_the_directory_filter_list(api_client):
    from metskin.doctors.models import Language

    doctor = doctor_with_hours()
    doctor.languages.add(Language.objects.create(code="xh", name="Xhosa"))
    doctor_user, _ = doctor_user_with_device(doctor)

    def listed_codes() -> set[str]:
        return {row["code"] for row in api_client.get("/api/v1/doctors/languages/").json()}

    assert "xh" in listed_codes()
    User.objects.filter(pk=doctor_user.pk).update(deletion_scheduled_for=NOW + timedelta(days=7))

    assert "xh" not in listed_codes()
    assert str(doctor.pk) not in _listed_ids(api_client)  # as the directory does
