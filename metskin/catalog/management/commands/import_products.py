"""``manage.py import_products PATH``: products from CSV or Open Beauty Facts JSONL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from metskin.catalog.services import products_import


class Command(BaseCommand):
    help = (
        "Import products (MetSkin CSV, the Sephora or LookFantastic CSVs, or Open Beauty "
        "Facts JSONL). Safe to run again: products are matched by source and id."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--show-unknown", type=int, default=10, help="How many unknown names to list"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        failed = False
        for path in options["paths"]:
            if not path.is_file():
                raise CommandError(f"No file at {path}")
            report = products_import(path=path)
            self.stdout.write(
                f"{path.name} ({report.format}): {report.created} created, {report.updated} "
                f"updated, {report.unchanged} unchanged, {len(report.errors)} rows skipped "
                f"with errors, {len(report.skipped)} out of scope"
            )
            for error in report.errors:
                self.stderr.write(f"  {path.name} {error}")
            unknown = sorted(report.unknown_names.items(), key=lambda item: -item[1])
            if unknown and options["show_unknown"]:
                listed = ", ".join(
                    f"{name} ({count})" for name, count in unknown[: options["show_unknown"]]
                )
                self.stdout.write(
                    f"  {len(unknown)} unknown ingredient names, most frequent: {listed}"
                )
            failed = failed or (report.imported == 0 and bool(report.errors))
        if failed:
            raise CommandError("Nothing could be imported from at least one file.")
