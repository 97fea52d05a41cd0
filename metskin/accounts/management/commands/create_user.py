"""``manage.py create_user --email E --password P --role patient|dermatologist|staff``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from metskin.accounts.models import Role
from metskin.accounts.services import user_create
from metskin.core.exceptions import ApplicationError


class Command(BaseCommand):
    help = "Create a user whose email is already verified (for operators and scripts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--password", required=True)
        parser.add_argument("--role", choices=Role.values, default=Role.PATIENT)
        parser.add_argument("--name", default="", help="Display name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = user_create(
                email=options["email"],
                password=options["password"],
                role=options["role"],
                display_name=options["name"],
                verified=True,
            )
        except ApplicationError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(self.style.SUCCESS(f"Created {user.role} {user.email}"))
