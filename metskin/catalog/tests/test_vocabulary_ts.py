"""The front end's vocabulary file is the Python vocabulary, regenerated (``make api-types``)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "make_vocabulary_ts.py"


def test_frontend_vocabulary_ts_is_current():
    # Given the generator (also run by `make lint`, which fails on a diff)
    spec = importlib.util.spec_from_file_location("make_vocabulary_ts", SCRIPT)
    assert spec is not None and spec.loader is not None
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)

    # Then the committed file is exactly what the Python definitions produce now.
    assert generator.OUT.read_text(encoding="utf-8") == generator.render()
