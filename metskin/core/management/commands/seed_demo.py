"""``manage.py seed_demo``: each app's demo data, discovered. Safe to run again.

Each app in LOCAL_APPS with a ``seed`` module contributes ``seed_demo(stdout=...)``, run in
that order (accounts first, so the demo accounts exist for the apps above). A ``seed``
module may also say why seeding must be refused (``seed_refusal() -> str | None``): the demo
accounts have passwords and TOTP keys published in the README, so accounts refuses under
production settings and on a database that holds real accounts but no demo ones, unless
``--force`` says that is really meant.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from metskin.core.app_modules import app_submodules


class Command(BaseCommand):
    help = "Load demo data: a demo patient, a staff user, and every app's demo content."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load the demo accounts even under production settings or beside real accounts.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        seeds = list(app_submodules("seed"))
        refusals = [r for m in seeds if hasattr(m, "seed_refusal") and (r := m.seed_refusal())]
        if refusals and not options["force"]:
            raise CommandError(f"{' '.join(refusals)} Add --force if that is really what you want.")
        for module in seeds:
            with transaction.atomic():
                module.seed_demo(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in as demo@metskin.example."))
