"""What a new analysis changed in the routine: the routine from the whole history against
the routine the same person had before that analysis (issue 12 §1).

Pure: two ``Recommendation`` values in, a plain list of changes out. Steps are matched by
time of day and step name (one product per step), so a step whose product changed reads
"replaced", and a step only one routine has reads "added" or "removed".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from metskin.recommendations.engine.facts import Candidate, Recommendation, Step

TimeOfDay = Literal["am", "pm"]
Change = Literal["added", "removed", "replaced"]


@dataclass(frozen=True)
class StepChange:
    time: TimeOfDay
    step: str
    change: Change
    before: str | None  # the product's "brand name", None for an added step
    after: str | None  # None for a removed step


@dataclass(frozen=True)
class RoutineChanges:
    steps: tuple[StepChange, ...]
    # Concerns the routine now works on that it did not before, and the other way round.
    concerns_added: tuple[str, ...]
    concerns_dropped: tuple[str, ...]

    @property
    def unchanged(self) -> bool:
        return not (self.steps or self.concerns_added or self.concerns_dropped)


def product_label(product: Candidate) -> str:
    return f"{product.brand} {product.name}".strip()


def _by_step(steps: tuple[Step, ...]) -> dict[str, Step]:
    return {step.step: step for step in steps}


def _step_changes(
    time: TimeOfDay, before: tuple[Step, ...], after: tuple[Step, ...]
) -> Iterator[StepChange]:
    old, new = _by_step(before), _by_step(after)
    # In the order of the new routine, then the steps it no longer has.
    for name, step in new.items():
        if name not in old:
            yield StepChange(time, name, "added", None, product_label(step.product))
        elif old[name].product.id != step.product.id:
            was = product_label(old[name].product)
            yield StepChange(time, name, "replaced", was, product_label(step.product))
    for name, step in old.items():
        if name not in new:
            yield StepChange(time, name, "removed", product_label(step.product), None)


def _worked_on(recommendation: Recommendation) -> list[str]:
    # Watched spots are not something a routine treats.
    return [concern.label for concern in recommendation.concerns if not concern.watch_only]


def routine_changes(before: Recommendation, after: Recommendation) -> RoutineChanges:
    old_concerns, new_concerns = _worked_on(before), _worked_on(after)
    return RoutineChanges(
        steps=(
            *_step_changes("am", before.am, after.am),
            *_step_changes("pm", before.pm, after.pm),
        ),
        concerns_added=tuple(c for c in new_concerns if c not in old_concerns),
        concerns_dropped=tuple(c for c in old_concerns if c not in new_concerns),
    )
