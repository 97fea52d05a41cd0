"""Shapes of GET /api/v1/recommendations/ and POST /api/v1/ingredients/check/."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty

from metskin.catalog.serializers import IngredientLineOutput
from metskin.catalog.vocabulary import Category, learn_term_url
from metskin.recommendations.engine.facts import Candidate
from metskin.recommendations.engine.prices import RATES_AS_OF, PriceForYou, price_for


class PriceForYouOutput(serializers.Serializer[Any]):
    amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    currency = serializers.CharField()
    converted = serializers.BooleanField()
    rates_as_of = serializers.SerializerMethodField()

    def get_rates_as_of(self, price: PriceForYou) -> str | None:
        return RATES_AS_OF.isoformat() if price.converted else None


class RoutineProductOutput(serializers.Serializer[Candidate]):
    id = serializers.CharField()
    name = serializers.CharField()
    brand = serializers.CharField()
    category = serializers.ChoiceField(choices=Category.choices)
    price = serializers.DecimalField(max_digits=8, decimal_places=2, allow_null=True)
    currency = serializers.CharField()
    size = serializers.CharField()
    rating = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    actives = serializers.SerializerMethodField()
    spf = serializers.IntegerField(allow_null=True)
    url = serializers.SerializerMethodField()
    price_for_you = serializers.SerializerMethodField()

    @extend_schema_field(PriceForYouOutput(allow_null=True))
    def get_price_for_you(self, product: Candidate) -> dict[str, Any] | None:
        """The price in the person's currency (``context["currency"]``), converted at the
        dated rates when the product is sold in another one."""
        currency = self.context.get("currency", product.currency)
        price = price_for(product.price, product.currency, currency)
        return dict(PriceForYouOutput(price).data) if price is not None else None

    def get_actives(self, product: Candidate) -> list[str]:
        return sorted(product.actives)

    def get_url(self, product: Candidate) -> str:
        return f"/products/{product.id}"


class HowToUseOutput(serializers.Serializer[Any]):
    amount = serializers.CharField()
    when = serializers.CharField()
    frequency = serializers.CharField()
    introduction = serializers.ListField(child=serializers.CharField())
    warnings = serializers.ListField(child=serializers.CharField())


class StepOutput(serializers.Serializer[Any]):
    step = serializers.ChoiceField(
        choices=("cleanse", "treat", "eye_care", "moisturise", "protect")
    )
    product = RoutineProductOutput()
    why = serializers.CharField()
    how_to_use = HowToUseOutput()
    alternatives = RoutineProductOutput(many=True)
    cheaper_alternative_id = serializers.CharField(allow_null=True)


class ConcernOutput(serializers.Serializer[Any]):
    name = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    severity = serializers.IntegerField(allow_null=True)
    confidence = serializers.FloatField(allow_null=True)
    source = serializers.ChoiceField(choices=("analysis", "profile", "both"))  # type: ignore[assignment]
    why = serializers.CharField()
    learn_url = serializers.CharField()


class TipOutput(serializers.Serializer[Any]):
    concern = serializers.CharField()
    title = serializers.CharField()
    text = serializers.CharField()


class ExcludedOutput(serializers.Serializer[Any]):
    item = serializers.CharField()
    reason = serializers.CharField()
    rule = serializers.CharField()
    term = serializers.CharField(allow_null=True)
    learn_url = serializers.SerializerMethodField()

    def get_learn_url(self, exclusion: Any) -> str | None:
        return learn_term_url(exclusion.term) if exclusion.term else None


class ReferralOutput(serializers.Serializer[Any]):
    urgency = serializers.ChoiceField(choices=("routine", "soon", "promptly"))
    specialty = serializers.CharField()
    reason = serializers.CharField()


class RoutineOutput(serializers.Serializer[Any]):
    am = StepOutput(many=True)
    pm = StepOutput(many=True)


class RecommendationOutput(serializers.Serializer[Any]):
    concerns = ConcernOutput(many=True)
    tips = TipOutput(many=True)
    routine = RoutineOutput(source="*")
    excluded = ExcludedOutput(many=True)
    referral = ReferralOutput(allow_null=True)
    based_on_analysis = serializers.CharField(allow_null=True)
    currency = serializers.CharField(help_text="Prices below are compared in this currency")
    rates_as_of = serializers.SerializerMethodField()
    disclaimer = serializers.SerializerMethodField()

    def get_rates_as_of(self, recommendation: Any) -> str:
        return RATES_AS_OF.isoformat()

    def get_disclaimer(self, recommendation: Any) -> str:
        return DISCLAIMER


DISCLAIMER = (
    "This is not a diagnosis. MetSkin suggests skin care from what you told us and what your "
    "photos show; a dermatologist can examine your skin properly."
)


class AnyTextField(serializers.CharField):
    """Text pasted from anywhere: NUL characters (which DRF refuses) become spaces."""

    def run_validation(self, data: Any = empty) -> Any:
        if isinstance(data, str):
            data = data.replace("\x00", " ")
        return super().run_validation(data)


class IngredientCheckInput(serializers.Serializer[Any]):
    inci = AnyTextField(
        max_length=20_000,
        trim_whitespace=True,
        help_text="An ingredient list as printed, names separated by commas.",
        error_messages={
            "blank": "Paste an ingredient list first.",
            "max_length": "That is longer than any ingredient list: paste at most 20,000 "
            "characters.",
        },
    )


class ConflictOutput(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=("profile", "allergy", "same_night", "duplicate"))
    message = serializers.CharField()
    term = serializers.CharField(allow_null=True)


class IngredientCheckSummaryOutput(serializers.Serializer[Any]):
    count = serializers.IntegerField()
    known = serializers.IntegerField()
    actives = serializers.ListField(child=serializers.CharField())
    fragrance_free = serializers.BooleanField()
    drying_alcohol_free = serializers.BooleanField()
    pregnancy_safe = serializers.BooleanField()
    max_comedogenic = serializers.IntegerField(allow_null=True)


class IngredientCheckOutput(serializers.Serializer[Any]):
    ingredients = IngredientLineOutput(many=True)
    unknown = serializers.ListField(child=serializers.CharField())
    summary = IngredientCheckSummaryOutput()
    conflicts = ConflictOutput(many=True)
    checked_against_routine = serializers.BooleanField()


class StepChangeOutput(serializers.Serializer[Any]):
    time = serializers.ChoiceField(choices=("am", "pm"))
    step = serializers.ChoiceField(
        choices=("cleanse", "treat", "eye_care", "moisturise", "protect")
    )
    change = serializers.ChoiceField(choices=("added", "removed", "replaced"))
    before = serializers.CharField(allow_null=True, help_text="The product before (brand, name)")
    after = serializers.CharField(allow_null=True, help_text="The product now (brand, name)")


class RoutineChangesOutput(serializers.Serializer[Any]):
    based_on_analysis = serializers.CharField(allow_null=True)
    previous_analysis = serializers.CharField(
        allow_null=True,
        help_text="The analysis the earlier routine followed; null when there was none",
    )
    steps = StepChangeOutput(many=True, source="changes.steps")
    concerns_added = serializers.ListField(
        child=serializers.CharField(), source="changes.concerns_added"
    )
    concerns_dropped = serializers.ListField(
        child=serializers.CharField(), source="changes.concerns_dropped"
    )
