"""``make bench``: every benchmark, each in its own process, one table after another."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

# Each entry is a module run as ``python -m <module>``; it prints its own tables.
BENCHMARKS = [
    "bench.platform",
    "bench.analysis",
    "bench.recommendations",
    "bench.routines",
    "bench.booking",
    "bench.directory",
    "bench.learn",
    "bench.pipeline",
]


def main() -> int:
    failures = 0
    for module in BENCHMARKS:
        if importlib.util.find_spec(module) is None:
            continue
        print(f"\n=== {module} ===", flush=True)
        command = [sys.executable, "-m", module, *sys.argv[1:]]
        failures += subprocess.call(command) != 0  # noqa: S603 - our own modules
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
