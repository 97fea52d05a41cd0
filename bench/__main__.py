"""``make bench``: every benchmark, each in its own process, one table after another."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

# Each entry is a module run as ``python -m <module>``; it prints its own tables.
BENCHMARKS = [
    "bench.platform",
    "bench.analysis",
]


def main() -> int:
    failures = 0
    for module in BENCHMARKS:
        if importlib.util.find_spec(module) is None:
            continue
        print(f"\n=== {module} ===", flush=True)
        failures += subprocess.call([sys.executable, "-m", module, *sys.argv[1:]]) != 0
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
