"""``manage.py import_ingredients``: CosIng names plus MetSkin's ingredient flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from metskin.catalog.seed import CHART_CSV, COSING_CSV
from metskin.catalog.services import ingredients_import


class Command(BaseCommand):
    help = "Load the CosIng ingredient inventory and the comedogenicity chart. Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cosing", type=Path, default=COSING_CSV)
        parser.add_argument("--chart", type=Path, default=CHART_CSV)

    def handle(self, *args: Any, **options: Any) -> None:
        report = ingredients_import(cosing_path=options["cosing"], chart_path=options["chart"])
        self.stdout.write(
            f"Ingredients: {report.created} created, {report.updated} updated, "
            f"{report.aliases_created} aliases added, {report.rated} rated for pores, "
            f"{report.duplicates} duplicate names skipped, {len(report.errors)} rows with errors"
        )
        for error in report.errors[:20]:
            self.stderr.write(f"  {error}")
