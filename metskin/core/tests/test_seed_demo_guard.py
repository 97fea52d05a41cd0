"""seed_demo creates accounts with published passwords and TOTP keys: never on a real site."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from metskin.accounts.models import User
from metskin.accounts.tests.factories import UserFactory
from metskin.core.tests.test_production_settings import check_deploy, manage

pytestmark = pytest.mark.django_db


def test_seed_demo_refuses_under_production_settings(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo", stdout=io.StringIO())

    assert not User.objects.exists()


def test_seed_demo_refuses_under_the_real_production_settings_module():
    # The environment is sound (check --deploy passes); seed_demo itself refuses, before it
    # touches the database (the one named here does not exist).
    assert check_deploy().returncode == 0

    refused = manage("seed_demo")

    assert refused.returncode != 0
    assert "production" in refused.stderr
    assert "--force" in refused.stderr


def test_seed_demo_refuses_a_database_with_real_accounts():
    UserFactory(email="ada@example.com")

    with pytest.raises(CommandError, match=r"real accounts \(such as ada@example\.com\)"):
        call_command("seed_demo", stdout=io.StringIO())

    assert list(User.objects.values_list("email", flat=True)) == ["ada@example.com"]


def test_seed_demo_goes_ahead_when_forced(settings):
    settings.PRODUCTION = True
    UserFactory(email="ada@example.com")

    call_command("seed_demo", "--force", stdout=io.StringIO())

    assert User.objects.filter(email="staff@metskin.example").exists()


def test_a_demo_database_where_someone_signed_up_can_be_seeded_again():
    # `make run` seeds on every start; a developer who tried the sign-up page keeps working.
    call_command("seed_demo", stdout=io.StringIO())
    UserFactory(email="ada@example.com")

    call_command("seed_demo", stdout=io.StringIO())

    assert User.objects.filter(email="demo@metskin.example").count() == 1
