"""The photographed Monk swatches (skinlab 0.3.0) and how much the anchors decide.

Prints the ten official swatches beside their photographed versions, then the Monk answer for a
few *published* skin colours and for the astronaut's measured skin over a grid of anchors that
all lie inside the published ranges (L* of the lightest and darkest skin, the span of a* and
b*). The anchors were taken from the literature, not from this grid: the grid shows whether the
answers depend on the exact figures. Run: ``python -m bench.analysis.monk_calibration``.
"""

from __future__ import annotations

import io
import itertools
from collections import Counter

from PIL import Image

import skinlab
from skinlab.tone import (
    MONK_HEX,
    MONK_LAB,
    MONK_SKIN_HEX,
    MONK_SKIN_LAB,
    ita_degrees,
    monk_display_from_lab,
    nearest_swatch,
    photographed_swatches,
)

#: Published skin colours (CIELAB) used as checks, never as anchors.
REFERENCE_SKIN: dict[str, tuple[float, float, float]] = {
    "ColorChecker 'light skin' (McCamy 1976)": (65.71, 18.13, 17.81),
    "ColorChecker 'dark skin' (McCamy 1976)": (37.99, 13.56, 14.06),
    "darkest facial cluster (IADR 2009)": (26.7, 14.6, 14.7),
}
#: Anchor choices inside the published ranges: L* of the darkest and the lightest skin, and
#: the spans of a* and b*.
L_DARK = (25.0, 28.0, 30.0, 32.0, 35.0)
L_LIGHT = (70.0, 72.0, 74.0, 76.0, 78.0)
A_SPANS = ((4.0, 12.0), (6.0, 14.0), (8.0, 16.0))
B_SPANS = ((6.0, 22.0), (8.0, 24.0), (10.0, 26.0))


def astronaut_lab() -> tuple[float, float, float]:
    from skimage import data

    buf = io.BytesIO()
    Image.fromarray(data.astronaut()).save(buf, format="PNG")
    r = skinlab.analyze_image(buf.getvalue(), options=skinlab.AnalysisOptions(tone_only=True))
    assert r.tone is not None
    return r.tone.lab


def main() -> None:
    print("\n== Monk swatches: official (display) and photographed (as real skin) ==")
    print("tone  official  L*    a*    b*    | photographed  L*    a*    b*    ITA°")
    for k in range(10):
        d, s = MONK_LAB[k], MONK_SKIN_LAB[k]
        print(
            f"{k + 1:>4}  {MONK_HEX[k]}   {d[0]:5.1f} {d[1]:5.1f} {d[2]:5.1f} | "
            f"{MONK_SKIN_HEX[k]}       {s[0]:5.1f} {s[1]:5.1f} {s[2]:5.1f} "
            f"{ita_degrees(s[0], s[2]):6.1f}"
        )
    colours = {**REFERENCE_SKIN, "astronaut (measured by skinlab)": astronaut_lab()}
    grid = list(itertools.product(L_DARK, L_LIGHT, A_SPANS, B_SPANS))
    print(f"\n== Monk answer over {len(grid)} anchor choices inside the published ranges ==")
    print("colour                                   Lab                   display  0.3.0  grid")
    for name, lab in colours.items():
        counts: Counter[int] = Counter()
        for L_dark, L_light, a_rng, b_rng in grid:
            pal = photographed_swatches(L_range=(L_dark, L_light), a_range=a_rng, b_range=b_rng)
            counts[nearest_swatch(lab, pal)] += 1
        spread = ", ".join(
            f"Monk {k}: {100 * n / len(grid):.0f}%" for k, n in sorted(counts.items())
        )
        lab_s = f"({lab[0]:.1f}, {lab[1]:.1f}, {lab[2]:.1f})"
        print(
            f"{name:<40} {lab_s:<21} {monk_display_from_lab(lab):>7}  "
            f"{nearest_swatch(lab, MONK_SKIN_LAB):>5}  {spread}"
        )


if __name__ == "__main__":
    main()
