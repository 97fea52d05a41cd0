"""``manage.py catalog_incomplete``: products whose ingredient list lacks what they are."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from metskin.catalog.models import Product
from metskin.catalog.selectors import incomplete_counts
from metskin.catalog.vocabulary import ActiveClass, Category


class Command(BaseCommand):
    help = (
        "Count the active products whose ingredient list is incomplete (a sunscreen with no "
        "UV filter, a retinol serum with no retinoid ...), per kind of product."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = incomplete_counts()
        total = Product.objects.filter(is_active=True).count()
        affected = Product.objects.filter(is_active=True, missing_actives_mask__gt=0).count()
        self.stdout.write(
            f"{affected} of {total} active products have an incomplete ingredient list"
        )
        self.stdout.write(f"{'kind of product':<16} {'lacks':<24} {'products':>8}")
        for category in sorted(counts):
            for active, count in sorted(counts[category].items(), key=lambda item: -item[1]):
                self.stdout.write(
                    f"{Category(category).label:<16} {ActiveClass(active).label:<24} {count:>8}"
                )
