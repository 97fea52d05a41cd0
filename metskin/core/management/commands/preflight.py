"""``manage.py preflight``: exit 2 with one line per unreachable part, 0 when all answer."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from metskin.core.preflight import problems


class Command(BaseCommand):
    help = "Check that the database, broker, cache and media storage answer before starting."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet", action="store_true", help="print nothing when all is well")

    def handle(self, *args: Any, quiet: bool = False, **options: Any) -> None:
        found = problems()
        for line in found:
            self.stderr.write(f"MetSkin cannot start: {line}")
        if found:
            sys.exit(2)
        if not quiet:
            self.stdout.write("preflight: database, broker, cache and media storage answer")
