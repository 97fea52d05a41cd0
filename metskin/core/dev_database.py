"""A developer's first ``make run`` on MariaDB: create the database ``DATABASE_URL`` names.

The embedded default (SQLite) makes its own file; a MariaDB server starts with no database of
ours, and ``migrate`` cannot create one. Production databases are made by whoever runs the
server (docs/deploy.md), so ``make serve`` never calls this.
"""

from __future__ import annotations

import re

from django.db.backends.base.base import BaseDatabaseWrapper

#: What a database name may be here: MariaDB allows more, but a name taken from a URL and
#: written into SQL is kept to the plain characters.
_PLAIN_NAME = re.compile(r"^[A-Za-z0-9_]{1,64}$")


def create_database_if_missing(connection: BaseDatabaseWrapper) -> bool:
    """Create ``connection``'s database on its MariaDB/MySQL server, with the character set
    and collation the tests use (utf8mb4, unicode_ci). True if it was created, False if it
    was there already or the database is not MariaDB/MySQL. Raises ``ValueError`` for a name
    that is not plain letters, digits and underscores, and the driver's error when the
    server cannot be reached or refuses."""
    if connection.vendor != "mysql":
        return False
    name = str(connection.settings_dict["NAME"])
    if not _PLAIN_NAME.match(name):
        raise ValueError(f"database name {name!r}: use letters, digits and underscores only")
    # Django's own test-database creation connects the same way: to the server, no database
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s", [name])
        if cursor.fetchone():
            return False
        cursor.execute(
            f"CREATE DATABASE IF NOT EXISTS `{name}` "
            "CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        )
    return True
