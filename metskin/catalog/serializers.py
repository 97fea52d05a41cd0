"""Output and input shapes of the catalogue API (also used by recommendations)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from metskin.catalog.facts import IngredientFacts, ingredient_flags
from metskin.catalog.models import Currency, Product, ProductIngredient
from metskin.catalog.selectors import PRICE_SORTS, SORTS, ingredient_facts
from metskin.catalog.vocabulary import CONCERNS, ActiveClass, Category, Flag, learn_term_url

SKIN_TYPES = ("dry", "oily", "combination", "normal", "sensitive")
FLAG_LABELS = dict(Flag.choices)


@dataclass(frozen=True)
class IngredientLine:
    """One line of a list, as shown: the product page and the checker share it."""

    position: int
    listed_name: str
    facts: IngredientFacts | None
    concentration_percent: Decimal | None = None
    may_contain: bool = False

    @classmethod
    def from_row(cls, line: ProductIngredient) -> IngredientLine:
        return cls(
            position=line.position,
            listed_name=line.listed_name,
            facts=ingredient_facts(line.ingredient) if line.ingredient else None,
            concentration_percent=line.concentration_percent,
            may_contain=line.may_contain,
        )


class FlagOutput(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    learn_url = serializers.CharField()


def flag_output(key: str, label: str) -> dict[str, str]:
    return {"key": key, "label": label, "learn_url": learn_term_url(key)}


class IngredientLineOutput(serializers.Serializer[IngredientLine]):
    position = serializers.IntegerField()
    listed_name = serializers.CharField()
    inci_name = serializers.SerializerMethodField()
    known = serializers.SerializerMethodField()
    flags = serializers.SerializerMethodField()
    active_class = serializers.SerializerMethodField()
    comedogenic = serializers.SerializerMethodField()
    irritancy = serializers.SerializerMethodField()
    concentration_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True
    )
    may_contain = serializers.BooleanField()

    def get_inci_name(self, line: IngredientLine) -> str | None:
        return line.facts.inci_name if line.facts else None

    def get_known(self, line: IngredientLine) -> bool:
        return line.facts is not None

    @extend_schema_field(FlagOutput(many=True))
    def get_flags(self, line: IngredientLine) -> list[dict[str, str]]:
        if line.facts is None:
            return []
        flags = [flag_output(key, FLAG_LABELS[key]) for key in ingredient_flags(line.facts)]
        if line.facts.active_class:
            active = line.facts.active_class
            flags.append(flag_output(active, ActiveClass(active).label))
        return flags

    def get_active_class(self, line: IngredientLine) -> str | None:
        return line.facts.active_class or None if line.facts else None

    def get_comedogenic(self, line: IngredientLine) -> int | None:
        return line.facts.comedogenic if line.facts else None

    def get_irritancy(self, line: IngredientLine) -> int | None:
        return line.facts.irritancy if line.facts else None


class UsageOutput(serializers.Serializer[Product]):
    amount = serializers.CharField(source="usage_amount")
    time = serializers.CharField(source="usage_time")
    frequency = serializers.CharField(source="usage_frequency")
    introduction = serializers.CharField(source="usage_introduction")
    warnings = serializers.CharField(source="usage_warnings")


class ProductOutput(serializers.Serializer[Product]):
    id = serializers.UUIDField()
    name = serializers.CharField()
    brand = serializers.CharField(source="brand.name")
    category = serializers.ChoiceField(choices=Category.choices)
    category_label = serializers.CharField(source="get_category_display")
    price = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    price_band = serializers.CharField()
    size = serializers.CharField()
    rating = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    image_url = serializers.CharField()
    url = serializers.CharField()
    skin_types = serializers.ListField(child=serializers.CharField())
    actives = serializers.ListField(child=serializers.CharField())
    fragrance_free = serializers.BooleanField()
    pregnancy_safe = serializers.BooleanField()
    vegan = serializers.BooleanField(allow_null=True)
    spf = serializers.IntegerField(allow_null=True)
    # The list we hold lacks an active the product is sold as having (a sunscreen with no
    # UV filter): shown on its page, and never chosen for a routine.
    ingredients_incomplete = serializers.BooleanField()
    missing_actives = serializers.ListField(child=serializers.CharField())


class ProductPageOutput(serializers.Serializer[Any]):
    # Exact unless count_capped: then "at least count" (core.pagination.CappedCountPagination).
    count = serializers.IntegerField()
    count_capped = serializers.BooleanField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    results = ProductOutput(many=True)


class ProductDetailOutput(ProductOutput):
    drying_alcohol_free = serializers.BooleanField()
    max_comedogenic = serializers.IntegerField(allow_null=True)
    ingredients_text = serializers.CharField()
    usage = UsageOutput(source="*")
    ingredients = serializers.SerializerMethodField()
    unknown_ingredients = serializers.ListField(child=serializers.CharField())
    source = serializers.CharField()  # type: ignore[assignment]

    @extend_schema_field(IngredientLineOutput(many=True))
    def get_ingredients(self, product: Product) -> list[dict[str, Any]]:
        lines = [IngredientLine.from_row(line) for line in product.ingredient_lines.all()]
        return list(IngredientLineOutput(lines, many=True).data)  # type: ignore[arg-type]


class ProductSearchInput(serializers.Serializer[Any]):
    q = serializers.CharField(required=False, allow_blank=True, max_length=100)
    category = serializers.ChoiceField(choices=Category.choices, required=False, allow_blank=True)
    skin_type = serializers.ChoiceField(choices=SKIN_TYPES, required=False, allow_blank=True)
    concern = serializers.ChoiceField(choices=CONCERNS, required=False, allow_blank=True)
    brand = serializers.CharField(required=False, allow_blank=True, max_length=120)
    price_min = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=Decimal(0), required=False
    )
    price_max = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=Decimal(0), required=False
    )
    currency = serializers.ChoiceField(
        choices=Currency.choices,
        required=False,
        allow_blank=True,
        help_text="Products sold in this currency. Required with price_min, price_max or a "
        "price order: prices are compared only in one currency.",
    )
    fragrance_free = serializers.BooleanField(required=False, default=False)
    pregnancy_safe = serializers.BooleanField(required=False, default=False)
    sort = serializers.ChoiceField(choices=tuple(SORTS), required=False, default="rating")

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        low, high = attrs.get("price_min"), attrs.get("price_max")
        if low is not None and high is not None and low > high:
            raise serializers.ValidationError(
                {"price_max": ["The highest price must be at least the lowest."]}
            )
        # The catalogue sells in pounds, dollars and euros: £22 and $25 are never put on one
        # scale (issue 18 §5, "like with like"). A search that compares no prices shows every
        # market, each product in its own currency.
        compares_prices = low is not None or high is not None or attrs.get("sort") in PRICE_SORTS
        if compares_prices and not attrs.get("currency"):
            raise serializers.ValidationError(
                {"currency": ["Choose a currency: prices are compared only in one currency."]}
            )
        return attrs
