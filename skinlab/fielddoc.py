"""What a result field means, kept on the field itself (``dataclasses.field(metadata=...)``).

The result dataclasses are the one description of skinlab's JSON contract: MetSkin derives its
API schema from them (field names, types, defaults, optionality), and reads these entries for
the words and bounds a type cannot say. Plain data, so skinlab stays free of any web framework.
"""

from __future__ import annotations

from collections.abc import Mapping

#: The metadata keys :func:`described` writes (JSON Schema's own words).
DESCRIPTION = "description"
MINIMUM = "minimum"
MAXIMUM = "maximum"
LENGTH = "length"


def described(
    text: str | None = None,
    *,
    minimum: float | None = None,
    maximum: float | None = None,
    length: int | None = None,
) -> Mapping[str, object]:
    """Field metadata: what the field means, its bounds, the fixed length of a list field.

    Use as ``severity: int = field(metadata=described("...", minimum=0, maximum=100))``, or
    on a TypedDict's key as ``w: Annotated[int, described(minimum=0)]``.
    """
    entries: dict[str, object] = {
        DESCRIPTION: text,
        MINIMUM: minimum,
        MAXIMUM: maximum,
        LENGTH: length,
    }
    return {key: value for key, value in entries.items() if value is not None}
