"""Figures the security tests leave for `make security` (var/security/<name>.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FIGURES = Path(__file__).resolve().parents[2] / "var" / "security"


def figures_write(name: str, **values: Any) -> None:
    FIGURES.mkdir(parents=True, exist_ok=True)
    (FIGURES / f"{name}.json").write_text(json.dumps(values, indent=2, sort_keys=True))


def hostile_file_record(case: str, status: int, *, stored: int) -> None:
    """One line per hostile upload tried (the corpus in metskin/analysis/tests)."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    line = json.dumps({"case": case, "status": status, "stored": stored})
    with (FIGURES / "hostile.jsonl").open("a") as figures:
        figures.write(line + "\n")
