"""Numbers read from a skinlab result for the timeline, the charts and side-by-side views.

Comparing two photos is fair only when their light was alike: colour (the illuminant's
colour temperature that skinlab estimated) and brightness both move redness, tone and spots
by themselves, so the comparison says when they differ too much.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Above this difference in mired (10⁶ / kelvin) two lights look clearly different in colour:
# 50 mired is roughly daylight (5500 K) against cloudy shade (7500 K) or a cool white lamp.
MAX_MIRED_DIFFERENCE = 50.0
# Above this ratio of mean scene brightness one photo is clearly darker than the other.
MAX_BRIGHTNESS_RATIO = 1.5
POOR_LIGHT_ISSUES = ("too_dark", "overexposed", "colour_cast")
# Issues that say the light itself may have moved the measured tone and concerns: the result
# page leads with them and a retake, and history marks the analysis (issue 12).
LIGHTING_ISSUES = ("too_dark", "overexposed", "exposure_uncertain", "colour_cast")
LIGHTING_ADVICE = (
    "For a fair comparison, take your photos in the same place and light: facing a window in "
    "daylight, no flash, no filter."
)


def _get(data: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def result_summary(result: dict[str, Any] | None) -> dict[str, Any] | None:
    """The few numbers the timeline and the charts need."""
    if not result:
        return None
    tone = result.get("tone") or {}
    return {
        "ita": tone.get("ita"),
        "ita_band": tone.get("ita_band"),
        "monk": tone.get("monk"),
        "monk_hex": tone.get("monk_hex"),
        "fitzpatrick": tone.get("fitzpatrick"),
        "undertone": tone.get("undertone"),
        "quality_ok": bool(_get(result, "quality", "ok")),
        "quality_score": _get(result, "quality", "score"),
        "lighting_issues": lighting_issues(result),
        "concerns": {
            concern["name"]: concern["severity"] if concern_assessed(concern) else None
            for concern in result.get("concerns", [])
            if isinstance(concern, dict) and "name" in concern and "severity" in concern
        },
    }


def concern_assessed(concern: dict[str, Any]) -> bool:
    """False when the engine could not check the concern in this photo (its severity is then
    a placeholder 0, not a finding: charts and comparisons show a gap, never a 0)."""
    return _get(concern, "details", "assessed") is not False


def lighting_issues(result: dict[str, Any]) -> list[str]:
    """The codes of the result's quality issues that are about the light, in LIGHTING_ISSUES
    order."""
    issues = _get(result, "quality", "issues") or []
    codes = {issue.get("code") for issue in issues if isinstance(issue, dict)}
    return [code for code in LIGHTING_ISSUES if code in codes]


@dataclass(frozen=True)
class LightingCheck:
    comparable: bool
    reasons: list[str] = field(default_factory=list)
    advice: str = ""


def _cct(result: dict[str, Any]) -> float | None:
    value = _get(result, "color_correction", "illuminant_estimate", "cct_k")
    return float(value) if isinstance(value, int | float) and value > 0 else None


def _brightness(result: dict[str, Any]) -> float | None:
    value = _get(result, "quality", "metrics", "brightness_mean")
    return float(value) if isinstance(value, int | float) and value > 0 else None


def _poor_light(result: dict[str, Any]) -> list[str]:
    issues = _get(result, "quality", "issues") or []
    return [i["code"] for i in issues if isinstance(i, dict) and i.get("code") in POOR_LIGHT_ISSUES]


def lighting_check(first: dict[str, Any], second: dict[str, Any]) -> LightingCheck:
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


def concern_changes(first: dict[str, Any], second: dict[str, Any]) -> list[dict[str, Any]]:
    """Severity of each concern in both results and the change from the first to the second."""
    before = (result_summary(first) or {}).get("concerns", {})
    after = (result_summary(second) or {}).get("concerns", {})
    return [
        {
            "name": name,
            "first": before.get(name),
            "second": after.get(name),
            "change": (
                after[name] - before[name]
                if before.get(name) is not None and after.get(name) is not None
                else None
            ),
        }
        for name in sorted({*before, *after})
    ]
