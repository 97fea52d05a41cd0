"""Reading and comparing finished results, on skinlab's typed result.

The numbers the timeline, the charts and side-by-side views need, and the rules of a
comparison (:func:`analyses_compare`). Comparing two photos is fair only when their light was
alike: colour (the illuminant's colour temperature that skinlab estimated) and brightness both
move redness, tone and spots by themselves, so the comparison says when they differ too much.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import skinlab
from metskin.accounts.models import User
from metskin.analysis.models import Analysis, AnalysisStatus
from metskin.analysis.results import result_of
from metskin.analysis.selectors import analysis_get_for_viewer
from metskin.core.exceptions import ApplicationError
from skinlab import QualityIssueCode

# Above this difference in mired (10⁶ / kelvin) two lights look clearly different in colour:
# 50 mired is roughly daylight (5500 K) against cloudy shade (7500 K) or a cool white lamp.
MAX_MIRED_DIFFERENCE = 50.0
# Above this ratio of mean scene brightness one photo is clearly darker than the other.
MAX_BRIGHTNESS_RATIO = 1.5
POOR_LIGHT_ISSUES = (
    QualityIssueCode.TOO_DARK,
    QualityIssueCode.OVEREXPOSED,
    QualityIssueCode.COLOUR_CAST,
)
# Issues that say the light itself may have moved the measured tone and concerns: the result
# page leads with them and a retake, and history marks the analysis (issue 12).
LIGHTING_ISSUES = skinlab.LIGHTING_ISSUES
LIGHTING_ADVICE = (
    "For a fair comparison, take your photos in the same place and light: facing a window in "
    "daylight, no flash, no filter."
)


def result_summary(result: skinlab.AnalysisResult | None) -> dict[str, Any] | None:
    """The few numbers the timeline and the charts need."""
    if result is None:
        return None
    tone = result.tone
    return {
        "ita": tone.ita if tone else None,
        "ita_band": tone.ita_band if tone else None,
        "monk": tone.monk if tone else None,
        "monk_hex": tone.monk_hex if tone else None,
        "fitzpatrick": tone.fitzpatrick if tone else None,
        "undertone": tone.undertone if tone else None,
        "quality_ok": result.quality.ok,
        "quality_score": result.quality.score,
        "lighting_issues": lighting_issues(result),
        "concerns": severities(result),
    }


def severities(result: skinlab.AnalysisResult) -> dict[str, int | None]:
    """Severity by concern name; None for a concern not checked in this photo."""
    return {
        concern.name: concern.severity if concern_assessed(concern) else None
        for concern in result.concerns
    }


def concern_assessed(concern: skinlab.ConcernResult) -> bool:
    """False when the engine could not check the concern in this photo (its severity is then
    a placeholder 0, not a finding: charts and comparisons show a gap, never a 0)."""
    return concern.details.get("assessed") is not False


def lighting_issues(result: skinlab.AnalysisResult) -> list[str]:
    """The codes of the result's quality issues that are about the light, in LIGHTING_ISSUES
    order."""
    codes = {issue.code for issue in result.quality.issues}
    return [str(code) for code in LIGHTING_ISSUES if code in codes]


@dataclass(frozen=True)
class LightingCheck:
    comparable: bool
    reasons: list[str] = field(default_factory=list)
    advice: str = ""


def _positive(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) and value > 0 else None


def _cct(result: skinlab.AnalysisResult) -> float | None:
    return _positive(result.color_correction.illuminant_estimate.get("cct_k"))


def _brightness(result: skinlab.AnalysisResult) -> float | None:
    return _positive(result.quality.metrics.get("brightness_mean"))


def _poor_light(result: skinlab.AnalysisResult) -> list[str]:
    return [i.code for i in result.quality.issues if i.code in POOR_LIGHT_ISSUES]


def lighting_check(first: skinlab.AnalysisResult, second: skinlab.AnalysisResult) -> LightingCheck:
    """Whether two results were taken in light alike enough to compare them."""
    reasons: list[str] = []
    cct_a, cct_b = _cct(first), _cct(second)
    if cct_a and cct_b and abs(1e6 / cct_a - 1e6 / cct_b) > MAX_MIRED_DIFFERENCE:
        reasons.append(
            f"The colour of the light differs (about {cct_a:.0f} K and {cct_b:.0f} K): "
            "warmer or cooler light changes how red or yellow skin looks."
        )
    light_a, light_b = _brightness(first), _brightness(second)
    if light_a and light_b and max(light_a, light_b) / min(light_a, light_b) > MAX_BRIGHTNESS_RATIO:
        darker = "first" if light_a < light_b else "second"
        reasons.append(f"The {darker} photo is much darker than the other.")
    for label, result in (("first", first), ("second", second)):
        if _poor_light(result):
            reasons.append(f"The {label} photo was taken in poor or coloured light.")
    return LightingCheck(
        comparable=not reasons, reasons=reasons, advice=LIGHTING_ADVICE if reasons else ""
    )


def concern_changes(
    first: skinlab.AnalysisResult, second: skinlab.AnalysisResult
) -> list[dict[str, Any]]:
    """Severity of each concern in both results and the change from the first to the second."""
    before, after = severities(first), severities(second)
    changes = []
    for name in sorted({*before, *after}):
        a, b = before.get(name), after.get(name)
        changes.append(
            {
                "name": name,
                "first": a,
                "second": b,
                "change": b - a if a is not None and b is not None else None,
            }
        )
    return changes


@dataclass(frozen=True)
class Comparison:
    """Two finished analyses side by side: whether their light allows it, and what changed."""

    first: Analysis
    second: Analysis
    lighting: LightingCheck
    concerns: list[dict[str, Any]]
    ita_change: float | None


def analyses_compare(*, viewer: User, first_id: object, second_id: object) -> Comparison:
    """Compare two analyses the viewer may see (404 otherwise): both finished, not the same."""
    first = analysis_get_for_viewer(user=viewer, analysis_id=first_id)
    second = analysis_get_for_viewer(user=viewer, analysis_id=second_id)
    if first.pk == second.pk:
        raise ApplicationError("Choose two different analyses to compare.", code="same_analysis")
    if first.status != AnalysisStatus.DONE or second.status != AnalysisStatus.DONE:
        raise ApplicationError(
            "Both analyses must be finished before they can be compared.", code="not_finished"
        )
    a, b = result_of(first), result_of(second)
    assert a is not None and b is not None  # both done
    ita_change = round(b.tone.ita - a.tone.ita, 2) if a.tone and b.tone else None
    return Comparison(
        first=first,
        second=second,
        lighting=lighting_check(a, b),
        concerns=concern_changes(a, b),
        ita_change=ita_change,
    )
