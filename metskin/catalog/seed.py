"""Demo catalogue: the real ingredient inventory and the real product lists in ``data/``.

Runs on every ``make run``; after the first time it only checks that data is there.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from metskin.catalog.models import Ingredient, Product
from metskin.catalog.selectors import ingredient_index_all
from metskin.catalog.services import (
    FACTS_VERSION,
    catalog_facts_refresh,
    ingredients_import,
    products_import,
)

DATA = Path(__file__).resolve().parent / "data"
COSING_CSV = DATA / "cosing_inci_cas_function.csv"
CHART_CSV = DATA / "comedogenicity_irritancy.csv"
PRODUCT_FILES = (
    DATA / "sephora_cosmetics_1472.csv",
    DATA / "lookfantastic_skincare_products_clean.csv",
)


def seed_demo(*, stdout: Any) -> None:
    started = time.monotonic()
    if not Ingredient.objects.exists():
        loaded = ingredients_import(cosing_path=COSING_CSV, chart_path=CHART_CSV)
        stdout.write(f"Catalogue: {loaded.created} ingredients from CosIng")
    if Product.objects.exists():
        if Product.objects.filter(facts_version__lt=FACTS_VERSION).exists():
            # Imported under older rules: recompute the stored facts (no manual step).
            refreshed = catalog_facts_refresh()
            stdout.write(f"Catalogue: facts of {refreshed.products_refreshed} products refreshed")
        return
    index = ingredient_index_all()
    for path in PRODUCT_FILES:
        report = products_import(path=path, index=index)
        stdout.write(
            f"Catalogue: {report.created} products from {path.name} "
            f"({len(report.errors)} rows skipped: no usable ingredient list or malformed)"
        )
    stdout.write(f"Catalogue ready in {time.monotonic() - started:.1f} s")
