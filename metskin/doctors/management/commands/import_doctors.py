"""``manage.py import_doctors PATH``: dermatologists from a CSV (ours or NPPES)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from metskin.doctors.importers import OWN_COLUMNS, doctors_import


class Command(BaseCommand):
    help = (
        "Import dermatologists from a CSV file: either the CMS NPPES registry layout "
        "(rows whose primary taxonomy is 207N…, dermatology) or MetSkin's own columns: "
        + ", ".join(OWN_COLUMNS)
        + " (specialties and languages separated by ';'). Doctors are matched by NPI, "
        "then by name, and updated in place."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["path"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        result = doctors_import(path=path)
        for problem in result.skipped:
            self.stdout.write(f"Skipped {problem}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.created + result.updated} doctors "
                f"({result.created} new, {result.updated} updated, "
                f"{len(result.skipped)} skipped)."
            )
        )
