"""Default usage instructions from a product's category and actives (pure).

The data sets carry no instructions, so the importer fills these in; staff refine them per
product in the admin. The wording follows the British Association of Dermatologists' and
the AAD's patient advice.
"""

from __future__ import annotations

from dataclasses import dataclass

from metskin.catalog.vocabulary import ActiveClass, Category


@dataclass(frozen=True)
class Usage:
    amount: str
    time: str  # am | pm | am_pm
    frequency: str
    introduction: str = ""
    warnings: str = ""


SPF_WARNING = "Wear sunscreen (SPF 30 or more) every morning while you use it."
PATCH_TEST = "Try it on a small patch of skin (behind the ear or on the jaw) for two days first."

_BY_CATEGORY: dict[str, Usage] = {
    Category.CLEANSER: Usage(
        "A small amount (about a hazelnut) on damp skin",
        "am_pm",
        "Morning and evening: massage for 30–60 seconds, rinse with lukewarm water",
    ),
    Category.TONER: Usage(
        "A few drops on clean hands or a cotton pad", "am_pm", "Once or twice a day"
    ),
    Category.SERUM: Usage("3–4 drops for the whole face", "am_pm", "Once a day, after cleansing"),
    Category.MOISTURISER: Usage(
        "A pea-to-almond-sized amount for face and neck", "am_pm", "Morning and evening"
    ),
    Category.SUNSCREEN: Usage(
        "Two finger-lengths for face and neck (about a quarter of a teaspoon)",
        "am",
        "Every morning as the last step; reapply every 2 hours outdoors and after swimming",
        warnings="Sunscreen works only in the amount you apply: do not skimp.",
    ),
    Category.EXFOLIANT: Usage(
        "A thin layer on clean, dry skin", "pm", "2–3 evenings a week", warnings=SPF_WARNING
    ),
    Category.TREATMENT: Usage("A thin layer on the areas that need it", "pm", "Once a day"),
    Category.EYE_CARE: Usage(
        "A rice-grain amount per eye, patted on the bone around the eye",
        "am_pm",
        "Morning and evening",
    ),
    Category.MASK: Usage("An even layer, avoiding the eyes", "pm", "Once or twice a week"),
}

_BY_ACTIVE: dict[str, Usage] = {
    ActiveClass.RETINOID: Usage(
        "A pea-sized amount for the whole face, on dry skin",
        "pm",
        "In the evening only; build up to every night",
        "Weeks 1–2: two evenings a week. Weeks 3–4: every other evening. Then every "
        "evening if your skin stays comfortable. Some dryness or peeling at first is common.",
        f"{SPF_WARNING} Not for pregnancy or breastfeeding. Do not use on the same night "
        "as AHA/BHA exfoliants or benzoyl peroxide.",
    ),
    ActiveClass.AHA: Usage(
        "A thin layer on clean, dry skin",
        "pm",
        "2–3 evenings a week",
        "Start with one evening a week for two weeks, then two to three.",
        f"{SPF_WARNING} Not on the same night as a retinoid.",
    ),
    ActiveClass.BHA: Usage(
        "A thin layer on clean, dry skin, or the oily areas",
        "am_pm",
        "Once a day",
        "Start every other day for two weeks, then daily if your skin is comfortable.",
        f"{SPF_WARNING} Not on the same night as a retinoid.",
    ),
    ActiveClass.BENZOYL_PEROXIDE: Usage(
        "A thin layer on the areas with spots",
        "am",
        "Once a day",
        "Start every other day; 2.5% works as well as stronger gels and irritates less.",
        "It bleaches towels, pillowcases and clothes. Not on the same night as a retinoid.",
    ),
    ActiveClass.VITAMIN_C: Usage(
        "3–4 drops for face and neck", "am", "Every morning, before moisturiser and sunscreen"
    ),
    ActiveClass.NIACINAMIDE: Usage("3–4 drops for the whole face", "am_pm", "Once or twice a day"),
    ActiveClass.AZELAIC_ACID: Usage(
        "A thin layer on the whole face",
        "am_pm",
        "Once a day, building up to twice",
        "A mild tingling in the first weeks is common and fades.",
    ),
}

# The strongest active decides the instructions when a product has several.
_PRIORITY = (
    ActiveClass.RETINOID,
    ActiveClass.BENZOYL_PEROXIDE,
    ActiveClass.AHA,
    ActiveClass.BHA,
    ActiveClass.AZELAIC_ACID,
    ActiveClass.VITAMIN_C,
    ActiveClass.NIACINAMIDE,
)


# Products whose category, not their actives, decides how they are used.
_CATEGORY_LED = frozenset(
    {Category.CLEANSER, Category.SUNSCREEN, Category.MASK, Category.MOISTURISER, Category.EYE_CARE}
)


def _sentences(*texts: str) -> str:
    """Join warning texts, each sentence once."""
    seen: dict[str, None] = {}
    for text in texts:
        for sentence in text.split(". "):
            sentence = sentence.strip().rstrip(".")
            if sentence:
                seen.setdefault(sentence + ".", None)
    return " ".join(seen)


def default_usage(*, category: str, actives: frozenset[str] | set[str]) -> Usage:
    """Instructions for a product: its strongest active's, else its category's."""
    base = _BY_CATEGORY.get(category, _BY_CATEGORY[Category.TREATMENT])
    strongest = next((active for active in _PRIORITY if active in actives), None)
    if category in _CATEGORY_LED or strongest is None:
        # Washed off, worn all day or a cream: the category's routine; actives add warnings.
        extra = [_BY_ACTIVE[active].warnings for active in _PRIORITY if active in actives]
        return Usage(base.amount, base.time, base.frequency, "", _sentences(base.warnings, *extra))
    usage = _BY_ACTIVE[strongest]
    return Usage(
        usage.amount, usage.time, usage.frequency, usage.introduction, _sentences(usage.warnings)
    )
