from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from metskin.accounts.models import Role, User
from metskin.accounts.services import STAFF_GROUP

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.PATIENT, Role.DERMATOLOGIST, Role.STAFF])
def test_create_user_makes_a_verified_user_with_the_role(role):
    call_command(
        "create_user",
        "--email",
        "Op@Example.com",
        "--password",
        "an-Operator-pass-1",
        "--role",
        role,
    )

    user = User.objects.get(email="op@example.com")
    assert user.role == role
    assert user.email_verified
    assert user.check_password("an-Operator-pass-1")
    assert user.is_staff == (role == Role.STAFF)
    assert user.groups.filter(name=STAFF_GROUP).exists() == (role == Role.STAFF)


def test_create_user_refuses_a_duplicate_and_a_weak_password():
    call_command("create_user", "--email", "op@example.com", "--password", "an-Operator-pass-1")

    with pytest.raises(CommandError, match="already exists"):
        call_command("create_user", "--email", "op@example.com", "--password", "x-Other-pass-22")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_user", "--email", "new@example.com", "--password", "short")
    assert User.objects.count() == 1
