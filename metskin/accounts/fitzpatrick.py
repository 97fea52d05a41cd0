"""The Fitzpatrick skin-type questionnaire, scored to a phototype I-VI with a range.

The standard self-assessment (Fitzpatrick 1988, in the ten-item form used by clinics and
skin-cancer programmes): genetic disposition (eyes, natural hair, unexposed skin, freckles),
reaction to sun (burning, tanning, tanning within hours, the face's sensitivity) and tanning
habits (last sun exposure, exposure of the area). Each item scores 0-4; the total maps to
the type: 0-6 I, 7-13 II, 14-20 III, 21-27 IV, 28-34 V, 35-40 VI.

A questionnaire half filled is scored from what is given, and the range widens to every
type the unanswered items could still reach (each between 0 and 4): never a guess dressed
up as an answer. The type is the one at the middle of that span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from skinlab.tone import Fitzpatrick

#: The types I-VI, skinlab's vocabulary (the photo's estimate and the answers' type are alike).
ROMAN: tuple[str, ...] = tuple(t.value for t in Fitzpatrick)
#: Upper bound of the total for each type (inclusive).
TYPE_UPPER = (6, 13, 20, 27, 34, 40)

#: item key → (question, ((choice code, label), ... scored 0, 1, 2, 3, 4)).
QUESTIONS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    "eye_colour": (
        "What colour are your eyes?",
        (
            ("light_blue_grey_green", "Light blue, light grey or light green"),
            ("blue_grey_green", "Blue, grey or green"),
            ("blue", "Blue"),
            ("dark_brown", "Dark brown"),
            ("brownish_black", "Brownish black"),
        ),
    ),
    "hair_colour": (
        "What is the natural colour of your hair?",
        (
            ("sandy_red", "Sandy red"),
            ("blond", "Blond"),
            ("chestnut_dark_blond", "Chestnut or dark blond"),
            ("dark_brown", "Dark brown"),
            ("black", "Black"),
        ),
    ),
    "unexposed_skin": (
        "What colour is your skin where the sun does not reach it?",
        (
            ("reddish", "Reddish"),
            ("very_pale", "Very pale"),
            ("pale_beige", "Pale with a beige tint"),
            ("light_brown", "Light brown"),
            ("dark_brown", "Dark brown"),
        ),
    ),
    "freckles": (
        "Do you have freckles where the sun does not reach?",
        (
            ("many", "Many"),
            ("several", "Several"),
            ("few", "A few"),
            ("incidental", "Very few"),
            ("none", "None"),
        ),
    ),
    "sun_burn": (
        "What happens when you stay in the sun too long without protection?",
        (
            ("painful_blisters_peeling", "Painful redness, blistering and peeling"),
            ("blisters_then_peeling", "Blistering, then peeling"),
            ("burns_sometimes_peeling", "I burn, sometimes with peeling"),
            ("rarely_burns", "I rarely burn"),
            ("never_burns", "I have never burned"),
        ),
    ),
    "tan_depth": (
        "How brown do you turn?",
        (
            ("hardly", "Hardly or not at all"),
            ("light", "A light tan"),
            ("reasonable", "A reasonable tan"),
            ("very_easily", "I tan very easily"),
            ("dark_quickly", "I turn dark brown quickly"),
        ),
    ),
    "tan_hours": (
        "Do you turn brown within a few hours of being in the sun?",
        (
            ("never", "Never"),
            ("seldom", "Seldom"),
            ("sometimes", "Sometimes"),
            ("often", "Often"),
            ("always", "Always"),
        ),
    ),
    "face_reaction": (
        "How does your face react to the sun?",
        (
            ("very_sensitive", "Very sensitive"),
            ("sensitive", "Sensitive"),
            ("normal", "Normal"),
            ("very_resistant", "Very resistant"),
            ("never_a_problem", "Never had a problem"),
        ),
    ),
    "last_exposure": (
        "When did you last expose your body to the sun (or a sunbed, or self-tan)?",
        (
            ("over_3_months", "More than 3 months ago"),
            ("2_3_months", "2-3 months ago"),
            ("1_2_months", "1-2 months ago"),
            ("under_1_month", "Less than a month ago"),
            ("under_2_weeks", "Less than 2 weeks ago"),
        ),
    ),
    "face_exposure": (
        "Do you expose your face to the sun?",
        (
            ("never", "Never"),
            ("hardly_ever", "Hardly ever"),
            ("sometimes", "Sometimes"),
            ("often", "Often"),
            ("always", "Always"),
        ),
    ),
}
MAX_ITEM = 4


@dataclass(frozen=True)
class Phototype:
    """A Fitzpatrick type from the questionnaire: the type, its range and how much was said."""

    type: str
    range: tuple[str, str]
    answered: int
    of: int = len(QUESTIONS)

    def to_dict(self) -> dict[str, object]:
        return {
            "fitzpatrick": self.type,
            "fitzpatrick_range": list(self.range),
            "answered": self.answered,
            "of": self.of,
        }


def type_of_total(total: float) -> int:
    """1-6 for a questionnaire total (0-40)."""
    return next(i for i, upper in enumerate(TYPE_UPPER, start=1) if total <= upper + 0.5)


def choice_score(item: str, code: str) -> int:
    """0-4 for an answer (ValueError for an unknown item or choice)."""
    codes = [c for c, _ in QUESTIONS[item][1]]
    return codes.index(code)


def score(answers: dict[str, str]) -> Phototype | None:
    """Score the answers given (unknown items and choices are ignored: the API refuses them
    before they are stored). None when nothing was answered."""
    given = {k: v for k, v in answers.items() if k in QUESTIONS and v in dict(QUESTIONS[k][1])}
    if not given:
        return None
    total = sum(choice_score(k, v) for k, v in given.items())
    missing = len(QUESTIONS) - len(given)
    low, high = type_of_total(total), type_of_total(total + MAX_ITEM * missing)
    middle = type_of_total(total + MAX_ITEM * missing / 2)
    return Phototype(ROMAN[middle - 1], (ROMAN[low - 1], ROMAN[high - 1]), len(given))


#: The one-question form (the profile's ``sun_reaction``) → type.
TYPE_OF_SUN_REACTION = {
    "always_burns": 1, "usually_burns": 2, "sometimes_burns": 3, "rarely_burns": 4,
    "very_rarely_burns": 5, "never_burns": 6,
}  # fmt: skip
#: Types this far apart between the answers and the photo are worth saying so.
DISAGREEMENT = 2


def from_profile(answers: dict[str, str] | None, sun_reaction: str = "") -> Phototype | None:
    """The questionnaire's type, or the one-question answer (±1 type) when that is all."""
    scored = score(answers or {})
    if scored is not None:
        return scored
    t = TYPE_OF_SUN_REACTION.get(sun_reaction)
    if t is None:
        return None
    return Phototype(ROMAN[t - 1], (ROMAN[max(1, t - 1) - 1], ROMAN[min(6, t + 1) - 1]), 1)


def report(
    person: Phototype | None, image: str | None, image_range: Sequence[str] = ()
) -> dict[str, object] | None:
    """The phototype an analysis result reports: the person's answers when there are any
    (a phototype is how skin reacts to sun, which a photo cannot show), else the photo's
    estimate; with ``fitzpatrick_source``, the range, and a note when they disagree by two
    types or more. ``image``: the photo's estimate (type I-VI), ``image_range`` its range."""
    if person is None and image is None:
        return None
    if person is None:
        assert image is not None
        return {
            "fitzpatrick": image,
            "fitzpatrick_source": "image",
            "fitzpatrick_range": list(image_range or (image, image)),
            "image_estimate": image,
            "note": "Estimated from the colour of your skin in this photo. Fill in the phototype "
            "questions in your skin profile: how your skin reacts to the sun is the better guide.",
        }
    out: dict[str, object] = {
        "fitzpatrick": person.type,
        "fitzpatrick_source": "questionnaire",
        "fitzpatrick_range": list(person.range),
        "image_estimate": image,
        "note": "From your answers about your skin and the sun.",
    }
    if person.answered < person.of:
        out["note"] = (
            f"From your answers ({person.answered} of {person.of} questions): answering the "
            "rest narrows the range."
        )
    if image is not None and abs(ROMAN.index(image) - ROMAN.index(person.type)) >= DISAGREEMENT:
        out["note"] = (
            f"Your answers give type {person.type}; the colour of your skin in this photo looks "
            f"like type {image}. Light, camera and tan change a photo's colour, and a phototype "
            "is how skin reacts to the sun: your answers are used."
        )
        out["disagreement"] = True
    else:
        out["disagreement"] = False
    return out
