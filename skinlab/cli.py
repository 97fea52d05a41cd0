"""Command line: ``python -m skinlab analyze PATH [--json] [--overlay OUT.jpg]
[--answers JSON]`` and ``python -m skinlab batch DIR --csv OUT.csv``. Bad input (including
answers of the wrong shape) exits with code 2 and one line."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from skinlab import (
    AnalysisOptions,
    AnalysisResult,
    BadAnswers,
    Concern,
    SkinlabError,
    SpotAnswers,
    analyze,
    parse_answers,
)

EXIT_BAD_INPUT = 2


def _options(args: argparse.Namespace, overlay: bool) -> AnalysisOptions:
    return AnalysisOptions(
        overlay=overlay,
        face_detector=args.face_detector,
        tone_only=bool(getattr(args, "tone_only", False)),
    )


def _answers(text: str | None) -> SpotAnswers:
    """The ``--answers`` JSON, checked before the file is read (BadAnswers on any fault)."""
    if text is None:
        return SpotAnswers()
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BadAnswers(f"answers: not valid JSON ({exc.msg} at character {exc.pos}).") from exc
    return parse_answers(obj)


def _summary(r: AnalysisResult) -> str:
    lines = [f"{r.media_type} {r.image.get('width')}x{r.image.get('height')}"]
    lines.append(
        "quality: ok"
        if r.quality.ok
        else "quality: " + "; ".join(i.message for i in r.quality.issues)
    )
    if r.tone is not None:
        t = r.tone
        rng = t.fitzpatrick_range
        fitz = (
            f"{t.fitzpatrick} (estimate; {rng[0]}-{rng[1]} possible)"
            if len(rng) == 2 and rng[0] != rng[1]
            else f"{t.fitzpatrick} (estimate)"
        )
        lines.append(
            f"tone: ITA {t.ita:.1f}° ({t.ita_band}), Monk {t.monk}, Fitzpatrick {fitz}, "
            f"{t.undertone} undertone, {t.hex}"
        )
    for c in r.concerns:
        lines.append(f"  {c.label:<34} {c.severity:>3}/100  {c.explanation}")
    lesion = r.concern("lesion")
    if lesion is not None and lesion.details.get("urgency"):
        lines.append(f"spot: urgency {lesion.details['urgency']}")
        lines += [f"  - {reason}" for reason in lesion.details.get("reasons", [])]
    lines.append(r.disclaimer)
    return "\n".join(lines)


def cmd_analyze(args: argparse.Namespace) -> int:
    """Analyse one file and print JSON or a summary."""
    answers = _answers(args.answers)
    result = analyze(
        Path(args.path),
        options=_options(args, overlay=args.overlay is not None),
        answers=answers,
    )
    if args.overlay is not None and result.overlay_jpeg:
        Path(args.overlay).write_bytes(result.overlay_jpeg)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(_summary(result))
    return 0


CSV_FIELDS = (
    ["file", "ok", "ita", "ita_band", "monk", "fitzpatrick", "undertone"]
    + [c.value for c in Concern]
    + ["error"]
)


def cmd_batch(args: argparse.Namespace) -> int:
    """Analyse every file in a folder; one CSV row per file (errors included, never fatal)."""
    folder = Path(args.dir)
    if not folder.is_dir():
        raise SkinlabError(f"Not a folder: {folder}")
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
    opts = _options(args, overlay=False)
    with open(args.csv, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        w.writeheader()
        for p in files:
            row: dict[str, object] = {"file": p.name}
            try:
                r = analyze(p, options=opts)
                row["ok"] = r.quality.ok
                if r.tone is not None:
                    row.update(
                        ita=r.tone.ita, ita_band=r.tone.ita_band, monk=r.tone.monk,
                        fitzpatrick=r.tone.fitzpatrick, undertone=r.tone.undertone,
                    )  # fmt: skip
                for c in r.concerns:
                    row[c.name] = c.severity
                row["error"] = ""
            except SkinlabError as exc:
                row["ok"] = False
                row["error"] = exc.code
            w.writerow(row)
            if not args.quiet:
                print(f"{p.name}: {row.get('error') or 'ok'}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser of ``python -m skinlab``."""
    parser = argparse.ArgumentParser(prog="python -m skinlab", description="MetSkin skin analysis")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser("analyze", help="analyse one photo or video")
    a.add_argument("path")
    a.add_argument("--json", action="store_true", help="print the result as JSON")
    a.add_argument("--overlay", metavar="OUT.jpg", help="write the annotated picture (JPEG) here")
    a.add_argument("--tone-only", action="store_true", help="measure skin tone only")
    a.add_argument(
        "--face-detector",
        metavar="NAME",
        default=None,
        help="mediapipe (default: face landmarks), haar, or the path of a YuNet .onnx model",
    )
    a.add_argument(
        "--answers",
        metavar="JSON",
        default=None,
        help='what you know about the spot, e.g. \'{"age": 63, "changed": true, "grew": null, '
        '"bleeds": false, "itches": true, "hurts": false, "raised": true, '
        "\"skin_cancer_history\": false}' (null: don't know; every key optional)",
    )
    a.set_defaults(func=cmd_analyze)
    b = sub.add_parser("batch", help="analyse every file of a folder into a CSV")
    b.add_argument("dir")
    b.add_argument("--csv", required=True, metavar="OUT.csv")
    b.add_argument("--tone-only", action="store_true")
    b.add_argument("--face-detector", metavar="NAME", default=None, help="as for analyze")
    b.add_argument("--quiet", action="store_true")
    b.set_defaults(func=cmd_batch)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code (2 on bad input)."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except SkinlabError as exc:
        print(f"error: {exc.code}: {exc.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except OSError as exc:
        print(f"error: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
