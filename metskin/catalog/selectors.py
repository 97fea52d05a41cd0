"""Catalog reads: the ingredient index, product search and product pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet, Window

from metskin.catalog.facts import IngredientFacts
from metskin.catalog.models import Ingredient, IngredientAlias, Product, ProductIngredient
from metskin.catalog.search import product_search
from metskin.catalog.vocabulary import (
    ACTIVES_FOR_CONCERN,
    CATEGORIES_FOR_CONCERN,
    actives_to_mask,
    mask_to_actives,
)
from metskin.core.exceptions import ApplicationError

_FACT_FIELDS = (
    "id",
    "key",
    "inci_name",
    "fragrance",
    "eu_allergen",
    "drying_alcohol",
    "pregnancy_caution",
    "animal_derived",
    "comedogenic",
    "irritancy",
    "active_class",
)


@dataclass(frozen=True)
class IndexedIngredient:
    id: Any
    key: str
    facts: IngredientFacts


class IngredientIndex:
    """Resolves compact keys (INCI names and aliases) to ingredients and their facts."""

    def __init__(self, ingredients: Iterable[dict[str, Any]], aliases: Iterable[tuple[str, str]]):
        self.by_key: dict[str, IndexedIngredient] = {}
        for row in ingredients:
            self.by_key[row["key"]] = IndexedIngredient(
                id=row["id"], key=row["key"], facts=ingredient_facts_from_row(row)
            )
        self.alias_to_key: dict[str, str] = {
            alias: key for alias, key in aliases if key in self.by_key
        }

    def lookup(self, key: str) -> str | None:
        if key in self.by_key:
            return key
        return self.alias_to_key.get(key)

    def get(self, key: str) -> IndexedIngredient:
        return self.by_key[key]


def ingredient_facts_from_row(row: dict[str, Any]) -> IngredientFacts:
    return IngredientFacts(
        inci_name=row["inci_name"],
        fragrance=row["fragrance"],
        eu_allergen=row["eu_allergen"],
        drying_alcohol=row["drying_alcohol"],
        pregnancy_caution=row["pregnancy_caution"],
        animal_derived=row["animal_derived"],
        comedogenic=row["comedogenic"],
        irritancy=row["irritancy"],
        active_class=row["active_class"],
    )


def ingredient_facts(ingredient: Ingredient) -> IngredientFacts:
    return ingredient_facts_from_row({field: getattr(ingredient, field) for field in _FACT_FIELDS})


def ingredient_index_all() -> IngredientIndex:
    """Every ingredient and alias (for importers: one pass, then no more queries)."""
    return IngredientIndex(
        Ingredient.objects.values(*_FACT_FIELDS).iterator(chunk_size=5000),
        IngredientAlias.objects.values_list("key", "ingredient__key").iterator(chunk_size=5000),
    )


def ingredient_index_for(keys: Iterable[str]) -> IngredientIndex:
    """Only the ingredients and aliases among ``keys`` (two queries; for the checker)."""
    keys = list(set(keys))
    if not keys:
        return IngredientIndex([], [])
    aliases = list(
        IngredientAlias.objects.filter(key__in=keys).values_list("key", "ingredient__key")
    )
    wanted = set(keys) | {target for _, target in aliases}
    return IngredientIndex(Ingredient.objects.filter(key__in=wanted).values(*_FACT_FIELDS), aliases)


# --- products -------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductFilters:
    q: str = ""
    category: str = ""
    skin_type: str = ""
    concern: str = ""
    brand: str = ""
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    currency: str = ""
    fragrance_free: bool = False
    pregnancy_safe: bool = False


# Each order ends with the id, so pages never overlap or skip (ratings often tie).
SORTS = {
    "rating": ("-rating", "-id"),
    "price": ("price", "id"),
    "-price": ("-price", "-id"),
    "name": ("name", "id"),
}
# Orders that compare prices: only within one currency (ProductSearchInput).
PRICE_SORTS = ("price", "-price")


# Shown on a product's page, never in a list of results (ProductOutput).
_LONG_TEXTS = (
    "ingredients_text",
    "usage_introduction",
    "usage_warnings",
    "usage_amount",
    "usage_frequency",
    "unknown_ingredients",
    "active_ingredients",
)


def _with_any_actives(queryset: QuerySet[Product], actives: Iterable[str]) -> QuerySet[Product]:
    mask = actives_to_mask(set(actives))
    return queryset.alias(active_hits=F("actives_mask").bitand(mask)).filter(active_hits__gt=0)


def product_list(*, filters: ProductFilters, sort: str = "rating") -> QuerySet[Product]:
    """Active products matching the filters, in the asked order (brand joined), without
    the long texts a search result never shows (a text search sorts whole rows)."""
    queryset = Product.objects.filter(is_active=True).select_related("brand").defer(*_LONG_TEXTS)
    if filters.q:
        # A text search reads and sorts every match anyway (no index serves the words and
        # the order together), so the same query counts them: no second COUNT query
        # (core.pagination.CappedCountPagination reads ``match_total``).
        queryset = product_search(queryset, filters.q).annotate(match_total=Window(Count("pk")))
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.skin_type:
        queryset = queryset.filter(**{f"suits_{filters.skin_type}": True})
    if filters.brand:
        queryset = queryset.filter(brand__name__iexact=filters.brand)
    if filters.concern:
        actives = ACTIVES_FOR_CONCERN.get(filters.concern, ())
        categories = CATEGORIES_FOR_CONCERN.get(filters.concern, ())
        if actives and categories:
            by_active = _with_any_actives(queryset, actives).values("pk")
            queryset = queryset.filter(Q(pk__in=by_active) | Q(category__in=categories))
        elif actives:
            queryset = _with_any_actives(queryset, actives)
        elif categories:
            queryset = queryset.filter(category__in=categories)
        else:
            queryset = queryset.none()
    if filters.currency:
        queryset = queryset.filter(currency=filters.currency)
    if filters.price_min is not None:
        queryset = queryset.filter(price__gte=filters.price_min)
    if filters.price_max is not None:
        queryset = queryset.filter(price__lte=filters.price_max)
    if filters.fragrance_free:
        queryset = queryset.filter(fragrance_free=True)
    if filters.pregnancy_safe:
        queryset = queryset.filter(pregnancy_safe=True)
    return queryset.order_by(*SORTS.get(sort, SORTS["rating"]))


def product_get(*, product_id: Any) -> Product:
    """An active product with its ingredient list (one 404 for missing and hidden)."""
    lines = ProductIngredient.objects.select_related("ingredient").order_by("position")
    product = (
        Product.objects.filter(pk=product_id, is_active=True)
        .select_related("brand")
        .prefetch_related(Prefetch("ingredient_lines", queryset=lines))
        .first()
    )
    if product is None:
        raise ApplicationError(
            "This product is not in our catalogue.", code="not_found", status_code=404
        )
    return product


def incomplete_counts() -> dict[str, dict[str, int]]:
    """How many active products of each category lack each active they are sold as having
    (their ingredient list is incomplete), e.g. {"sunscreen": {"spf": 120}}."""
    counts: dict[str, dict[str, int]] = {}
    rows = Product.objects.filter(is_active=True, missing_actives_mask__gt=0).values_list(
        "category", "missing_actives_mask"
    )
    for category, mask in rows:
        for active in mask_to_actives(mask):
            by_active = counts.setdefault(category, {})
            by_active[active] = by_active.get(active, 0) + 1
    return counts
