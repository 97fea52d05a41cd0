"""A benchmark's own database, kept between runs so its large fill is paid once."""

from __future__ import annotations

import sys
from pathlib import Path

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
        # Not destroy_test_db: before create_test_db it drops the connection's own database
        # (the working one), not the benchmark's.
        if database["ENGINE"].endswith("sqlite3"):
            Path(name).unlink(missing_ok=True)
        else:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")
        print(f"Dropped {name}")
        raise SystemExit(0)
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=True)
    return name
