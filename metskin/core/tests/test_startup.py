"""The web entry point starts with its start-up heap out of the garbage collector's way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PROBE = """
import gc, sys
import config.wsgi
print(gc.get_freeze_count())
print(int("metskin.appointments.apis.directory" in sys.modules))
"""


def test_the_wsgi_entry_point_loads_every_view_and_freezes_the_start_up_heap():
    # A fresh process, as gunicorn starts one, with the test run's settings (pytest-django
    # puts DJANGO_SETTINGS_MODULE in the environment).
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=os.environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    frozen, views_loaded = (int(line) for line in done.stdout.split())
    # Tens of thousands of objects: modules, classes, functions of Django and MetSkin.
    assert frozen > 50_000
    assert views_loaded == 1  # the URLconf was read at start-up, not on the first request
