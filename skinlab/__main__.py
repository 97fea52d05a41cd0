"""``python -m skinlab`` — see :mod:`skinlab.cli`."""

from skinlab.cli import main

raise SystemExit(main())
