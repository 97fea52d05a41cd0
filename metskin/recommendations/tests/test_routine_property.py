"""Every routine passes its own checker, on the real catalogue (issue 18, points 3 and 4).

Many generated people (every skin type × sensitivity × pregnancy, allergies, concern mixes,
with and without an analysis) get a routine from the real selectors and engine; each chosen
product then goes through the ingredient checker with its full list against the rest of
the routine: zero clashes, zero pregnancy or allergy violations, a real sunscreen every
morning, and every "Why" true of the product's list and the person's concerns. Every
alternative offered, taken instead of its step's product, passes the same safety checks.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

import pytest

from metskin.catalog.readers import read_products
from metskin.catalog.seed import CHART_CSV, PRODUCT_FILES
from metskin.catalog.services import ingredients_import, products_import
from metskin.catalog.tests.factories import cosing_subset
from metskin.recommendations.engine.audit import ListedLine, routine_problems, why_problems
from metskin.recommendations.engine.facts import Candidate, Recommendation
from metskin.recommendations.engine.recommend import with_acne_from_analysis
from metskin.recommendations.selectors import (
    allergies_resolve,
    product_lists,
    recommendation_audit,
)
from metskin.recommendations.tests.people import people

pytestmark = pytest.mark.django_db

PEOPLE = 240


@pytest.fixture
def real_catalogue(tmp_path):
    """Both real product lists, through the real importers (CosIng rows they name)."""
    texts = [
        record.ingredients_text for path in PRODUCT_FILES for record in read_products(path).records
    ]
    ingredients_import(
        cosing_path=cosing_subset(tmp_path / "cosing.csv", texts), chart_path=CHART_CSV
    )
    for path in PRODUCT_FILES:
        assert products_import(path=path).created > 500


def test_every_generated_routine_passes_its_own_checks(real_catalogue: None) -> None:
    problems: Counter[str] = Counter()
    examples: dict[str, str] = {}
    treated = 0
    for person in people(PEOPLE):
        profile = replace(person.profile, allergies=allergies_resolve(person.allergy_names))
        made, found = recommendation_audit(profile=profile, history=person.history)
        treated += any(step.step == "treat" for step in made.pm)
        for problem in found:
            problems[problem.kind] += 1
            examples.setdefault(problem.kind, f"{problem.product}: {problem.message}")
        # An alternative taken instead of its step's product passes the same checks (its
        # "Why" is the step's, so only the safety checks apply).
        checked = with_acne_from_analysis(profile, person.history[0] if person.history else None)
        steps = [*made.am, *made.pm]
        lists = product_lists(
            product_ids={p.id for step in steps for p in (step.product, *step.alternatives)}
        )
        for step in steps:
            for alternative in step.alternatives:
                swapped = with_instead(made, step.product, alternative)
                for problem in routine_problems(
                    profile=checked, recommendation=swapped, lists=lists
                ):
                    if problem.kind != "why":
                        kind = f"alternative {problem.kind}"
                        problems[kind] += 1
                        examples.setdefault(kind, f"{alternative.name}: {problem.message}")

    assert dict(problems) == {}, examples
    # Not vacuous: most people get an evening treatment to check.
    assert treated > PEOPLE // 2


def with_instead(made: Recommendation, chosen: Candidate, other: Candidate) -> Recommendation:
    """The routine with ``other`` wherever ``chosen`` was (morning and evening)."""

    def swap(step):
        return replace(step, product=other) if step.product.id == chosen.id else step

    return replace(made, am=tuple(map(swap, made.am)), pm=tuple(map(swap, made.pm)))


@pytest.mark.parametrize(
    ("why", "wrong"),
    [
        ("It contains retinol (a retinoid), which helps with fine lines.", []),
        (
            "It contains niacinamide, which helps with fine lines.",
            [
                "names niacinamide, which the list does not have",
                "says niacinamide, but no listed ingredient is one",
            ],
        ),
        (
            "It contains retinol (a retinoid), which helps with redness.",
            ["names redness, which is not one of the person's concerns"],
        ),
    ],
)
def test_the_why_check_catches_a_false_reason(why, wrong):
    lines = [ListedLine("Aqua", "AQUA"), ListedLine("Retinol", "RETINOL", "retinoid")]

    assert why_problems(why, lines=lines, concern_names=["fine_lines"]) == wrong
