"""Catalog writes: loading ingredients and products, keeping product facts up to date."""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from metskin.catalog import inci
from metskin.catalog.facts import ListedIngredient, ProductFacts, product_facts
from metskin.catalog.knowledge import (
    ACTIVE_CLASS_OF,
    CHART_NAMES,
    COMMON_NAMES,
    DRYING_ALCOHOLS,
    EU_ALLERGENS,
    PREGNANCY_CAUTION,
    curated_flags,
)
from metskin.catalog.models import (
    Brand,
    Currency,
    Ingredient,
    IngredientAlias,
    PriceBand,
    Product,
    ProductIngredient,
)
from metskin.catalog.readers import ProductRecord, RowError, read_products
from metskin.catalog.selectors import IngredientIndex, ingredient_facts, ingredient_index_all
from metskin.catalog.usage import default_usage
from metskin.catalog.version import catalog_changed
from metskin.catalog.vocabulary import actives_to_mask

# A product is kept only when most of its list is made of ingredients we know: below
# this share the "list" is usually marketing text, and its safety cannot be checked.
MIN_KNOWN_SHARE = 0.6
BATCH = 1000
# Bump when the rules in facts.py change what is stored on Product: rows computed by an
# older version are recomputed by catalog_facts_refresh (run by seed_demo, so `make run`).
# 2: UV filters from the EU and US lists; "SPF" means a listed filter; missing actives.
# 3: "30 SPF" is a stated SPF; after-sun and self-tan products are not sold as sunscreens.
# 4: "Broad Spectrum 50+" (no letters SPF) is a stated SPF.
FACTS_VERSION = 4
# Upper bounds of the low and mid price bands, per currency.
PRICE_BANDS: dict[str, tuple[Decimal, Decimal]] = {
    Currency.GBP: (Decimal("15"), Decimal("40")),
    Currency.EUR: (Decimal("18"), Decimal("45")),
    Currency.USD: (Decimal("20"), Decimal("50")),
}


# --- ingredients ----------------------------------------------------------------------


@dataclass
class IngredientImportReport:
    created: int = 0
    updated: int = 0
    aliases_created: int = 0
    duplicates: int = 0
    rated: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass
class _IngredientRow:
    inci_name: str
    cas_number: str
    functions: list[str]
    in_cosing: bool = True


def _read_cosing(path: Path, report: IngredientImportReport) -> dict[str, _IngredientRow]:
    rows: dict[str, _IngredientRow] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        for record in reader:
            name = " ".join((record.get("inci_name") or "").split()).upper()
            if not name or len(name) > 255:
                report.errors.append(RowError(reader.line_num, "no usable INCI name"))
                continue
            key = inci.compact_key(name)
            if key in rows:
                report.duplicates += 1
                continue
            functions = [
                part.strip() for part in (record.get("function") or "").split(",") if part.strip()
            ]
            rows[key] = _IngredientRow(name, (record.get("cas_number") or "")[:60], functions)
    return rows


def _read_chart(path: Path | None) -> dict[str, tuple[int, int]]:
    if path is None:
        return {}
    ratings: dict[str, tuple[int, int]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for record in csv.DictReader(handle):
            inci_name = CHART_NAMES.get((record.get("Name") or "").strip())
            if inci_name:
                ratings[inci.compact_key(inci_name)] = (
                    int(record["Comedogenicity"]),
                    int(record["Irritancy"]),
                )
    return ratings


@transaction.atomic
def ingredients_import(
    *, cosing_path: Path, chart_path: Path | None = None
) -> IngredientImportReport:
    """Load CosIng names with MetSkin's flags and the comedogenicity chart. Idempotent:
    rows already there keep their flags (staff may have edited them); only CosIng's own
    columns are refreshed."""
    report = IngredientImportReport()
    rows = _read_cosing(cosing_path, report)
    # Names our knowledge tables rely on but CosIng lacks (drugs such as adapalene).
    for inci_name in {*COMMON_NAMES.values(), *CHART_NAMES.values()} | _curated_names():
        key = inci.compact_key(inci_name)
        rows.setdefault(key, _IngredientRow(inci_name, "", [], in_cosing=False))
    ratings = _read_chart(chart_path)
    existing = {
        row["key"]: row for row in Ingredient.objects.values("id", "key", "functions", "cas_number")
    }
    new: list[Ingredient] = []
    changed: list[Ingredient] = []
    for key, row in rows.items():
        comedogenic, irritancy = ratings.get(key, (None, None))
        report.rated += comedogenic is not None
        if key in existing:
            current = existing[key]
            if current["functions"] != row.functions or current["cas_number"] != row.cas_number:
                changed.append(
                    Ingredient(id=current["id"], functions=row.functions, cas_number=row.cas_number)
                )
            continue
        flags = curated_flags(row.inci_name, row.functions)
        new.append(
            Ingredient(
                inci_name=row.inci_name,
                key=key,
                functions=row.functions,
                cas_number=row.cas_number,
                in_cosing=row.in_cosing,
                fragrance=flags.fragrance,
                eu_allergen=flags.eu_allergen,
                drying_alcohol=flags.drying_alcohol,
                pregnancy_caution=flags.pregnancy_caution,
                animal_derived=flags.animal_derived,
                active_class=flags.active_class,
                comedogenic=comedogenic,
                irritancy=irritancy,
            )
        )
    Ingredient.objects.bulk_create(new, batch_size=BATCH)
    Ingredient.objects.bulk_update(changed, ["functions", "cas_number"], batch_size=BATCH)
    report.created, report.updated = len(new), len(changed)
    report.aliases_created = _aliases_ensure()
    return report


def _curated_names() -> set[str]:
    return {
        *ACTIVE_CLASS_OF,
        *DRYING_ALCOHOLS,
        *EU_ALLERGENS,
        *PREGNANCY_CAUTION,
        "PARFUM",
        "AROMA",
    }


def _aliases_ensure() -> int:
    ids = dict(Ingredient.objects.values_list("key", "id"))
    have = set(IngredientAlias.objects.values_list("key", flat=True))
    new = []
    for alias, target in COMMON_NAMES.items():
        key, target_key = inci.compact_key(alias), inci.compact_key(target)
        if key in ids or key in have or target_key not in ids:
            continue  # an INCI name already, or known
        have.add(key)
        new.append(IngredientAlias(ingredient_id=ids[target_key], name=alias.title(), key=key))
    IngredientAlias.objects.bulk_create(new, batch_size=BATCH)
    return len(new)


@transaction.atomic
def ingredient_save(*, ingredient: Ingredient) -> int:
    """Create or update an ingredient (a staff edit). When its facts change (a flag, its
    ratings, its active class or its name), every product that lists it gets its stored
    facts recomputed, so the safety rules never read stale columns. Returns how many
    products were refreshed."""
    before = None
    if not ingredient._state.adding:
        before = Ingredient.objects.filter(pk=ingredient.pk).first()
    ingredient.full_clean()
    ingredient.save()
    if before is None or ingredient_facts(before) == ingredient_facts(ingredient):
        return 0
    return ingredient_products_refresh(ingredient=ingredient)


def ingredient_products_refresh(*, ingredient: Ingredient) -> int:
    """Recompute the stored facts of every product that lists ``ingredient``."""
    product_ids = list(
        ProductIngredient.objects.filter(ingredient=ingredient)
        .values_list("product_id", flat=True)
        .distinct()
    )
    for start in range(0, len(product_ids), BATCH):
        _products_facts_refresh(product_ids=product_ids[start : start + BATCH])
    return len(product_ids)


@transaction.atomic
def ingredient_alias_add(*, ingredient: Ingredient, name: str) -> IngredientAlias:
    alias = IngredientAlias(ingredient=ingredient, name=name.strip(), key=inci.compact_key(name))
    alias.full_clean()
    alias.save()
    return alias


# --- products -------------------------------------------------------------------------


@dataclass
class ProductImportReport:
    format: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    skipped: list[RowError] = field(default_factory=list)
    unknown_names: dict[str, int] = field(default_factory=dict)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class _Prepared:
    record: ProductRecord
    lines: list[inci.Resolved]
    facts: ProductFacts


def price_band(price: Decimal | None, currency: str) -> str:
    if price is None:
        return ""
    low, mid = PRICE_BANDS.get(currency, PRICE_BANDS[Currency.GBP])
    if price < low:
        return PriceBand.LOW
    return PriceBand.MID if price < mid else PriceBand.HIGH


def _listed(record: ProductRecord) -> list[inci.ListedName]:
    if record.ingredient_names is not None:
        return [
            inci.ListedName(position=index, name=name[:200])
            for index, name in enumerate(record.ingredient_names, start=1)
        ]
    return inci.split_inci(record.ingredients_text)


def _to_listed_ingredients(
    lines: Sequence[inci.Resolved], index: IngredientIndex
) -> list[ListedIngredient]:
    return [
        ListedIngredient(
            position=line.listed.position,
            listed_name=line.listed.name,
            facts=index.get(line.key).facts if line.key else None,
            concentration_percent=line.listed.concentration_percent,
        )
        for line in lines
    ]


def _prepare(record: ProductRecord, index: IngredientIndex) -> _Prepared:
    report = inci.resolve(_listed(record), index.lookup)
    if not report.names:
        raise ValueError("no ingredient list")
    if report.known_share < MIN_KNOWN_SHARE:
        known, total = len(report.known), len(report.names)
        raise ValueError(
            f"the ingredient list is not recognised ({known} of {total} names are "
            "ingredients we know)"
        )
    facts = product_facts(
        name=record.name,
        category=record.category,
        ingredients=_to_listed_ingredients(report.names, index),
    )
    return _Prepared(record=record, lines=report.names, facts=facts)


def _apply(product: Product, prepared: _Prepared, brand: Brand) -> None:
    record, facts = prepared.record, prepared.facts
    product.brand = brand
    product.name = record.name
    product.search_name = search_name(brand.name, product.name)
    product.category = record.category
    for kind in ("dry", "oily", "combination", "normal", "sensitive"):
        setattr(product, f"suits_{kind}", kind in record.skin_types)
    product.price = record.price
    product.currency = record.currency
    product.price_band = price_band(record.price, record.currency)
    product.size = record.size
    product.rating = record.rating
    product.url = record.url[:500]
    product.image_url = record.image_url[:500]
    product.ingredients_text = record.ingredients_text
    product.unknown_ingredients = [line.listed.name for line in prepared.lines if not line.key][
        :200
    ]
    if record.vegan is not None:
        product.vegan = record.vegan
    _store_facts(product, facts)
    usage = default_usage(category=product.category, actives=facts.actives)
    # Instructions are filled when empty; staff edits survive a re-import.
    for field_name, value in (
        ("usage_amount", usage.amount),
        ("usage_time", usage.time),
        ("usage_frequency", usage.frequency),
        ("usage_introduction", usage.introduction),
        ("usage_warnings", usage.warnings),
    ):
        if not getattr(product, field_name):
            setattr(product, field_name, value)


def _store_facts(product: Product, facts: ProductFacts) -> None:
    product.actives_mask = actives_to_mask(facts.actives)
    product.fragrance_free = facts.fragrance_free
    product.drying_alcohol_free = facts.drying_alcohol_free
    product.max_comedogenic = facts.max_comedogenic
    product.pregnancy_safe = facts.pregnancy_safe
    product.salicylic_acid_percent = facts.salicylic_acid_percent
    product.spf = facts.spf
    product.missing_actives_mask = actives_to_mask(facts.missing)
    product.active_ingredients = facts.active_names
    product.facts_version = FACTS_VERSION
    if facts.vegan is False:
        product.vegan = False


_PRODUCT_FIELDS = [
    "brand",
    "name",
    "category",
    "suits_dry",
    "suits_oily",
    "suits_combination",
    "suits_normal",
    "suits_sensitive",
    "price",
    "currency",
    "price_band",
    "size",
    "rating",
    "url",
    "image_url",
    "ingredients_text",
    "unknown_ingredients",
    "search_name",
    "vegan",
    "actives_mask",
    "fragrance_free",
    "drying_alcohol_free",
    "max_comedogenic",
    "pregnancy_safe",
    "salicylic_acid_percent",
    "spf",
    "missing_actives_mask",
    "active_ingredients",
    "facts_version",
    "usage_amount",
    "usage_time",
    "usage_frequency",
    "usage_introduction",
    "usage_warnings",
    "updated_at",
]


def search_name(brand: str, name: str) -> str:
    return f"{brand} {name}"[:400]


@transaction.atomic
def brand_products_reindex(*, brand: Brand) -> int:
    """After a brand is renamed: its products are found by the new name."""
    catalog_changed()  # derived candidate lists are computed again after commit
    products = list(brand.products.only("id", "name"))
    for product in products:
        product.search_name = search_name(brand.name, product.name)
    Product.objects.bulk_update(products, ["search_name"], batch_size=BATCH)
    return len(products)


def brand_key(name: str) -> str:
    """Brands compare as MySQL's accent- and case-insensitive collation does: "Avène" is
    "Avene" is "AVENE"."""
    folded = unicodedata.normalize("NFKD", name.strip())
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).casefold()


def _brands_ensure(names: set[str]) -> dict[str, Brand]:
    """Brands by brand_key, creating the missing ones (the first spelling seen wins). The
    readers refuse names too long to store, so the name stored is the name looked up."""
    by_key = {brand_key(brand.name): brand for brand in Brand.objects.all()}
    created: dict[str, Brand] = {}
    for name in sorted(names):
        key = brand_key(name)
        if key not in by_key and key not in created:
            created[key] = Brand(name=name.strip())
    Brand.objects.bulk_create(list(created.values()), batch_size=BATCH)
    by_key.update(created)
    return by_key


def _lines_for(
    product: Product, lines: Sequence[inci.Resolved], index: IngredientIndex
) -> list[ProductIngredient]:
    return [
        ProductIngredient(
            product=product,
            position=line.listed.position,
            listed_name=line.listed.name[:200],
            ingredient_id=index.get(line.key).id if line.key else None,
            concentration_percent=line.listed.concentration_percent,
            may_contain=line.listed.may_contain,
        )
        for line in lines
    ]


def products_import(*, path: Path, index: IngredientIndex | None = None) -> ProductImportReport:
    """Import a product file (see ``readers``). Idempotent: a product is matched by its
    source and id, updated in place, and its ingredient list replaced; nothing doubles."""
    read = read_products(path)
    report = ProductImportReport(format=read.format, errors=list(read.errors), skipped=read.skipped)
    if not read.records:
        return report
    index = index or ingredient_index_all()
    prepared: list[_Prepared] = []
    first_line: dict[tuple[str, str], int] = {}
    for record in read.records:
        identity = (record.source, record.external_id)
        if identity in first_line:
            report.errors.append(
                RowError(record.line, f"the same product as line {first_line[identity]}")
            )
            continue
        first_line[identity] = record.line
        try:
            item = _prepare(record, index)
        except ValueError as exc:
            report.errors.append(RowError(record.line, str(exc)))
            continue
        prepared.append(item)
        for line in item.lines:
            if line.key is None:
                report.unknown_names[line.listed.name] = (
                    report.unknown_names.get(line.listed.name, 0) + 1
                )
    _save_products(prepared, index, report)
    report.errors.sort(key=lambda error: error.line)
    return report


@transaction.atomic
def _save_products(
    prepared: list[_Prepared], index: IngredientIndex, report: ProductImportReport
) -> None:
    catalog_changed()  # derived candidate lists are computed again after commit
    brands = _brands_ensure({item.record.brand for item in prepared})
    sources = {item.record.source for item in prepared}
    existing = {
        (product.source, product.external_id): product
        for product in Product.objects.filter(source__in=sources)
    }
    new: list[Product] = []
    changed: list[Product] = []
    lines: list[ProductIngredient] = []
    now = timezone.now()
    for item in prepared:
        identity = (item.record.source, item.record.external_id)
        product = existing.get(identity)
        is_new = product is None
        if product is None:
            product = Product(source=item.record.source, external_id=item.record.external_id)
        before = _snapshot(product) if not is_new else None
        _apply(product, item, brands[brand_key(item.record.brand)])
        if is_new:
            new.append(product)
        elif _snapshot(product) != before:
            product.updated_at = now
            changed.append(product)
        else:
            report.unchanged += 1
            continue
        lines.extend(_lines_for(product, item.lines, index))
    Product.objects.bulk_create(new, batch_size=BATCH)
    Product.objects.bulk_update(changed, _PRODUCT_FIELDS, batch_size=BATCH)
    ProductIngredient.objects.filter(product__in=[product.pk for product in changed]).delete()
    ProductIngredient.objects.bulk_create(lines, batch_size=BATCH * 5)
    report.created, report.updated = len(new), len(changed)


def _snapshot(product: Product) -> tuple[Any, ...]:
    return tuple(
        getattr(product, "brand_id" if name == "brand" else name)
        for name in _PRODUCT_FIELDS
        if name != "updated_at"
    )


def _listed_from_lines(lines: Sequence[ProductIngredient]) -> list[ListedIngredient]:
    return [
        ListedIngredient(
            position=line.position,
            listed_name=line.listed_name,
            facts=ingredient_facts(line.ingredient) if line.ingredient else None,
            concentration_percent=line.concentration_percent,
        )
        for line in lines
    ]


_FACT_COLUMNS = [
    "actives_mask",
    "fragrance_free",
    "drying_alcohol_free",
    "max_comedogenic",
    "pregnancy_safe",
    "salicylic_acid_percent",
    "spf",
    "vegan",
    "missing_actives_mask",
    "active_ingredients",
    "facts_version",
]


@transaction.atomic
def _products_facts_refresh(*, product_ids: Sequence[Any]) -> None:
    """The facts of many products at once: one read of their lines, one bulk update of
    those whose facts changed."""
    catalog_changed()  # derived candidate lists are computed again after commit
    lines: dict[Any, list[ProductIngredient]] = {}
    for line in (
        ProductIngredient.objects.filter(product_id__in=product_ids)
        .select_related("ingredient")
        .order_by("product_id", "position")
    ):
        lines.setdefault(line.product_id, []).append(line)
    changed = []
    now = timezone.now()
    for product in Product.objects.filter(pk__in=product_ids).only(
        "id", "name", "category", *_FACT_COLUMNS
    ):
        before = [getattr(product, column) for column in _FACT_COLUMNS]
        listed = _listed_from_lines(lines.get(product.pk, []))
        _store_facts(
            product,
            product_facts(name=product.name, category=product.category, ingredients=listed),
        )
        if [getattr(product, column) for column in _FACT_COLUMNS] != before:
            product.updated_at = now
            changed.append(product)
    Product.objects.bulk_update(changed, [*_FACT_COLUMNS, "updated_at"], batch_size=BATCH)


@transaction.atomic
def product_facts_refresh(*, product: Product) -> Product:
    """Recompute a product's stored facts from its ingredient lines (after an edit)."""
    lines = list(product.ingredient_lines.select_related("ingredient").order_by("position"))
    facts = product_facts(
        name=product.name, category=product.category, ingredients=_listed_from_lines(lines)
    )
    _store_facts(product, facts)
    product.price_band = price_band(product.price, product.currency)
    product.unknown_ingredients = [line.listed_name for line in lines if line.ingredient is None]
    product.search_name = search_name(product.brand.name, product.name)
    product.full_clean()
    product.save()
    return product


@transaction.atomic
def product_lines_relink(*, products: Sequence[Product]) -> int:
    """Match again the names that matched no ingredient (after staff add an alias)."""
    catalog_changed()  # derived candidate lists are computed again after commit
    index = ingredient_index_all()
    relinked = 0
    for product in products:
        for line in product.ingredient_lines.filter(ingredient__isnull=True):
            resolved = inci.resolve(
                [inci.ListedName(line.position, line.listed_name)], index.lookup
            )
            key = resolved.names[0].key
            if key:
                line.ingredient_id = index.get(key).id
                line.save(update_fields=["ingredient"])
                relinked += 1
        product_facts_refresh(product=product)
    return relinked


# --- keeping facts current after the rules change ----------------------------------------


@dataclass
class FactsRefreshReport:
    ingredients_classed: int = 0
    aliases_created: int = 0
    lines_relinked: int = 0
    products_refreshed: int = 0


def _ingredients_classify() -> int:
    """Give the active class of MetSkin's tables to ingredients that have none yet (the UV
    filters added in facts version 2); a class staff set is kept."""
    classed = 0
    for active in set(ACTIVE_CLASS_OF.values()):
        names = [name for name, of in ACTIVE_CLASS_OF.items() if of == active]
        classed += Ingredient.objects.filter(inci_name__in=names, active_class="").update(
            active_class=active
        )
    return classed


def _lines_relink() -> tuple[int, set[Any]]:
    """Match again the lines that matched no ingredient (new aliases); the products whose
    lines changed."""
    index = ingredient_index_all()
    relinked: list[ProductIngredient] = []
    for line in ProductIngredient.objects.filter(ingredient__isnull=True).only(
        "id", "product_id", "position", "listed_name"
    ):
        resolved = inci.resolve([inci.ListedName(line.position, line.listed_name)], index.lookup)
        key = resolved.names[0].key
        if key:
            line.ingredient_id = index.get(key).id
            relinked.append(line)
    ProductIngredient.objects.bulk_update(relinked, ["ingredient"], batch_size=BATCH)
    return len(relinked), {line.product_id for line in relinked}


def catalog_facts_refresh() -> FactsRefreshReport:
    """Bring a catalogue imported under older rules up to FACTS_VERSION: ingredient classes,
    aliases, unmatched lines, then the stored facts of every stale product, in batches."""
    report = FactsRefreshReport(ingredients_classed=_ingredients_classify())
    report.aliases_created = _aliases_ensure()
    report.lines_relinked, relinked_products = _lines_relink()
    stale = set(
        Product.objects.filter(facts_version__lt=FACTS_VERSION).values_list("id", flat=True)
    )
    ids = sorted(stale | relinked_products)
    for start in range(0, len(ids), BATCH):
        _products_facts_refresh(product_ids=ids[start : start + BATCH])
    # Unchanged facts are not rewritten above; their version still moves on.
    Product.objects.filter(pk__in=ids, facts_version__lt=FACTS_VERSION).update(
        facts_version=FACTS_VERSION
    )
    report.products_refreshed = len(ids)
    catalog_changed()  # after the last batch: relinks above run outside a transaction
    return report
