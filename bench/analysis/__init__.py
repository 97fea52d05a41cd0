"""skinlab's validation benchmark: ``python -m bench.analysis [--quick]``."""
