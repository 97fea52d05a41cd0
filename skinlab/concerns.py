"""The one shared vocabulary of skin concerns used across MetSkin.

The front end, recommendations and articles key on these string values: never rename them.
Each concern's label here is the one wording people read everywhere (results, profile form,
product search, articles); ``metskin.accounts.concerns`` adds the concerns people report that
skinlab does not measure, and ``make api-types`` writes the front end's copy
(``frontend/src/lib/vocabulary.ts``). The order of ``Concern`` is the order results list them.
``lesion`` means "a pigmented spot worth a dermatologist's look"; skinlab never words a
finding as a diagnosis or a disease name.
"""

from __future__ import annotations

from enum import StrEnum


class Concern(StrEnum):
    """A visible skin concern skinlab can assess."""

    ACNE = "acne"
    REDNESS = "redness"
    DARK_SPOTS = "dark_spots"
    UNEVEN_TONE = "uneven_tone"
    SHINE = "shine"
    TEXTURE = "texture"
    FINE_LINES = "fine_lines"
    DARK_CIRCLES = "dark_circles"
    LESION = "lesion"

    @property
    def label(self) -> str:
        """The human label shown to people for this concern."""
        return CONCERN_LABELS[self]


CONCERN_LABELS: dict[Concern, str] = {
    Concern.ACNE: "Acne and breakouts",
    Concern.REDNESS: "Redness",
    Concern.DARK_SPOTS: "Dark spots",
    Concern.UNEVEN_TONE: "Uneven skin tone",
    Concern.SHINE: "Shine and oiliness",
    Concern.TEXTURE: "Texture and pores",
    Concern.FINE_LINES: "Fine lines and wrinkles",
    Concern.DARK_CIRCLES: "Dark circles",
    Concern.LESION: "Spot worth a dermatologist's look",
}

# Colours (RGB) used by the overlay, one per concern; chosen to stay distinguishable.
CONCERN_COLORS: dict[Concern, tuple[int, int, int]] = {
    Concern.ACNE: (255, 40, 40),
    Concern.REDNESS: (255, 120, 160),
    Concern.DARK_SPOTS: (150, 90, 30),
    Concern.UNEVEN_TONE: (255, 190, 0),
    Concern.SHINE: (0, 220, 255),
    Concern.TEXTURE: (160, 255, 80),
    Concern.FINE_LINES: (0, 120, 255),
    Concern.DARK_CIRCLES: (170, 80, 255),
    Concern.LESION: (255, 0, 255),
}


def concern_label(name: str | Concern) -> str:
    """Return the human label for a concern value (raises ``ValueError`` if unknown)."""
    return Concern(name).label
