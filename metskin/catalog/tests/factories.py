"""Test data made with the real importers from the real CosIng inventory.

Loading all 28,000 CosIng rows per test would be slow, so ``catalog_load`` imports only
the CosIng rows that the test's products (and MetSkin's knowledge tables) name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from metskin.catalog import inci
from metskin.catalog.knowledge import (
    ACTIVE_CLASS_OF,
    CHART_NAMES,
    COMMON_NAMES,
    DRYING_ALCOHOLS,
    EU_ALLERGENS,
)
from metskin.catalog.seed import CHART_CSV, COSING_CSV
from metskin.catalog.services import (
    ProductImportReport,
    ingredients_import,
    products_import,
)

PRODUCT_COLUMNS = (
    "brand",
    "name",
    "category",
    "price",
    "currency",
    "ingredients",
    "rating",
    "skin_types",
    "external_id",
    "size",
)


@lru_cache(maxsize=1)
def _cosing_rows() -> tuple[str, list[list[str]]]:
    text = COSING_CSV.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    return ",".join(rows[0]), rows[1:]


def cosing_subset(path: Path, texts: Sequence[str]) -> Path:
    """A CosIng CSV holding only the rows the texts (and the knowledge tables) name."""
    wanted: set[str] = set()
    for text in texts:
        wanted |= inci.all_candidate_keys(inci.split_inci(text))
    for name in (
        *COMMON_NAMES.values(),
        *CHART_NAMES.values(),
        *ACTIVE_CLASS_OF,
        *DRYING_ALCOHOLS,
        *EU_ALLERGENS,
    ):
        wanted.add(inci.compact_key(name))
    header, rows = _cosing_rows()
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        writer = csv.writer(handle)
        for row in rows:
            if row and inci.compact_key(row[0]) in wanted:
                writer.writerow(row)
    return path


def write_products_csv(path: Path, products: Sequence[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=PRODUCT_COLUMNS)
        writer.writeheader()
        for product in products:
            writer.writerow({column: product.get(column, "") for column in PRODUCT_COLUMNS})
    return path


def catalog_load(tmp_path: Path, products: Sequence[dict[str, Any]]) -> ProductImportReport:
    """Ingredients (a CosIng subset) and then these products, through the real services."""
    texts = [str(product.get("ingredients", "")) for product in products]
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", texts), chart_path=CHART_CSV
    )
    return products_import(path=write_products_csv(tmp_path / "products.csv", products))


def product_row(name: str, category: str, ingredients: str, **extra: Any) -> dict[str, Any]:
    return {
        "brand": extra.pop("brand", "Test Brand"),
        "name": name,
        "category": category,
        "price": extra.pop("price", "12.00"),
        "currency": extra.pop("currency", "GBP"),
        "ingredients": ingredients,
        "rating": extra.pop("rating", "4.0"),
        "skin_types": extra.pop("skin_types", ""),
        **extra,
    }
