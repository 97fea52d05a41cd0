"""What the person says about the spot they photographed ("About this spot").

Every answer is optional: ``True`` yes, ``False`` no, ``None`` don't know (or not asked).
The object is the same on the command line (``--answers``), in :func:`skinlab.analyze` and on
the web API's upload, so it is parsed and checked here, once, and strictly: an unknown key or
a wrong type is refused with a message naming the field, never guessed at.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from skinlab.errors import BadAnswers

#: The yes / no / don't-know questions, in the order they are asked.
YES_NO_KEYS = ("changed", "grew", "bleeds", "itches", "hurts", "raised", "skin_cancer_history")
#: Every key the answers object may hold.
ANSWER_KEYS = ("age", *YES_NO_KEYS)
#: Ages outside this range are typing mistakes, not people.
MIN_AGE, MAX_AGE = 0, 120


@dataclass(frozen=True)
class SpotAnswers:
    """Answers about one spot; ``None`` means "don't know" or not asked."""

    age: int | None = None
    changed: bool | None = None
    grew: bool | None = None
    bleeds: bool | None = None
    itches: bool | None = None
    hurts: bool | None = None
    raised: bool | None = None
    skin_cancer_history: bool | None = None

    @property
    def given(self) -> bool:
        """True when at least one question was answered (yes, no or an age)."""
        return any(v is not None for v in asdict(self).values())

    def to_dict(self) -> dict[str, Any]:
        """The answers as the JSON object they were parsed from (every key present)."""
        return asdict(self)


def parse_answers(obj: object) -> SpotAnswers:
    """Check a JSON-like object and return :class:`SpotAnswers` (raises :class:`BadAnswers`).

    ``None`` and ``{}`` mean no answers. Booleans must be JSON booleans (not ``"yes"``, not
    ``1``); ``age`` a whole number of years (not a boolean), 0-120.
    """
    if obj is None:
        return SpotAnswers()
    if isinstance(obj, SpotAnswers):
        return obj
    if not isinstance(obj, Mapping):
        raise BadAnswers('answers: expected a JSON object such as {"changed": true}.')
    unknown = [str(k) for k in obj if k not in ANSWER_KEYS]
    if unknown:
        raise BadAnswers(
            f"answers.{unknown[0]}: unknown question (expected one of {', '.join(ANSWER_KEYS)}).",
            field=unknown[0],
        )
    values: dict[str, Any] = {}
    for key in YES_NO_KEYS:
        v = obj.get(key)
        if v is not None and not isinstance(v, bool):
            raise BadAnswers(
                f"answers.{key}: expected true, false or null (don't know), got {v!r}.",
                field=key,
            )
        values[key] = v
    age = obj.get("age")
    # bool is an int in Python: true must not pass for the age of one
    if age is not None and (isinstance(age, bool) or not isinstance(age, int)):
        raise BadAnswers(f"answers.age: expected a whole number of years or null, got {age!r}.",
                         field="age")  # fmt: skip
    if age is not None and not MIN_AGE <= age <= MAX_AGE:
        raise BadAnswers(f"answers.age: {age} is not an age between {MIN_AGE} and {MAX_AGE}.",
                         field="age")  # fmt: skip
    return SpotAnswers(age=age, **values)
