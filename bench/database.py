"""A benchmark's own database, kept between runs so its large fill is paid once."""

from __future__ import annotations

import sys

from django.conf import settings
from django.db import connection

from config.env import VAR_DIR


def use_bench_database(suffix: str) -> str:
    """Point the default connection at ``<name>_<suffix>`` (``var/<suffix>.sqlite3`` on
    SQLite), creating it if needed; ``--drop`` on the command line removes it and exits."""
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        name = str(VAR_DIR / f"{suffix.replace('_', '-')}.sqlite3")
    else:
        name = f"{database['NAME']}_{suffix}"
    database.setdefault("TEST", {})["NAME"] = name
    if "--drop" in sys.argv:
        connection.creation.destroy_test_db(old_database_name=database["NAME"], keepdb=False)
        print(f"Dropped {name}")
        raise SystemExit(0)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    return name
