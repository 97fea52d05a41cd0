"""Step 6 — the concern checks. :func:`run_checks` runs every check that applies."""

from __future__ import annotations

from collections.abc import Callable

from skinlab.checks.context import IPD_MM, SkinContext, make_norm_view
from skinlab.checks.face_only import assess_dark_circles, assess_fine_lines
from skinlab.checks.lesion import assess_lesions
from skinlab.checks.spots import assess_spots
from skinlab.checks.surface import (
    assess_redness,
    assess_shine,
    assess_texture,
    assess_uneven_tone,
)
from skinlab.concerns import Concern
from skinlab.result import ConcernResult

__all__ = ["SkinContext", "make_norm_view", "run_checks"]


#: Texture, fine lines and single spots need detail: at least this many image pixels per
#: millimetre of skin (a face filling a third of a 1024-px photo has about 2.3).
MIN_PX_PER_MM = 1.5


def detail_px_per_mm(ctx: SkinContext) -> float | None:
    """Working-image pixels per millimetre on a face (None without a face: no scale)."""
    if ctx.face is None:
        return None
    return ctx.regions.unit_px / IPD_MM


def not_enough_detail(concern: Concern, px_per_mm: float) -> ConcernResult:
    """The result for a concern that the photo is too coarse to assess."""
    return ConcernResult(
        name=concern,
        label=concern.label,
        severity=0,
        confidence=0.0,
        regions=[],
        locations=[],
        explanation=(
            "The face is too small in this photo to check this: take the photo closer, "
            "with the face filling most of the frame."
        ),
        details=_unassessed_details(concern, px_per_mm),
    )


def _unassessed_details(concern: Concern, px_per_mm: float) -> dict[str, object]:
    d: dict[str, object] = {"assessed": False, "px_per_mm": round(px_per_mm, 2)}
    if concern == Concern.ACNE:
        d.update(count=None, half_face_count=None, hayashi_grade=None)
    if concern == Concern.LESION:  # keep the lesion schema stable for the front end
        d.update(
            asymmetry=0.0, border_irregular_octants=0, colours=[], colour_count=0,
            colour_families=[], diameter_mm=0.0, signs=[], worth_a_look=False,
            subject_of_close_up=False, candidates=[],
        )  # fmt: skip
    return d


def run_checks(ctx: SkinContext, timings: dict[str, float] | None = None) -> list[ConcernResult]:
    """Assess every concern that applies (fine lines and dark circles need a face)."""
    import time

    detail = detail_px_per_mm(ctx)
    fine_ok = detail is None or detail >= MIN_PX_PER_MM

    def gated(
        concern: Concern, fn: Callable[[SkinContext], ConcernResult]
    ) -> Callable[[SkinContext], list[ConcernResult]]:
        if fine_ok:
            return lambda c: [fn(c)]
        return lambda c: [not_enough_detail(concern, detail or 0.0)]

    steps: list[tuple[str, Callable[[SkinContext], list[ConcernResult]]]] = [
        ("redness", lambda c: [assess_redness(c)]),
        (
            "spots",
            assess_spots
            if fine_ok
            else lambda c: [
                not_enough_detail(Concern.ACNE, detail or 0.0),
                not_enough_detail(Concern.DARK_SPOTS, detail or 0.0),
            ],
        ),
        ("uneven_tone", gated(Concern.UNEVEN_TONE, assess_uneven_tone)),
        ("shine", lambda c: [assess_shine(c)]),
        ("texture", gated(Concern.TEXTURE, assess_texture)),
        ("lesion", gated(Concern.LESION, assess_lesions)),
    ]
    if ctx.face is not None:
        steps += [
            ("fine_lines", gated(Concern.FINE_LINES, assess_fine_lines)),
            ("dark_circles", lambda c: [assess_dark_circles(c)]),
        ]
    out: list[ConcernResult] = []
    for name, fn in steps:
        t = time.perf_counter()
        out.extend(fn(ctx))
        if timings is not None:
            timings[f"concern_{name}"] = round((time.perf_counter() - t) * 1000, 2)
    order = [concern.value for concern in Concern]  # the enum's order is the results' order
    out.sort(key=lambda c: order.index(c.name))
    return out
