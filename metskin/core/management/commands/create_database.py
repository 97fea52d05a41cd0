"""``manage.py create_database``: create the MariaDB database DATABASE_URL names, if missing.

``make run`` calls it before ``preflight``; a server that cannot be reached is left for
``preflight`` to explain, in its one plain line.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection

from metskin.core.dev_database import create_database_if_missing


class Command(BaseCommand):
    help = "Create the MariaDB/MySQL database DATABASE_URL names if it does not exist yet."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            created = create_database_if_missing(connection)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError:
            return  # unreachable or refused: preflight says which, and what to fix
        if created:
            self.stdout.write(f"Created the database {connection.settings_dict['NAME']}.")
