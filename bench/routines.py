"""Routines a dermatologist would sign: 1,000 generated people, each routine run through
its own checker (``engine.audit``), on the catalogue of the configured database.

Run with ``python -m bench.routines`` (``--people N``). The catalogue is the demo one
(``catalog.seed``, the real product lists), loaded first if the database has none. Prints
clashes, missing sunscreens, pregnancy/allergy/profile violations and false "Why"s (all
must be 0), what a routine costs (median and spread, per currency) and how many distinct
products the routines use.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections import Counter
from dataclasses import replace
from decimal import Decimal

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
django.setup()

from bench.table import percentile, print_table, verdict  # noqa: E402
from metskin.catalog.seed import seed_demo  # noqa: E402
from metskin.recommendations.engine.prices import RATES_AS_OF, price_for  # noqa: E402
from metskin.recommendations.selectors import (  # noqa: E402
    allergies_resolve,
    recommendation_audit,
)
from metskin.recommendations.tests.people import people  # noqa: E402

PEOPLE = 1000
KINDS = (
    ("clash", "clashes between chosen products"),
    ("no_sunscreen", "mornings without a real sunscreen"),
    ("pregnancy", "pregnancy violations"),
    ("allergy", "allergy violations"),
    ("profile", "other profile-rule violations"),
    ("why", "false reasons (Why)"),
)


def main() -> int:
    count = int(sys.argv[sys.argv.index("--people") + 1]) if "--people" in sys.argv else PEOPLE
    seed_demo(stdout=sys.stdout)
    problems: Counter[str] = Counter()
    costs: dict[str, list[float]] = {}
    converted: dict[str, int] = {}
    used: set[str] = set()
    empty_steps = 0
    started = time.perf_counter()
    for person in people(count):
        profile = replace(person.profile, allergies=allergies_resolve(person.allergy_names))
        made, found = recommendation_audit(profile=profile, history=person.history)
        problems.update(problem.kind for problem in found)
        chosen = {step.product.id: step.product for step in [*made.am, *made.pm]}
        used.update(chosen)
        empty_steps += sum(item.rule == "no_safe_product" for item in made.excluded)
        # In the person's currency; other markets converted at the dated rates.
        prices = [
            price_for(product.price, product.currency, made.currency) for product in chosen.values()
        ]
        known = [price.amount for price in prices if price is not None]
        converted[made.currency] = converted.get(made.currency, 0) + sum(
            price is not None and price.converted for price in prices
        )
        if len(known) == len(chosen):
            costs.setdefault(made.currency, []).append(float(sum(known, Decimal(0))))
    seconds = time.perf_counter() - started
    rows: list[list[object]] = [
        [label, problems[kind], verdict(problems[kind], 0)] for kind, label in KINDS
    ]
    rows.append(["steps left out (no safe product)", empty_steps, "info"])
    rows.append(["distinct products used", len(used), "info"])
    print_table(
        f"Routines for {count} generated people ({seconds:.0f} s, {seconds / count * 1000:.0f} "
        "ms each)",
        ["what", "count", "target 0"],
        rows,
    )
    cost_rows = [
        [
            currency,
            len(values),
            f"{statistics.median(values):.2f}",
            f"{percentile(values, 10):.2f}–{percentile(values, 90):.2f}",
            converted.get(currency, 0),
        ]
        for currency, values in sorted(costs.items())
    ]
    print_table(
        f"Routine cost in the person's currency (distinct products; rates of {RATES_AS_OF})",
        ["currency", "routines", "median", "p10–p90", "prices converted"],
        cost_rows,
    )
    return 1 if any(problems[kind] for kind, _ in KINDS) else 0


if __name__ == "__main__":
    raise SystemExit(main())
