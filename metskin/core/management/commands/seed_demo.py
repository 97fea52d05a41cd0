"""``manage.py seed_demo``: demo accounts plus each app's demo data. Safe to run again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from metskin.accounts.models import Role, User
from metskin.accounts.seed import DEMO_PASSWORD, DEMO_STAFF_EMAIL
from metskin.accounts.services import user_create
from metskin.core.app_modules import app_submodules

DEMO_USERS = (
    ("demo@metskin.example", Role.PATIENT, "Demo Patient"),
    (DEMO_STAFF_EMAIL, Role.STAFF, "Demo Staff"),
)


class Command(BaseCommand):
    help = "Load demo data: a demo patient, a staff user, and every app's demo content."

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            for email, role, name in DEMO_USERS:
                if User.objects.filter(email=email).exists():
                    continue
                user_create(
                    email=email, password=DEMO_PASSWORD, role=role, display_name=name, verified=True
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
