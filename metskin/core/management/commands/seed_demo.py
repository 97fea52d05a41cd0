"""``manage.py seed_demo``: demo accounts plus each app's demo data. Safe to run again.

The demo accounts have passwords and TOTP keys published in the README, so the command
refuses under production settings, and on a database that holds real accounts but no demo
ones yet, unless ``--force`` says that is really meant.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from metskin.accounts.models import Role, User
from metskin.accounts.seed import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_STAFF_EMAIL
from metskin.accounts.services import user_create
from metskin.core.app_modules import app_submodules

DEMO_USERS = (
    ("demo@metskin.example", Role.PATIENT, "Demo Patient"),
    (DEMO_STAFF_EMAIL, Role.STAFF, "Demo Staff"),
)


def _refusal() -> str | None:
    """Why demo accounts must not be added here, or None when it is safe."""
    if getattr(settings, "PRODUCTION", False):
        return (
            "Refusing to load demo accounts under production settings: their passwords and "
            "two-factor keys are published in the README."
        )
    demo_users = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    real_user = User.objects.exclude(pk__in=demo_users.values("pk")).first()
    if real_user is not None and not demo_users.exists():
        # A demo database where someone tried the sign-up page is fine (`make run` seeds on
        # every start); a real database that never had demo accounts is not.
        return (
            f"Refusing to add demo accounts to a database with real accounts (such as "
            f"{real_user.email}): their passwords and two-factor keys are published."
        )
    return None


class Command(BaseCommand):
    help = "Load demo data: a demo patient, a staff user, and every app's demo content."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo accounts even under production settings or beside real accounts.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        refusal = _refusal()
        if refusal and not options["force"]:
            raise CommandError(f"{refusal} Add --force if that is really what you want.")
        with transaction.atomic():
            for email, role, name in DEMO_USERS:
                if User.objects.filter(email=email).exists():
                    continue
                user_create(
                    email=email,
                    password=DEMO_PASSWORD,
                    role=role,
                    display_name=name,
                    verified=True,
                    consented=True,
                )
                self.stdout.write(f"Created {role} {email}")
        # Each app that has demo content exposes seed.seed_demo(stdout); order = INSTALLED_APPS.
        for module in app_submodules("seed"):
            with transaction.atomic():
                module.seed_demo(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Sign in as demo@metskin.example / {DEMO_PASSWORD}"
            )
        )
