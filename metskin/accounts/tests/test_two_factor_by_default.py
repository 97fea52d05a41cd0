"""Every API view needs two-factor from dermatologists and staff unless it is open to all.

Doctors and staff only get a session through the code step and never a token, so this
matters for a session or token an account had *before* it was made a doctor or staff
member: it must not read the patient data the new role opens (shared analyses).
"""

from __future__ import annotations

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from metskin.accounts.models import Role, User
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.helpers import sign_in_with_totp
from metskin.analysis.models import Analysis, AnalysisShare
from metskin.analysis.tests.factories import AnalysisFactory

pytestmark = pytest.mark.django_db


def promote(user: User, role: str) -> None:
    User.objects.filter(pk=user.pk).update(role=role)


def shared_analysis_with(doctor: User) -> Analysis:
    analysis: Analysis = AnalysisFactory(owner=UserFactory())  # type: ignore[assignment]
    AnalysisShare.objects.create(analysis=analysis, doctor_user=doctor, granted_at=timezone.now())
    return analysis


def test_a_token_from_before_a_promotion_reads_no_shared_analysis():
    user = UserFactory(email="soon-a-doctor@example.com")
    token = (
        APIClient()
        .post(
            "/api/v1/auth/token/",
            {"email": user.email, "password": DEFAULT_PASSWORD},
            format="json",
        )
        .json()["token"]
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    promote(user, Role.DERMATOLOGIST)
    analysis = shared_analysis_with(user)

    detail = client.get(f"/api/v1/analyses/{analysis.pk}/")
    listing = client.get("/api/v1/analyses/")

    assert detail.status_code == 403
    assert detail.json()["error"]["code"] == "two_factor_required"
    assert listing.status_code == 403
    assert client.get("/api/v1/me/").status_code == 200  # still told who they are


def test_a_password_only_session_of_a_doctor_is_refused_and_a_verified_one_is_not():
    doctor = UserFactory(email="doc@example.com", role=Role.DERMATOLOGIST)
    analysis = shared_analysis_with(doctor)
    stale = APIClient()
    stale.force_login(doctor)  # a session that never went through the code step

    refused = stale.get(f"/api/v1/analyses/{analysis.pk}/")
    allowed = sign_in_with_totp(doctor).get(f"/api/v1/analyses/{analysis.pk}/")

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "two_factor_required"
    assert allowed.status_code == 200
    assert allowed.json()["id"] == str(analysis.pk)


def test_patients_need_no_second_factor(patient_client):
    assert patient_client.get("/api/v1/analyses/").status_code == 200
    assert patient_client.get("/api/v1/recommendations/").status_code == 200
