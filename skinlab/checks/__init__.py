"""Step 6 — the concern checks. :func:`run_checks` runs every check that applies."""

from __future__ import annotations

from collections.abc import Callable

from skinlab.checks.context import SkinContext, make_norm_view
from skinlab.checks.face_only import assess_dark_circles, assess_fine_lines
from skinlab.checks.lesion import assess_lesions
from skinlab.checks.spots import assess_spots
from skinlab.checks.surface import (
    assess_redness,
    assess_shine,
    assess_texture,
    assess_uneven_tone,
)
from skinlab.result import ConcernResult

__all__ = ["SkinContext", "make_norm_view", "run_checks"]


def run_checks(ctx: SkinContext, timings: dict[str, float] | None = None) -> list[ConcernResult]:
    """Assess every concern that applies (fine lines and dark circles need a face)."""
    import time

    steps: list[tuple[str, Callable[[SkinContext], list[ConcernResult]]]] = [
        ("redness", lambda c: [assess_redness(c)]),
        ("spots", assess_spots),
        ("uneven_tone", lambda c: [assess_uneven_tone(c)]),
        ("shine", lambda c: [assess_shine(c)]),
        ("texture", lambda c: [assess_texture(c)]),
        ("lesion", lambda c: [assess_lesions(c)]),
    ]
    if ctx.face is not None:
        steps += [
            ("fine_lines", lambda c: [assess_fine_lines(c)]),
            ("dark_circles", lambda c: [assess_dark_circles(c)]),
        ]
    out: list[ConcernResult] = []
    for name, fn in steps:
        t = time.perf_counter()
        out.extend(fn(ctx))
        if timings is not None:
            timings[f"concern_{name}"] = round((time.perf_counter() - t) * 1000, 2)
    order = [
        "acne", "redness", "dark_spots", "uneven_tone", "shine",
        "texture", "fine_lines", "dark_circles", "lesion",
    ]  # fmt: skip
    out.sort(key=lambda c: order.index(c.name))
    return out
