"""``make run`` on MariaDB creates the database DATABASE_URL names when the server has none."""

from __future__ import annotations

import os

import pytest
from django.core.management import call_command
from django.db import connection, connections

from metskin.core.dev_database import create_database_if_missing

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "mysql", reason="SQLite makes its own file: nothing to create"
    ),
    pytest.mark.django_db,
]


@pytest.fixture
def fresh_name():
    name = f"metskin_devdb_{os.getpid()}"
    yield name
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS `{name}`")


def _on(name: str):
    """A connection like the default one, to the database ``name``."""
    default = connections["default"]
    return default.__class__({**default.settings_dict, "NAME": name}, alias="devdb")


def _charset(name: str) -> tuple[str, str] | None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(
            "SELECT DEFAULT_CHARACTER_SET_NAME, DEFAULT_COLLATION_NAME "
            "FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = %s",
            [name],
        )
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1])


def test_a_missing_database_is_created_once_in_utf8mb4(fresh_name):
    assert _charset(fresh_name) is None
    assert create_database_if_missing(_on(fresh_name)) is True
    assert _charset(fresh_name) == ("utf8mb4", "utf8mb4_unicode_ci")
    assert create_database_if_missing(_on(fresh_name)) is False  # there already: untouched


def test_a_name_that_is_not_plain_is_refused_before_any_sql(fresh_name):
    with pytest.raises(ValueError, match="letters, digits and underscores"):
        create_database_if_missing(_on(f"{fresh_name}`; DROP DATABASE mysql; --"))
    assert _charset(fresh_name) is None


def test_the_command_leaves_an_existing_database_alone_quietly(capsys):
    # the default connection is the test database, which exists
    call_command("create_database")
    assert capsys.readouterr().out == ""
