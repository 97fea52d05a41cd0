"""The user admin opens for staff on a two-factor session and creates accounts properly."""

from __future__ import annotations

import pytest

from metskin.accounts.models import Role, User
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import verified_admin_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_2fa():
    staff = UserFactory(role=Role.STAFF)
    User.objects.filter(pk=staff.pk).update(is_superuser=True)  # user accounts: superusers only
    staff.refresh_from_db()
    return verified_admin_client(staff)


def test_user_changelist_search_and_change_page_open(admin_client_2fa):
    patient = UserFactory(email="findme@example.com")

    listing = admin_client_2fa.get("/admin/accounts/user/", {"q": "findme"})
    change = admin_client_2fa.get(f"/admin/accounts/user/{patient.pk}/change/")

    assert listing.status_code == 200
    assert b"findme@example.com" in listing.content
    assert change.status_code == 200
    assert b"Profile" in change.content  # the profile is edited inline


def test_staff_add_a_user_with_a_hashed_password(admin_client_2fa):
    form = admin_client_2fa.get("/admin/accounts/user/add/")
    assert form.status_code == 200

    response = admin_client_2fa.post(
        "/admin/accounts/user/add/",
        {
            "email": "added@example.com",
            "role": Role.PATIENT,
            "password1": "An-admin-chosen-pass-9",
            "password2": "An-admin-chosen-pass-9",
            "profile-TOTAL_FORMS": "0",
            "profile-INITIAL_FORMS": "0",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
        },
    )

    assert response.status_code == 302, response.content[:2000]
    user = User.objects.get(email="added@example.com")
    assert user.check_password("An-admin-chosen-pass-9")
    assert user.password.startswith("argon2")


def test_a_weak_password_in_the_add_form_is_refused(admin_client_2fa):
    response = admin_client_2fa.post(
        "/admin/accounts/user/add/",
        {"email": "weak@example.com", "role": Role.PATIENT, "password1": "123", "password2": "123"},
    )

    assert response.status_code == 200
    assert b"This password is too short" in response.content
    assert not User.objects.filter(email="weak@example.com").exists()
