"""``manage.py catalog_facts_refresh``: recompute product facts after the rules changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from metskin.catalog.services import FACTS_VERSION, catalog_facts_refresh


class Command(BaseCommand):
    help = (
        "Recompute the stored facts of products imported under older rules (UV filters, "
        "incomplete lists). Idempotent; seed_demo runs it when needed."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = catalog_facts_refresh()
        self.stdout.write(
            f"Facts version {FACTS_VERSION}: {report.ingredients_classed} ingredients given "
            f"an active class, {report.aliases_created} aliases added, "
            f"{report.lines_relinked} lines matched again, "
            f"{report.products_refreshed} products refreshed"
        )
