"""Plain-data builders for the engine's tests (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import count
from typing import Any

from metskin.catalog.usage import default_usage
from metskin.recommendations.engine.facts import (
    AnalysisSnapshot,
    Candidate,
    Finding,
    Usage,
)

_ids = count(1)
NOW = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def product(name: str, category: str, *actives: str, **facts: Any) -> Candidate:
    usage = default_usage(category=category, actives=frozenset(actives))
    price = facts.pop("price", "20.00")
    return Candidate(
        id=facts.pop("id", f"p{next(_ids)}"),
        name=name,
        brand=facts.pop("brand", "Brand"),
        category=category,
        actives=frozenset(actives),
        price=Decimal(price) if price is not None else None,
        rating=Decimal(facts.pop("rating", "4.0")),
        usage=Usage(usage.amount, usage.time, usage.frequency, usage.introduction, usage.warnings),
        **facts,
    )


def snapshot(days_ago: int = 0, **findings: Any) -> AnalysisSnapshot:
    """An analysis ``days_ago`` days before NOW; each finding is severity or (severity, details)."""
    made = []
    for name, value in findings.items():
        severity, details = value if isinstance(value, tuple) else (value, {})
        made.append(Finding(name=name, severity=severity, confidence=0.8, details=details))
    return AnalysisSnapshot(
        analysis_id=f"a{days_ago}", taken_at=NOW - timedelta(days=days_ago), findings=tuple(made)
    )


def catalogue(*products: Candidate) -> dict[str, list[Candidate]]:
    """Every product offered to every slot; the engine sorts out what fits where."""
    slots = ("cleanse", "moisturise", "protect", "treat_am", "treat_pm", "eye_care")
    return {slot: list(products) for slot in slots}


BASICS = (
    product("Plain Cleanser", "cleanser", price="8.00"),
    product("Plain Moisturiser", "moisturiser", price="12.00"),
    product("Daily SPF 50", "sunscreen", "spf", spf=50, price="15.00"),
)
