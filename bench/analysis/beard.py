"""A beard of real hair on the astronaut, at every Monk tone (issue 15: hair on dark skin).

The hair is real: the fur of scikit-image's ``chelsea`` (a cat's forehead, tabby fur at its
native resolution, so single strands are a pixel or two wide), darkened to black hair's colour
(CIELAB L* about 18) with the fur's own light-dark variation kept as a ratio, and alpha-blended
over the astronaut's chin and jaw (a polygon through her landmarks: below the lower lip and the
mouth corners, up the jaw to the ears, the lower part of both cheeks included). Where the fur
is lighter the beard is thinner (more skin shows between the hairs), as in a real beard.

The face is the head-and-shoulders crop of the astronaut recoloured to a Monk tone (her own
skin texture kept, :func:`bench.analysis.real_faces.recolour`), upscaled x3 to 930 x 840 (her
inter-pupil distance about 150 px, 2.4 px/mm) *before* the beard is added, so the hair is
sharp at the analysed resolution as it is in a phone photo.

``python -m bench.analysis.beard`` prints, per tone, how many beard pixels the chin and cheek
regions keep and the concern scores with and without the beard.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from bench.analysis.real_faces import (
    astronaut,
    jpeg,
    light_gains,
    recolour,
    skin_weight,
    to_linear,
    to_srgb,
)

#: The head-and-shoulders crop (rows, columns) of the 512-px astronaut, and its upscaling.
CROP = (slice(20, 330), slice(90, 370))
UPSCALE = 3
#: The beard: a full beard through her landmarks (the face outline from ear to ear along the
#: jaw, back over the lower half of both cheeks to the mouth corners, and the lower lip's
#: lower edge: no moustache).
BEARD_POLYGON = (
    93, 132, 58, 172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397, 288, 361,
    323, 411, 425, 291, 375, 321, 405, 314, 17, 84, 181, 91, 146, 61, 205, 187,
)  # fmt: skip
#: Black hair (CIELAB): the fur's mean is mapped to this colour.
HAIR_LAB = (18.0, 2.0, 4.0)
#: The concerns the beard could raise (and redness, which must not move).
CONCERNS = ("texture", "dark_spots", "lesion", "redness", "acne", "fine_lines")


#: Real hair textures: (scikit-image picture, rows, columns). The cat's forehead fur is the
#: one the cue's thresholds were chosen on; the camera man's own hair (short, dark, barely
#: resolved strands) is held out to check them.
HAIR_TEXTURES = {
    "cat_fur": ("chelsea", slice(5, 115), slice(160, 330)),
    "cameraman_hair": ("camera", slice(88, 120), slice(185, 245)),
}


@lru_cache(maxsize=4)
def fur(texture: str = "cat_fur") -> np.ndarray:
    """Relative luminance of real hair (mean 1), see ``HAIR_TEXTURES``."""
    from skimage import data

    name, rows, cols = HAIR_TEXTURES[texture]
    img = getattr(data, name)()[rows, cols]
    if img.ndim == 2:
        img = np.repeat(img[..., None], 3, axis=2)
    y = to_linear(img) @ np.array([0.2126, 0.7152, 0.0722])
    out: np.ndarray = y / float(y.mean())
    out.setflags(write=False)
    return out


def _tiled(tex: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    """``tex`` mirrored and repeated to cover ``shape`` (native resolution, no resampling)."""
    h, w = shape
    reps = (h // tex.shape[0] + 2, w // tex.shape[1] + 2)
    row = np.hstack([tex, tex[:, ::-1]])
    block = np.vstack([row, row[::-1]])
    out: np.ndarray = np.tile(block, (reps[0] // 2 + 1, reps[1] // 2 + 1))[:h, :w]
    return out


#: The forehead's upper edge (the face outline from temple to temple) and the brows' upper
#: edge: a fringe hangs from the first halfway down to the second.
FOREHEAD_TOP = (54, 103, 67, 109, 10, 338, 297, 332, 284)
BROWS_TOP = (70, 63, 105, 66, 107, 9, 336, 296, 334, 293, 300)


def hair_region(landmarks: np.ndarray, shape: tuple[int, ...], where: str) -> np.ndarray:
    """Where the hair lies (0-1, edge feathered by about 1 mm): ``"beard"`` (chin, jaw and
    lower cheeks) or ``"fringe"`` (the upper half of the forehead)."""
    from skinlab.landmarks import polygon_mask

    if where == "beard":
        m = polygon_mask(landmarks, BEARD_POLYGON, shape)
    else:
        top = landmarks[list(FOREHEAD_TOP), :2].astype(np.float64)
        drop = float(landmarks[list(BROWS_TOP), 1].mean() - top[:, 1].mean()) / 2
        # up beyond the outline too (a fringe comes from the hair above)
        down = np.array([0.0, drop])
        poly = np.vstack([top - down, (top + down)[::-1]])
        m = np.zeros(shape[:2], np.uint8)
        cv2.fillPoly(m, [np.round(poly).astype(np.int32)], 1)
    out: np.ndarray = np.clip(cv2.GaussianBlur(m.astype(np.float32), (0, 0), 2.0), 0, 1)
    return out


def add_hair(
    rgb: np.ndarray,
    landmarks: np.ndarray,
    texture: str = "cat_fur",
    where: str = "beard",
    thickness: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """(the photo with black hair of a real texture over ``where``, the hair's opacity 0-1).

    ``thickness`` scales the opacity: 1 is a full beard (55-95 % of each pixel hair), about
    0.4 a sparse stubble."""
    from bench.analysis.synthetic import lab_to_linear

    h, w = rgb.shape[:2]
    tex = _tiled(fur(texture), (h, w))
    hair = lab_to_linear(HAIR_LAB)[None, None, :] * tex[..., None]
    # Dense where the fur is dark, thinner where it is light: skin shows between the hairs.
    density = np.clip(1.25 - 0.45 * tex, 0.55, 0.95) * thickness
    alpha = hair_region(landmarks, rgb.shape, where) * density
    lin = to_linear(rgb)
    out = lin * (1 - alpha[..., None]) + hair * alpha[..., None]
    return to_srgb(out), alpha


@dataclass
class Face:
    rgb: np.ndarray
    landmarks: np.ndarray


@lru_cache(maxsize=1)
def _astronaut_skin() -> tuple[np.ndarray, np.ndarray]:
    from skinlab.detect import make_face_detector

    rgb = astronaut()
    face = make_face_detector("mediapipe").detect(rgb)[0]
    assert face.landmarks is not None
    return face.landmarks, skin_weight(rgb, face.landmarks)


def toned_face(monk: int) -> Face:
    """The astronaut's head recoloured to Monk ``monk`` in daylight, upscaled (no beard)."""
    from skinlab.tone import MONK_SKIN_LAB

    landmarks, weight = _astronaut_skin()
    img = recolour(astronaut(), weight, MONK_SKIN_LAB[monk - 1], light_gains()["daylight"])
    ys, xs = CROP
    crop = img[ys, xs]
    big = cv2.resize(
        crop, (crop.shape[1] * UPSCALE, crop.shape[0] * UPSCALE), interpolation=cv2.INTER_CUBIC
    )
    pts = landmarks.astype(np.float64).copy()
    pts[:, 0] = (pts[:, 0] - xs.start) * UPSCALE
    pts[:, 1] = (pts[:, 1] - ys.start) * UPSCALE
    return Face(big, pts)


def not_her_skin() -> np.ndarray:
    """Where the upscaled head is not the astronaut's skin (her recolouring weight under 0.5):
    her own hair, which stays blond on every tone, and her eyes, brows and teeth."""
    _, weight = _astronaut_skin()
    ys, xs = CROP
    crop = weight[ys, xs].astype(np.float32)
    size = (crop.shape[1] * UPSCALE, crop.shape[0] * UPSCALE)
    out: np.ndarray = cv2.resize(crop, size, interpolation=cv2.INTER_LINEAR) <= 0.5
    return out


def sharpened(rgb: np.ndarray, amount: float = 1.0) -> np.ndarray:
    """``rgb`` sharpened as a phone does: an unsharp mask of ``amount`` at 1.5 px."""
    x = rgb.astype(np.float32)
    out: np.ndarray = np.clip(x + amount * (x - cv2.GaussianBlur(x, (0, 0), 1.5)), 0, 255)
    return out.astype(np.uint8)


def bearded_face(
    monk: int, texture: str = "cat_fur", where: str = "beard", thickness: float = 1.0
) -> tuple[Face, np.ndarray]:
    """The Monk ``monk`` astronaut with black hair of a real texture (a beard by default; see
    :func:`add_hair`), and the hair's opacity."""
    f = toned_face(monk)
    rgb, alpha = add_hair(f.rgb, f.landmarks, texture, where, thickness)
    return Face(rgb, f.landmarks), alpha


@dataclass
class Measure:
    """What the engine made of one photo."""

    #: Region name → its mask (working-image pixels).
    masks: dict[str, np.ndarray]
    #: Concern → severity.
    scores: dict[str, int]
    #: All the skin looked at (``RegionSet.skin_area``).
    skin: np.ndarray
    #: Concern → the centres (x, y) of what it found (spots, the lesion screen's spot).
    found: dict[str, list[tuple[float, float]]]

    def found_on(self, concern: str, mask: np.ndarray) -> int:
        """How many of ``concern``'s findings lie on ``mask``."""
        h, w = mask.shape
        return sum(
            1
            for x, y in self.found[concern]
            if mask[min(h - 1, max(0, round(y))), min(w - 1, max(0, round(x)))]
        )


def analyse(rgb: np.ndarray) -> Measure:
    """The full analysis of ``rgb`` (JPEG q90), with the skin regions it measured."""
    import skinlab
    import skinlab.pipeline as pipeline
    from skinlab.regions import RegionSet

    # the pipeline's own name for build_regions (imported from skinlab.regions), wrapped to
    # keep what it returns
    names = vars(pipeline)
    build = names["build_regions"]
    seen: list[RegionSet] = []

    def recording(*args: Any) -> RegionSet:
        out: RegionSet = build(*args)
        seen.append(out)
        return out

    names["build_regions"] = recording
    try:
        r = skinlab.analyze_image(jpeg(rgb), options=skinlab.AnalysisOptions(overlay=False))
    finally:
        names["build_regions"] = build
    regions = seen[-1]
    assert r.image["analysed_width"] == rgb.shape[1], "the photo must be analysed at full size"
    scores = {}
    found = {}
    for name in CONCERNS:
        c = r.concern(name)
        scores[name] = c.severity if c is not None else 0
        boxes = c.locations if c is not None else []
        found[name] = [(b["x"] + b["w"] / 2, b["y"] + b["h"] / 2) for b in boxes]
    return Measure(dict(regions.masks), scores, regions.skin_area, found)


@contextmanager
def hair_cue_replaced(hair: np.ndarray | None) -> Iterator[None]:
    """The engine with its hair cue replaced: by nothing (``None``: the engine before the cue,
    hair left to the colour test), or by the true hair (the beard's own mask, taken out of
    the skin where the cue would be: what a perfect cue would give, the yardstick for the
    concern scores). Works on an engine without the cue too."""
    import skinlab.pipeline  # noqa: F401  (bound to the engine's own functions first)
    import skinlab.regions as regions

    cue = getattr(regions, "hair_mask", None)
    loose = regions.loose_skin_mask

    def no_cue(lab: np.ndarray, skin: np.ndarray, *_: object) -> np.ndarray:
        return np.zeros(skin.shape, bool)

    def without_true_hair(lab: np.ndarray, *args: Any) -> np.ndarray:
        out: np.ndarray = loose(lab, *args) & ~true
        return out

    if cue is not None:
        regions.hair_mask = no_cue  # type: ignore[assignment]
    if hair is not None:
        true = hair
        regions.loose_skin_mask = without_true_hair  # type: ignore[assignment]
    try:
        yield
    finally:
        regions.loose_skin_mask = loose
        if cue is not None:
            regions.hair_mask = cue


def without_hair_cue() -> AbstractContextManager[None]:
    """The engine as it was before the hair cue (issue 15): hair is left to the colour test."""
    return hair_cue_replaced(None)


def true_hair(alpha: np.ndarray) -> np.ndarray:
    """Every pixel the beard touches (opacity over 5 %, grown by 1 px)."""
    out: np.ndarray = cv2.dilate((alpha > 0.05).astype(np.uint8), np.ones((3, 3), np.uint8)) > 0
    return out


def beard_kept(m: Measure, landmarks: np.ndarray, alpha: np.ndarray, names: tuple[str, ...]) -> str:
    """ "kept/in": beard pixels (opacity > 0.5) the named regions still count as skin, of those
    inside the regions' geometry."""
    from skinlab.landmarks import region_masks

    geom = region_masks(landmarks.astype(np.float32), alpha.shape)
    beard = alpha > 0.5
    inside = np.zeros(beard.shape, bool)
    kept = np.zeros(beard.shape, bool)
    for n in names:
        inside |= geom[n]
        kept |= m.masks[n]
    return f"{int((kept & beard).sum())}/{int((inside & beard).sum())}"


#: Other hair (cat fur): a fringe over the upper forehead, and a sparse stubble (opacity
#: 22-38 %, hair counted where it is over 20 %) where the beard grows.
OTHER_HAIR = {
    "fringe": ("fringe", 1.0, "forehead", 0.5),
    "stubble": ("beard", 0.4, "chin", 0.2),
}


def other_hair_rows() -> list[list[object]]:
    """Per tone and kind of hair: hair kept in its region and dark spots found on the hair
    (without → with the cue), texture and dark spots (without → with (true mask))."""
    from skinlab.landmarks import region_masks

    rows: list[list[object]] = []
    for kind, (where, thickness, region, cut) in OTHER_HAIR.items():
        for monk in range(1, 11):
            face, alpha = bearded_face(monk, "cat_fur", where, thickness)
            hair, truth_mask = alpha > cut, true_hair(alpha)
            inside = int((region_masks(face.landmarks.astype(np.float32), alpha.shape)[region]
                          & hair).sum())  # fmt: skip
            with without_hair_cue():
                before = analyse(face.rgb)
            with hair_cue_replaced(truth_mask):
                truth = analyse(face.rgb)
            after = analyse(face.rgb)
            kept = [int((m.masks[region] & hair).sum()) for m in (before, after)]
            spots = [m.found_on("dark_spots", truth_mask) for m in (before, after)]
            rows.append([
                kind, f"Monk {monk}", f"{kept[0]}→{kept[1]}/{inside}", f"{spots[0]}→{spots[1]}",
                *(f"{before.scores[c]}→{after.scores[c]} ({truth.scores[c]})"
                  for c in ("texture", "dark_spots")),
            ])  # fmt: skip
    return rows


def table(title: str, header: list[str], rows: Sequence[Sequence[object]]) -> None:
    """A plain-text table, as the other benchmark sections print them."""
    cells = [header, *([str(c) for c in r] for r in rows)]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    print(f"\n== {title} ==")
    for j, r in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
        if j == 0:
            print("  ".join("-" * w for w in widths))


#: The real lesion photos (PAD-UFES-20, with masks and the lesion's diameter in mm).
PAD = Path(__file__).resolve().parents[1] / "data" / "pad_ufes20"


def pad_lesions() -> list[dict[str, str]]:
    """The shared PAD-UFES-20 photos that have a lesion mask and a measured diameter."""
    with open(PAD / "labels.csv", encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["mask_file"] and r["diameter_1"]]


def lesion_on_cheek(row: dict[str, str], monk: int = 3) -> tuple[Face, np.ndarray] | None:
    """The Monk ``monk`` astronaut with the real lesion of PAD photo ``row`` on her left cheek
    at its true size (``diameter_1`` mm at the face's pixels per mm), and where it lies.

    The lesion is cut out by its mask (soft edge) and keeps its contrast with the skin around it
    in its own photo, as a ratio, on the astronaut's skin. None when it does not fit.
    """
    from skinlab.landmarks import eye_centres

    f = toned_face(monk)
    pa, pb = eye_centres(f.landmarks)
    px_per_mm = float(np.linalg.norm(np.subtract(pb, pa))) / 63.0
    bgr = cv2.imread(str(PAD / row["file"]))
    grey = cv2.imread(str(PAD / row["mask_file"]), cv2.IMREAD_GRAYSCALE)
    if bgr is None or grey is None:
        raise FileNotFoundError(f"{row['file']} or its mask is missing from {PAD}")
    img = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    mask: np.ndarray = np.asarray(grey) > 127
    ys, xs = np.nonzero(mask)
    if len(ys) < 20:
        return None
    across = max(int(np.ptp(xs)), int(np.ptp(ys))) + 1
    k = float(row["diameter_1"]) * px_per_mm / across
    pad = int(0.3 * across)
    y0, x0 = max(0, ys.min() - pad), max(0, xs.min() - pad)
    y1, x1 = min(img.shape[0], ys.max() + pad + 1), min(img.shape[1], xs.max() + pad + 1)
    size = (max(1, round((x1 - x0) * k)), max(1, round((y1 - y0) * k)))
    patch = cv2.resize(img[y0:y1, x0:x1], size, interpolation=cv2.INTER_AREA).astype(np.float32)
    inside = cv2.resize(mask[y0:y1, x0:x1].astype(np.float32), size)
    alpha = np.clip(1.3 * cv2.GaussianBlur(inside, (0, 0), max(0.5, 0.08 * size[1])), 0, 1)
    around = inside < 0.05
    if around.sum() < 10:
        return None
    cx, cy = f.landmarks[425, :2]  # the middle of her left cheek
    X0, Y0 = int(cx - size[0] / 2), int(cy - size[1] / 2)
    if X0 < 0 or Y0 < 0 or Y0 + size[1] > f.rgb.shape[0] or X0 + size[0] > f.rgb.shape[1]:
        return None
    rgb = f.rgb.astype(np.float32)
    skin = rgb[Y0 : Y0 + size[1], X0 : X0 + size[0]]
    lesion = np.clip(patch * (skin.mean(axis=(0, 1)) / patch[around].mean(axis=0)), 0, 255)
    skin[:] = skin * (1 - alpha[..., None]) + lesion * alpha[..., None]
    where = np.zeros(rgb.shape[:2], bool)
    where[Y0 : Y0 + size[1], X0 : X0 + size[0]] = inside > 0.5
    return Face(rgb.astype(np.uint8), f.landmarks), where


def lesion_rows() -> list[list[object]]:
    """Per PAD lesion on the cheek: the share of it the cue takes for hair, and whether the
    lesion screen finds it without and with the cue."""
    rows: list[list[object]] = []
    for row in pad_lesions():
        placed = lesion_on_cheek(row)
        if placed is None:
            continue
        face, where = placed
        with without_hair_cue():
            before = analyse(face.rgb)
        after = analyse(face.rgb)
        kept = int((before.skin & where).sum())
        lost = 1 - int((after.skin & where).sum()) / max(1, kept)
        found = [m.found_on("lesion", where) > 0 for m in (before, after)]
        rows.append([row["diagnostic"], row["diameter_1"], f"{lost:.0%}", *found])
    return rows


def main() -> None:
    shown = ("texture", "dark_spots", "lesion", "redness")
    for texture in HAIR_TEXTURES:
        rows = []
        for monk in range(1, 11):
            clean = toned_face(monk)
            face, alpha = bearded_face(monk, texture)
            with without_hair_cue():
                clean_before, before = analyse(clean.rgb), analyse(face.rgb)
            with hair_cue_replaced(true_hair(alpha)):
                truth = analyse(face.rgb)
            clean_after, after = analyse(clean.rgb), analyse(face.rgb)
            cells = [
                f"{beard_kept(m, face.landmarks, alpha, names)}"
                for names in (("chin",), ("left_cheek", "right_cheek"))
                for m in (before, after)
            ]
            scores = [
                f"{clean_before.scores[c]}/{clean_after.scores[c]} {before.scores[c]}→"
                f"{after.scores[c]} ({truth.scores[c]})"
                for c in shown
            ]
            on_beard = [m.found_on("dark_spots", true_hair(alpha)) for m in (before, after)]
            spots = f"{on_beard[0]}→{on_beard[1]}"
            rows.append([f"Monk {monk}", *cells, spots, *scores])
        table(
            f"Beard of real hair ({texture}) on the astronaut. Beard pixels kept as skin / "
            "inside the region, without and with the hair cue. Each concern: clean face "
            "without/with the cue; bearded face without → with the cue (with the true beard "
            "mask left out instead: what a perfect cue would score). Dark spots found on the "
            "beard: without → with the cue",
            [
                "tone",
                "chin before",
                "chin after",
                "cheeks before",
                "cheeks after",
                "dark spots on beard",
                *shown,
            ],
            rows,
        )
    table(
        "Other black hair of real fur: kept as skin in its region (forehead, chin) and dark "
        "spots found on it, without → with the cue; texture and dark spots without → with "
        "the cue (true hair mask left out)",
        ["hair", "tone", "kept / in region", "dark spots on it", "texture", "dark_spots"],
        other_hair_rows(),
    )
    lesions = lesion_rows()
    table(
        "Real lesions (PAD-UFES-20) on the Monk 3 astronaut's cheek at their true size: share "
        "taken for hair, and found by the lesion screen without / with the cue",
        ["diagnosis", "diameter mm", "taken for hair", "found without", "found with"],
        lesions,
    )
    print(
        f"found without the cue {sum(bool(r[3]) for r in lesions)}, with it "
        f"{sum(bool(r[4]) for r in lesions)}, of {len(lesions)}"
    )


if __name__ == "__main__":
    main()
