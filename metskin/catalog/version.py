"""A token that changes whenever the catalogue does, so work derived from it (the
recommendation engine's candidate lists) is computed once per catalogue state and reused
by every request until a product changes (issue 18, point 7).

Kept in the shared cache. Product writes call ``catalog_changed`` after commit: the
catalogue services explicitly (they write in bulk, which sends no signals) and
``catalog.signals`` for single saves and deletes (the admin). A write that bypasses both
is caught by the derived entries' own expiry.
"""

from __future__ import annotations

from uuid import uuid4

from django.core.cache import cache
from django.db import transaction
from django.dispatch import Signal

VERSION_KEY = "catalog:version"


def catalog_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid4().hex, None)  # add: the first of two racing writers wins
        version = cache.get(VERSION_KEY) or "unversioned"
    return str(version)


# Sent after each new token: apps that derive work from the catalogue recompute it then
# (recommendations rewarms the candidate ids people asked for: no request after a change
# has to work them out itself; docs/adr/0022).
catalog_version_changed = Signal()


def catalog_changed() -> None:
    """A new token once the current transaction commits (at once outside one): bumping
    before the commit would let a request cache the old rows under the new token."""
    transaction.on_commit(_version_bump)


def _version_bump() -> None:
    cache.set(VERSION_KEY, uuid4().hex, None)
    catalog_version_changed.send(sender=None)
