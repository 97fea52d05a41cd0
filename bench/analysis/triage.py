"""Lesion triage on the PAD-UFES-20 photos, validated leave-one-patient-out.

``python -m bench.analysis.triage`` prints, by diagnosis, how many spots end at each urgency
with the person's answers and from the photo alone. Every weight and threshold of the
answers model is fitted on the other patients' photos only, and the photo it is scored on
(and every other photo of that patient) is never in its fit. ``--write-model`` then fits the
shipped model on all the photos and writes ``skinlab/triage_model.py``.

The fit, stated up front (not tuned on the scores printed here):

* logistic regression on the features of :func:`skinlab.triage.features`, weights
  constrained ≥ 0 (a warning sign or a "yes" never lowers the urgency) with a Gaussian prior
  of unit variance on each (L2, λ = 1; the features are 0/1), intercept free; fitted on
  MEL, BCC, SCC (positive) against NEV and SEK (negative). ACK (precancerous, which
  dermatologists treat) is left out of the fit and reported apart;
* a "don't know" (PAD's ``UNK``) is the mean of the known answers in the fold;
* ``soon`` at the 5th percentile of the fold's malignant scores (≥ 95 % of the fitting
  set's cancers referred: the 90 % target and a margin for the step to unseen photos);
  ``urgent`` at the 90th percentile of the fold's NEV/SEK scores (at most one in ten common
  benign spots called urgent), never below ``soon``.

The photo-only model (issue 14, the second try; stated here before its first scored run):

* features of the spot a close-up is taken of, from :func:`skinlab.checks.lesion.colour_contrast`
  (each a contrast with the skin right around the spot): ``darkening`` (pigment),
  ``reddening`` (erythema index), ``variegation`` (90th percentile ΔE76 from the spot's
  median colour), ``white`` (share lighter and less coloured than the skin: scale, crust,
  pearly), ``dark_blue`` (share black or blue-grey), and ``signs`` (the number of ABCD
  signs, 0-3); no size (a close-up has no scale);
* logistic regression on the features standardised with the fold's own mean and SD, a
  Gaussian prior of unit variance on each weight (L2, λ = 1), intercept free; every weight
  but ``darkening``'s constrained ≥ 0 (redness, mixed colours, white, black/blue-grey and
  the ABCD signs are warning signs; darkening is not one way or the other: melanoma and
  naevi are dark, the pink cancers are not). MEL/BCC/SCC vs NEV/SEK, ACK apart;
* ``soon`` at the 5th percentile of the fold's cancer scores (the same convention as the
  answers model); below it ``routine``. The floor of the answers path stays: three ABCD
  signs keep a spot at ``soon``. Never ``urgent`` from a photo alone;
* a spot whose contrast could not be measured keeps the ABCD rule (any one sign).

Scored once (75 % of cancers, MEL 3/6; 74 % of NEV/SEK): not adopted. A second model, stated
before its one scored run (after the first had been scored and its features looked at):
the same fit with one more feature, ``texture`` (the spot's fine-scale ``log_l`` roughness
over the skin's, ln ratio: a warty, crusted or scaly surface — seborrhoeic keratosis and
squamous cell carcinoma alike — against the smooth surface of a naevus or a pearly
nodule), its weight's sign free.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

import skinlab
from skinlab.answers import SpotAnswers
from skinlab.triage import FLOOR_SIGNS, URGENCIES, features, triage
from skinlab.triage_model import TriageModel

ROOT = Path(__file__).resolve().parents[2]
PAD = ROOT / "bench" / "data" / "pad_ufes20"
MODEL_PY = ROOT / "skinlab" / "triage_model.py"
MALIGNANT = ("MEL", "BCC", "SCC")
BENIGN = ("NEV", "SEK")
ORDER = ("MEL", "BCC", "SCC", "NEV", "SEK", "ACK")
LAMBDA = 1.0
SOON_SENSITIVITY = 0.95
URGENT_BENIGN_QUANTILE = 0.95
#: PAD-UFES-20 column of each answer
PAD_COLUMNS = {
    "changed": "changed", "grew": "grew", "bleeds": "bleed", "itches": "itch",
    "hurts": "hurt", "raised": "elevation", "skin_cancer_history": "skin_cancer_history",
}  # fmt: skip


def pad_answers(row: dict[str, str]) -> SpotAnswers:
    """The PAD-UFES-20 anamnesis as the answers a person would give (UNK: don't know)."""

    def yn(v: str) -> bool | None:
        return None if v in ("", "UNK") else v == "True"

    age = row.get("age", "")
    return SpotAnswers(
        age=int(float(age)) if age not in ("", "UNK") else None,
        **{key: yn(row[col]) for key, col in PAD_COLUMNS.items()},
    )


def load_cases(rows: Sequence[dict[str, str]]) -> list[dict[str, Any]]:
    """Analyse every photo once (photo only); the answers are added per fold."""
    cases = []
    for row in rows:
        r = skinlab.analyze_image(PAD / row["file"], options=skinlab.AnalysisOptions(overlay=False))
        lesion = r.concern("lesion")
        assert lesion is not None
        details = dict(lesion.details)
        # the photo-only screen, before any triage: what the model sees of the photo
        cases.append(
            {
                "file": row["file"],
                "patient": row["patient_id"],
                "dx": row["diagnostic"],
                "details": details,
                "answers": pad_answers(row),
            }
        )
    return cases


def _matrix(cases: Sequence[dict[str, Any]]) -> tuple[list[str], np.ndarray]:
    names = list(features(cases[0]["details"], cases[0]["answers"]))
    x = np.array(
        [
            [np.nan if v is None else v for v in features(c["details"], c["answers"]).values()]
            for c in cases
        ],
        dtype=np.float64,
    )
    return names, x


def fit(cases: Sequence[dict[str, Any]]) -> TriageModel:
    """Fit the answers model on these cases (MEL/BCC/SCC vs NEV/SEK; ACK left out)."""
    used = [c for c in cases if c["dx"] in MALIGNANT + BENIGN]
    names, x = _matrix(used)
    y = np.array([c["dx"] in MALIGNANT for c in used], dtype=np.float64)
    means = np.nanmean(x, axis=0)
    means = np.where(np.isnan(means), 0.0, means)  # a feature nobody answered: no evidence
    xi = np.where(np.isnan(x), means, x)
    n = xi.shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = xi @ w[:n] + w[n]
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * LAMBDA * w[:n] @ w[:n])
        grad = np.r_[xi.T @ (p - y) + LAMBDA * w[:n], np.sum(p - y)]
        return value, grad

    bounds = [(0.0, None)] * n + [(None, None)]
    w = minimize(loss, np.zeros(n + 1), jac=True, method="L-BFGS-B", bounds=bounds).x
    scores = xi @ w[:n] + w[n]
    soon = float(np.quantile(scores[y == 1], 1.0 - SOON_SENSITIVITY))
    urgent = max(soon, float(np.quantile(scores[y == 0], URGENT_BENIGN_QUANTILE)))
    return TriageModel(
        weights={k: round(float(v), 4) for k, v in zip(names, w[:n], strict=True)},
        bias=round(float(w[n]), 4),
        means={k: round(float(v), 4) for k, v in zip(names, means, strict=True)},
        soon_threshold=round(soon, 4),
        urgent_threshold=round(urgent, 4),
    )


#: The photo-only model's inputs: the spot's colour against the skin around it
#: (:func:`skinlab.checks.lesion.colour_contrast`) and the number of ABCD signs.
PHOTO_FEATURES = ("darkening", "reddening", "variegation", "white", "dark_blue", "signs")
#: the second model's features (``texture`` added)
PHOTO_FEATURES_2 = (*PHOTO_FEATURES, "texture")
PHOTO_SIGNS = ("asymmetry", "border", "colour")


@dataclass(frozen=True)
class PhotoModel:
    """A logistic score over the standardised photo features; ``soon`` at or above the cut."""

    weights: dict[str, float]
    bias: float
    mean: dict[str, float]
    sd: dict[str, float]
    soon_threshold: float


def photo_features(
    details: dict[str, Any], names: Sequence[str] = PHOTO_FEATURES
) -> dict[str, float] | None:
    """The photo model's inputs for the spot of ``details``, or None (contrast not measured)."""
    contrast = details.get("contrast")
    if not contrast:
        return None
    out = {k: float(contrast[k]) for k in names if k != "signs"}
    out["signs"] = float(sum(s in PHOTO_SIGNS for s in details.get("signs") or []))
    return out


def photo_model_urgency(details: dict[str, Any], model: PhotoModel) -> str:
    """The photo-only urgency the model gives (as stated in the module's docstring)."""
    x = photo_features(details, tuple(model.weights))
    if x is None:
        return "soon" if _abcd(details) else "routine"
    score = model.bias + sum(
        w * (x[k] - model.mean[k]) / model.sd[k] for k, w in model.weights.items()
    )
    return "soon" if x["signs"] >= FLOOR_SIGNS or score >= model.soon_threshold else "routine"


def _abcd(details: dict[str, Any]) -> bool:
    """The photo screen's own verdict on the spot (before any triage overwrote it)."""
    cands = details.get("candidates") or [{}]
    return bool(cands[0].get("worth_a_look"))


PHOTO_LAMBDA = 1.0
PHOTO_SOON_SENSITIVITY = 0.95
#: photo features whose weight may take either sign (the rest are warning signs: ≥ 0)
PHOTO_FREE_SIGN = ("darkening",)


def fit_photo(
    cases: Sequence[dict[str, Any]],
    free_sign: Sequence[str] = PHOTO_FREE_SIGN,
    names: Sequence[str] = PHOTO_FEATURES,
) -> PhotoModel:
    """Fit the photo-only model on these cases (MEL/BCC/SCC vs NEV/SEK; ACK left out)."""
    used = [
        c
        for c in cases
        if c["dx"] in MALIGNANT + BENIGN and photo_features(c["details"], names) is not None
    ]
    x = np.array(
        [list((photo_features(c["details"], names) or {}).values()) for c in used],
        dtype=np.float64,
    )
    y = np.array([c["dx"] in MALIGNANT for c in used], dtype=np.float64)
    mean, sd = x.mean(axis=0), x.std(axis=0)
    sd = np.where(sd > 0, sd, 1.0)
    xs = (x - mean) / sd
    n = xs.shape[1]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = xs @ w[:n] + w[n]
        p = 1.0 / (1.0 + np.exp(-z))
        value = float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * PHOTO_LAMBDA * w[:n] @ w[:n])
        grad = np.r_[xs.T @ (p - y) + PHOTO_LAMBDA * w[:n], np.sum(p - y)]
        return value, grad

    bounds = [(None, None) if k in free_sign else (0.0, None) for k in names]
    w = minimize(
        loss, np.zeros(n + 1), jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)]
    ).x
    scores = xs @ w[:n] + w[n]
    soon = float(np.quantile(scores[y == 1], 1.0 - PHOTO_SOON_SENSITIVITY))
    return PhotoModel(
        weights={k: round(float(v), 4) for k, v in zip(names, w[:n], strict=True)},
        bias=round(float(w[n]), 4),
        mean={k: round(float(v), 4) for k, v in zip(names, mean, strict=True)},
        sd={k: round(float(v), 4) for k, v in zip(names, sd, strict=True)},
        soon_threshold=round(soon, 4),
    )


def lopo(cases: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Each patient's urgencies from a model fitted without that patient."""
    out = []
    for patient in dict.fromkeys(c["patient"] for c in cases):
        rest = [c for c in cases if c["patient"] != patient]
        model = fit(rest)
        pmodel = fit_photo(rest)
        free = fit_photo(rest, free_sign=PHOTO_FEATURES)
        second = fit_photo(rest, free_sign=(*PHOTO_FREE_SIGN, "texture"), names=PHOTO_FEATURES_2)
        for c in (c for c in cases if c["patient"] == patient):
            with_answers = triage(c["details"], c["answers"], model=model)
            photo_only = triage(c["details"], None, model=model)
            out.append(
                {
                    "dx": c["dx"],
                    "answers": with_answers.urgency,
                    "photo": photo_only.urgency,
                    # the alternative the photo-only rule was weighed against (not adopted)
                    "two_signs": "soon" if len(c["details"].get("signs") or []) >= 2 else "routine",
                    # the photo model stated above, fitted in the fold (not adopted)
                    "photo_model": photo_model_urgency(c["details"], pmodel),
                    # the same with every weight's sign free (not adopted)
                    "free": photo_model_urgency(c["details"], free),
                    # the second model: texture added (not adopted unless stated)
                    "second": photo_model_urgency(c["details"], second),
                }
            )
    return out


def _soon_plus(urg: list[str]) -> str:
    n = sum(u in ("soon", "urgent") for u in urg)
    return f"{n}/{len(urg)} ({_share(urg):.0f}%)"


def _share(urg: list[str]) -> float:
    return 100 * statistics.fmean(u in ("soon", "urgent") for u in urg) if urg else float("nan")


def report(results: Sequence[dict[str, str]]) -> list[tuple[str, bool]]:
    """Print the table by diagnosis and the targets; returns (target, met) pairs."""
    header = ["diagnosis", "n"]
    for basis in ("with answers", "photo only"):
        header += [f"{basis}: none/routine/soon/urgent", f"{basis}: soon+"]
    print("\n== Lesion triage on PAD-UFES-20, leave-one-patient-out ==")
    rows = []
    for dx in ORDER:
        sel = [r for r in results if r["dx"] == dx]
        cells = [dx, str(len(sel))]
        for key in ("answers", "photo"):
            urg = [r[key] for r in sel]
            cells.append("/".join(str(urg.count(u)) for u in URGENCIES))
            cells.append(
                f"{sum(u in ('soon', 'urgent') for u in urg)}/{len(urg)} ({_share(urg):.0f}%)"
            )
        rows.append(cells)
    for group, dxs in (("MEL+BCC+SCC", MALIGNANT), ("NEV+SEK", BENIGN)):
        sel = [r for r in results if r["dx"] in dxs]
        cells = [group, str(len(sel))]
        for key in ("answers", "photo"):
            urg = [r[key] for r in sel]
            cells.append("/".join(str(urg.count(u)) for u in URGENCIES))
            cells.append(
                f"{sum(u in ('soon', 'urgent') for u in urg)}/{len(urg)} ({_share(urg):.0f}%)"
            )
        rows.append(cells)
    _table(header, rows)
    mal = [r for r in results if r["dx"] in MALIGNANT]
    ben = [r for r in results if r["dx"] in BENIGN]
    checks = [
        ("with answers: MEL/BCC/SCC soon+ ≥ 90%", _share([r["answers"] for r in mal]) >= 90),
        ("with answers: NEV/SEK soon+ ≤ 40%", _share([r["answers"] for r in ben]) <= 40),
        ("photo only: MEL/BCC/SCC soon+ ≥ 85%", _share([r["photo"] for r in mal]) >= 85),
        ("photo only: NEV/SEK soon+ ≤ 70%", _share([r["photo"] for r in ben]) <= 70),
    ]
    two_mal = _share([r["two_signs"] for r in mal])
    two_ben = _share([r["two_signs"] for r in ben])
    print(
        f"\n(not adopted) photo only with two signs needed: MEL/BCC/SCC {two_mal:.0f}%, "
        f"NEV/SEK {two_ben:.0f}%; by diagnosis "
        + ", ".join(
            f"{dx} {sum(r['two_signs'] == 'soon' for r in results if r['dx'] == dx)}/"
            f"{sum(r['dx'] == dx for r in results)}"
            for dx in ORDER
        )
    )
    for key, what in (
        ("photo_model", "(not adopted) photo model (colour contrasts + signs), in-fold"),
        ("free", "(not adopted) the same with every weight's sign free"),
        ("second", "(not adopted) second model: colour contrasts + signs + texture, in-fold"),
    ):
        print(
            f"{what}: MEL/BCC/SCC {_share([r[key] for r in mal]):.0f}%, "
            f"NEV/SEK {_share([r[key] for r in ben]):.0f}%, ACK "
            f"{_share([r[key] for r in results if r['dx'] == 'ACK']):.0f}%; by diagnosis "
            + ", ".join(
                f"{dx} {sum(r[key] in ('soon', 'urgent') for r in results if r['dx'] == dx)}/"
                f"{sum(r['dx'] == dx for r in results)}"
                for dx in ORDER
            )
        )
    print()
    for name, ok in checks:
        print(f"{'PASS' if ok else 'MISS'}  {name}")
    return checks


def _table(header: list[str], rows: list[list[str]]) -> None:
    cells = [header, *rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    for j, r in enumerate(cells):
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
        if j == 0:
            print("  ".join("-" * w for w in widths))


def write_model(model: TriageModel, n: int) -> None:
    """Write the shipped model's numbers into ``skinlab/triage_model.py``."""
    text = MODEL_PY.read_text(encoding="utf-8")
    head = text.split("MODEL = TriageModel(")[0]

    def fmt(d: dict[str, float]) -> str:
        return "".join(f"        {k!r}: {v!r},\n" for k, v in d.items()).replace("'", '"')

    body = (
        f"# fitted on {n} PAD-UFES-20 photos (MEL/BCC/SCC vs NEV/SEK) by\n"
        "# python -m bench.analysis.triage --write-model\n"
        "MODEL = TriageModel(\n"
        f"    weights={{\n{fmt(model.weights)}    }},\n"
        f"    bias={model.bias!r},\n"
        f"    means={{\n{fmt(model.means)}    }},\n"
        f"    soon_threshold={model.soon_threshold!r},\n"
        f"    urgent_threshold={model.urgent_threshold!r},\n"
        ")\n"
    )
    MODEL_PY.write_text(head.rstrip() + "\n\n\n" + body, encoding="utf-8")
    print(f"\nwrote {MODEL_PY.relative_to(ROOT)}")


def run(write: bool = False) -> list[tuple[str, bool]]:
    """The whole benchmark section (called from ``python -m bench.analysis`` too)."""
    if not (PAD / "labels.csv").exists():
        print("\n== Lesion triage == skipped: bench/data/pad_ufes20 missing")
        return []
    with open(PAD / "labels.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    cases = load_cases(rows)
    checks = report(lopo(cases))
    model = fit(cases)
    print("\nshipped model (fitted on all photos; the table above never saw its own photo):")
    print("  weights: " + ", ".join(f"{k} {v:.2f}" for k, v in model.weights.items()))
    print(
        f"  bias {model.bias:.2f}; soon ≥ {model.soon_threshold:.2f}; "
        f"urgent ≥ {model.urgent_threshold:.2f}"
    )
    if write:
        write_model(model, sum(c["dx"] in MALIGNANT + BENIGN for c in cases))
    return checks


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.analysis.triage")
    p.add_argument(
        "--write-model", action="store_true", help="refit and write skinlab/triage_model.py"
    )
    args = p.parse_args(argv)
    run(write=args.write_model)
    return 0


if __name__ == "__main__":
    sys.exit(main())
