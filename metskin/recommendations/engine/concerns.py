"""Rank the concerns (with why) and write plain-language tips for each."""

from __future__ import annotations

from metskin.catalog.vocabulary import CONCERN_LABELS, learn_concern_url
from metskin.recommendations.engine.facts import AnalysisSnapshot, ProfileFacts, RankedConcern, Tip

# Below this severity an analysis finding is not worth a routine step of its own.
MIN_SEVERITY = 20
# A concern the person reported but the analysis did not measure (or there is none yet).
SELF_REPORTED_SCORE = 40.0
# Reported and measured: the person's word adds weight to the measurement.
REPORTED_BONUS = 15.0
# Only a spot with the engine's warning signs is "worth a dermatologist's look"
# (CONCERN_LABELS); any other spot the analysis finds is one to watch.
LESION_WATCH_LABEL = "A spot to keep an eye on"
GRADE_WORDS = {
    "mild": "mild",
    "moderate": "moderate",
    "severe": "severe",
    "very_severe": "very severe",
}


def _measured_why(snapshot: AnalysisSnapshot, name: str, severity: int, explanation: str) -> str:
    label = CONCERN_LABELS.get(name, name).lower()
    when = snapshot.taken_at.strftime("%-d %B %Y")
    why = f"Your analysis of {when} measured {label} at {severity} out of 100"
    finding = snapshot.finding(name)
    grade = finding.details.get("hayashi_grade") if finding else None
    if name == "acne" and grade in GRADE_WORDS:
        why += f" (the number of spots counts as {GRADE_WORDS[grade]})"
    why += "."
    if explanation:
        why += f" {explanation}"
    return why


def rank_concerns(
    profile: ProfileFacts, latest: AnalysisSnapshot | None
) -> tuple[RankedConcern, ...]:
    """Concerns from the latest analysis and the profile, most important first."""
    ranked: dict[str, RankedConcern] = {}
    if latest is not None:
        for finding in latest.findings:
            worth_a_look = finding.name == "lesion" and bool(finding.details.get("worth_a_look"))
            watch_only = finding.name == "lesion" and not worth_a_look
            if finding.severity < MIN_SEVERITY and not worth_a_look:
                continue
            if worth_a_look:
                why = (
                    "A spot in your photo is worth showing a dermatologist. This is not a "
                    "diagnosis, and no product treats it: see the referral below."
                )
                score = 1000.0  # always first: it decides the referral, not the routine
            elif finding.name == "lesion":
                # Only the engine's warning signs make a referral; say no more than that.
                why = (
                    "A spot in your photo stands out from the skin around it, without the "
                    "warning signs we look for. Keep an eye on it: if it changes, bleeds or "
                    "itches, show it to a dermatologist."
                )
                score = finding.severity * (0.5 + 0.5 * max(0.0, min(1.0, finding.confidence)))
            else:
                why = _measured_why(latest, finding.name, finding.severity, finding.explanation)
                score = finding.severity * (0.5 + 0.5 * max(0.0, min(1.0, finding.confidence)))
            ranked[finding.name] = RankedConcern(
                name=finding.name,
                label=(
                    LESION_WATCH_LABEL
                    if watch_only
                    else CONCERN_LABELS.get(finding.name, finding.name)
                ),
                score=score,
                severity=finding.severity,
                confidence=finding.confidence,
                source="analysis",
                why=why,
                learn_url=learn_concern_url(finding.name),
                watch_only=watch_only,
            )
    for name in profile.concerns:
        if name not in CONCERN_LABELS:
            continue
        measured = ranked.get(name)
        if measured is not None:
            ranked[name] = RankedConcern(
                name=name,
                label=measured.label,
                score=measured.score + REPORTED_BONUS,
                severity=measured.severity,
                confidence=measured.confidence,
                source="both",
                why=f"{measured.why} You also told us it concerns you.",
                learn_url=measured.learn_url,
                watch_only=measured.watch_only,
            )
            continue
        ranked[name] = RankedConcern(
            name=name,
            label=CONCERN_LABELS[name],
            score=SELF_REPORTED_SCORE,
            severity=None,
            confidence=None,
            source="profile",
            why=(
                "You told us a mole or spot worries you."
                if name == "lesion"
                else "You told us this concerns you."
            ),
            learn_url=learn_concern_url(name),
        )
    return tuple(sorted(ranked.values(), key=lambda concern: (-concern.score, concern.name)))


TIPS: dict[str, tuple[tuple[str, str], ...]] = {
    "acne": (
        ("Hands off", "Do not squeeze or pick spots: it pushes them deeper and leaves marks."),
        (
            "Give it time",
            "Acne treatments take 8–12 weeks to show what they can do. Keep going before "
            "you judge them.",
        ),
        ("Light textures", "Choose products labelled non-comedogenic or oil-free."),
    ),
    "redness": (
        ("Be gentle", "Wash with lukewarm, not hot, water and pat dry; skip scrubs."),
        (
            "Know your triggers",
            "Sun, heat, spicy food and alcohol make redness worse for many people; notice yours.",
        ),
    ),
    "dark_spots": (
        (
            "Sunscreen every day",
            "Dark spots darken again in daylight: SPF 30 or more every morning, even when "
            "it is cloudy.",
        ),
        ("Be patient", "Spots fade over 2–3 months of daily use."),
    ),
    "uneven_tone": (
        ("Sunscreen every day", "Daily SPF stops uneven patches from deepening."),
        ("Gentle exfoliation", "Once or twice a week helps tone look more even."),
    ),
    "shine": (
        ("Do not over-wash", "Twice a day is enough: stripping oil makes skin make more."),
        ("Still moisturise", "Oily skin needs a light, oil-free moisturiser too."),
    ),
    "texture": (
        ("Exfoliate gently", "Chemical exfoliants smooth texture better than gritty scrubs."),
        ("Consistency wins", "Texture improves over weeks of regular use, not overnight."),
    ),
    "fine_lines": (
        ("Sunscreen first", "Daily SPF is the most proven way to slow new lines."),
        ("Moisturise", "Hydrated skin makes fine lines less visible straight away."),
    ),
    "dark_circles": (
        ("Sleep and salt", "Short sleep and salty food make under-eye shadows look darker."),
        ("Be gentle", "Pat, do not rub, the thin skin around the eyes."),
    ),
    "dryness": (
        ("Seal it in", "Apply moisturiser within a few minutes of washing, while skin is damp."),
        ("Short, warm showers", "Hot water strips the skin's oils."),
    ),
    # A spot with the warning signs, or one the person told us worries them (both referred).
    "lesion": (
        (
            "Have it checked",
            "A dermatologist can look at the spot properly, often with a dermatoscope. "
            "Take a photo now so you can tell them if it changes.",
        ),
        (
            "What to watch",
            "See a doctor promptly if a spot bleeds, itches, grows, or changes shape or colour.",
        ),
    ),
}
# A spot without the warning signs: what to watch for (the ABCDE changes, in plain words),
# and when to show it to a dermatologist. Never a disease's name.
LESION_WATCH_TIPS = (
    (
        "Watch it for change",
        "Take a photo of it now and look again each month in good light. Note any change in "
        "its size, shape or colour, an edge that becomes uneven or blurred, or new colours "
        "in it.",
    ),
    (
        "When to see a dermatologist",
        "Show it to a dermatologist if it changes, bleeds, itches or does not heal, or if it "
        "worries you.",
    ),
)
GENERAL_TIPS = (
    (
        "One new product at a time",
        "Add one new product every two weeks so you know what suits you.",
    ),
    ("Patch test", "Try a new product on a small patch of skin for two days first."),
    ("Daily sunscreen", "SPF 30 or more every morning protects everything else you do."),
)
MAX_CONCERNS_WITH_TIPS = 5


def tips_for(concerns: tuple[RankedConcern, ...]) -> tuple[Tip, ...]:
    tips = [
        Tip(concern=concern.name, title=title, text=text)
        for concern in concerns[:MAX_CONCERNS_WITH_TIPS]
        for title, text in (LESION_WATCH_TIPS if concern.watch_only else TIPS.get(concern.name, ()))
    ]
    tips.extend(Tip(concern="general", title=title, text=text) for title, text in GENERAL_TIPS)
    return tuple(tips)
