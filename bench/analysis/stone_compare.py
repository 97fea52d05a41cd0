"""Side-by-side with the open-source peer ``skin-tone-classifier`` (module ``stone``).

stone is GPL-3.0 and depends on non-headless OpenCV, so it is NEVER a product dependency: this
script builds its own virtual environment under ``var/bench-stone-venv/`` (pip install
skin-tone-classifier), runs stone there in a subprocess on the same images, and prints its
Monk label against ours and the truth. stone is run twice: with the official Monk palette (how
it is used) and with skinlab's photographed swatches (``MONK_SKIN_HEX``, 0.3.0), so that the
palette and the measurement can be told apart. If it cannot be installed (no network, no wheel), the
comparison prints a "skipped: <reason>" row instead of failing the benchmark.
"""

from __future__ import annotations

import io
import json
import statistics
import subprocess
import sys
import time
import venv
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

import skinlab
from bench.analysis.synthetic import benchmark_tones, render
from skinlab.tone import MONK_HEX, MONK_SKIN_HEX, MONK_SKIN_LAB

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / "var" / "bench-stone-venv"
WORK = ROOT / "var" / "bench-stone-images"
PY = VENV / "bin" / "python"

# Runs inside the stone venv. colormath 3.0 calls numpy.asscalar (removed in NumPy 1.23).
WORKER = r"""
import json, sys, time
import numpy as np
if not hasattr(np, "asscalar"):
    np.asscalar = lambda a: a.item()
import stone
monk = sys.argv[1].split(",")
for path in sys.argv[2:]:
    t = time.perf_counter()
    try:
        r = stone.process(path, image_type="color", tone_palette=monk,
                          tone_labels=[str(i) for i in range(1, 11)])
        faces = r.get("faces") or []
        label = faces[0].get("tone_label") if faces else None
        err = None
    except Exception as exc:
        label, err = None, f"{type(exc).__name__}: {exc}"
    out = {"path": path, "label": label, "seconds": time.perf_counter() - t, "error": err}
    print(json.dumps(out), flush=True)
"""


def ensure_venv() -> str | None:
    """Create the stone venv if needed; return a reason string when it is unusable."""
    if PY.exists():
        ok = subprocess.run(  # noqa: S603 - our own venv's python, fixed arguments
            [str(PY), "-c", "import stone, cv2; cv2.CascadeClassifier"],
            capture_output=True,
            check=False,
        )
        if ok.returncode == 0:
            return None
    try:
        venv.create(VENV, with_pip=True, clear=True)
        res = subprocess.run(  # noqa: S603 - our own venv's pip, fixed arguments
            # OpenCV 5 dropped CascadeClassifier from the main package; stone needs it.
            [str(PY), "-m", "pip", "install", "-q", "skin-tone-classifier", "opencv-python<5"],
            capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"could not build the venv ({exc})"
    if res.returncode != 0:
        last = (res.stderr or res.stdout).strip().splitlines()[-1:] or ["pip failed"]
        return f"pip install skin-tone-classifier failed: {last[0][:120]}"
    return None


def compare(quick: bool) -> None:
    print("\n== Peer comparison: skin-tone-classifier (stone), Monk palette ==")
    reason = ensure_venv()
    if reason:
        print(f"skipped: {reason}")
        return
    WORK.mkdir(parents=True, exist_ok=True)
    cases: list[tuple[Path, int | None, bytes]] = []
    for i, (name, lab) in enumerate(benchmark_tones(in_between=False)):
        img = render(900 + i, lab, size=(1024, 768))
        p = WORK / f"{name}.jpg"
        p.write_bytes(img.jpeg)
        cases.append((p, img.monk, img.jpeg))
    from skimage import data

    buf = io.BytesIO()
    Image.fromarray(data.astronaut()).save(buf, format="PNG")
    astro = WORK / "astronaut.png"
    astro.write_bytes(buf.getvalue())
    cases.append((astro, None, buf.getvalue()))
    if quick:
        cases = [*cases[::3], cases[-1]]
    theirs = _run_stone(cases, MONK_HEX)
    theirs_skin = _run_stone(cases, MONK_SKIN_HEX)
    if isinstance(theirs, str):
        print(f"skipped: {theirs}")
        return
    if isinstance(theirs_skin, str):
        theirs_skin = {}
    rows = []
    ours_t, their_t = [], []
    hits = {"ours": 0, "stone": 0, "stone_skin": 0, "n": 0}
    for p, truth, data_bytes in cases:
        t = time.perf_counter()
        opts = skinlab.AnalysisOptions(tone_only=True, overlay=False)
        r = skinlab.analyze_image(data_bytes, options=opts)
        ours_t.append(time.perf_counter() - t)
        d = theirs.get(str(p), {})
        their_label = d.get("label")
        their_t.append(float(d.get("seconds", float("nan"))))
        skin_label = theirs_skin.get(str(p), {}).get("label")
        ours = r.tone.monk if r.tone else None
        if truth is not None:
            hits["n"] += 1
            hits["ours"] += int(ours is not None and abs(ours - truth) <= 1)
            hits["stone"] += int(their_label is not None and abs(int(their_label) - truth) <= 1)
            hits["stone_skin"] += int(skin_label is not None and abs(int(skin_label) - truth) <= 1)
        rows.append(
            f"{p.name:<16} truth {truth if truth is not None else '-':>2}  skinlab {ours!s:>2}  "
            f"stone {their_label if their_label is not None else (d.get('error') or 'none')!s:>2}  "
            f"stone/photographed {skin_label if skin_label is not None else 'none'!s:>2}  "
            f"stone {1000 * their_t[-1]:.0f} ms  skinlab {1000 * ours_t[-1]:.0f} ms"
        )
    print("\n".join(rows))
    n = max(1, hits["n"])
    print(
        f"Monk ±1 on synthetic: skinlab {100 * hits['ours'] / n:.0f}%  "
        f"stone {100 * hits['stone'] / n:.0f}% (official palette), "
        f"{100 * hits['stone_skin'] / n:.0f}% (photographed swatches)  "
        f"(n={hits['n']}); median time tone-only: "
        f"skinlab {1000 * statistics.median(ours_t):.0f} ms, "
        f"stone {1000 * statistics.median(their_t):.0f} ms (timed inside its own process)"
    )


def _run_stone(
    cases: list[tuple[Path, int | None, bytes]], palette: tuple[str, ...]
) -> dict[str, dict[str, Any]] | str:
    """stone's answers by image path, or the reason it gave none."""
    proc = subprocess.run(  # noqa: S603 - our own venv, our own image paths
        [str(PY), "-c", WORKER, ",".join(palette), *[str(p) for p, _, _ in cases]],
        capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip
    theirs = {}
    for line in proc.stdout.splitlines():
        try:
            d = json.loads(line)
        except json.JSONDecodeError:
            continue
        theirs[d["path"]] = d
    if not theirs:
        return f"stone produced no output ({proc.stderr.strip().splitlines()[-1:]})"
    return theirs


if __name__ == "__main__":
    compare("--quick" in sys.argv)


def batch_compare() -> list[tuple[str, bool]]:
    """Eight 12 MP photos, each analysed by a whole process (imports included), skinlab's
    CLI against stone's: what a command-line user or a cold worker waits for. Both run one
    after the other in the same sitting, so the machine's load weighs on both alike; the
    children's CPU time is printed too. Target: skinlab ≥ 3 x faster."""
    import os
    import resource

    import cv2

    from bench.analysis.real_faces import astronaut, recolour, skin_weight
    from bench.analysis.trust import (
        astronaut_12mp,
        batch_seconds,
        installed_env,
        load_note,
        table,
    )
    from skinlab.detect import make_face_detector

    print("\n== Batch: eight 12 MP photos as whole processes, skinlab against stone ==")
    reason = ensure_venv()
    if reason:
        print(f"skipped: {reason}")
        return []
    WORK.mkdir(parents=True, exist_ok=True)
    rgb = astronaut()
    face = make_face_detector().detect(rgb)[0]
    assert face.landmarks is not None
    weight = skin_weight(rgb, face.landmarks)
    paths = [astronaut_12mp()]
    for k in (1, 3, 5, 6, 7, 8, 10):
        path = WORK / f"astronaut-monk{k}-12mp.jpg"
        if not path.exists():
            img = recolour(rgb, weight, MONK_SKIN_LAB[k - 1], np.ones(3))
            big = cv2.resize(img, (4032, 3024), interpolation=cv2.INTER_CUBIC)
            Image.fromarray(big).save(path, quality=90)
        paths.append(path)

    def children_cpu() -> float:
        u = resource.getrusage(resource.RUSAGE_CHILDREN)
        return u.ru_utime + u.ru_stime

    def stone_one(p: Path) -> None:
        subprocess.run(  # noqa: S603 - our own venv, our own image paths
            [str(PY), "-c", WORKER, ",".join(MONK_HEX), str(p)],
            capture_output=True, text=True, timeout=600, check=False, env=installed_env(),
        )  # fmt: skip

    batch_seconds(paths[:1])  # untimed: bytecode cached, as for an installed tool
    c0 = children_cpu()
    ours = batch_seconds(paths, warm_up=False)
    c1 = children_cpu()
    stone_one(paths[0])  # untimed: bytecode cached, as for skinlab
    c1 = children_cpu()
    t = time.perf_counter()
    for p in paths:
        stone_one(p)
    theirs = time.perf_counter() - t
    c2 = children_cpu()
    ratio = theirs / ours
    cpu_ratio = (c2 - c1) / max(1e-9, c1 - c0)
    table(
        f"Batch of eight 12 MP photos, one process each ({load_note()}; {os.cpu_count()} cores)",
        ["tool", "wall", "CPU (children)", "stone / skinlab", "target", "verdict"],
        [
            [
                "skinlab (python -m skinlab analyze --tone-only)",
                f"{ours:.1f} s",
                f"{c1 - c0:.1f} s",
                "",
                "",
                "",
            ],
            [
                "stone (stone.process, official palette)",
                f"{theirs:.1f} s",
                f"{c2 - c1:.1f} s",
                f"{ratio:.1f}x wall, {cpu_ratio:.1f}x CPU",
                "≥ 3x",
                "PASS" if ratio >= 3 else "MISS",
            ],
        ],
    )
    return [("batch of eight 12 MP photos ≥ 3x faster than stone", ratio >= 3)]
