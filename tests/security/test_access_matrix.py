"""Every route, every caller: the answer the access matrix states, and no change on a refusal.

The route list comes from Django's URL resolver, so a new route without a matrix line fails
here (docs/adr/0019). See tests/security/matrix.py for the format and how to add a line.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import os
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.apps import apps
from django.contrib import admin
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient
from rest_framework.views import APIView

from metskin.accounts.services import STAFF_APP_LABELS
from metskin.appointments.tests.helpers import NOW
from tests.security.matrix import MATRIX, Row
from tests.security.report import figures_write
from tests.security.world import ACTORS, World, build_world, fill

pytestmark = pytest.mark.django_db
VISIT = "2026-06-02T09:00:00-04:00"
HANDLERS = ("get", "post", "put", "patch", "delete")
# Written by design on every request, or by a refused sign-in (counted by axes).
UNHASHED = {"django_session"}
# Beyond STAFF_APP_LABELS, the staff group may open the list of people (two-factor reset).
# Staff also see the people list and, read-only, who has seen whose data (issue 17).
STAFF_EXTRA_MODELS = {"accounts.User", "privacy.AccessRecord"}


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def _methods(callback: Any) -> list[str]:
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if isinstance(view, type) and issubclass(view, APIView):
        return [name.upper() for name in HANDLERS if hasattr(view, name)]
    return ["GET"]  # Django views: pages, feeds, the sitemap, the React app


def routes() -> list[tuple[str, str]]:
    """(route, method) for every URL the resolver knows, but the admin (its own rule below)."""
    found: list[tuple[str, str]] = []
    for route, callback in _walk(get_resolver().url_patterns):
        if route.startswith("admin/"):
            continue
        found.extend((route, method) for method in _methods(callback))
    return found


def _tables() -> dict[str, list[str]]:
    tables: dict[str, list[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        table = model._meta.db_table
        if table not in UNHASHED and table not in tables:
            tables[table] = [field.column for field in model._meta.concrete_fields]
    return tables


@functools.cache
def _fingerprint_sql() -> str:
    """One query: for each table its row count and two checksums over every column."""
    quote = connection.ops.quote_name
    parts = []
    for table, columns in sorted(_tables().items()):
        row = "CONCAT_WS(CHAR(31), {})".format(
            ", ".join(f"COALESCE(CAST({quote(c)} AS CHAR), CHAR(0))" for c in columns)
        )
        # Table and column names come from our own models, never from a request.
        sums = f"COALESCE(SUM(CRC32({row})), 0), COALESCE(BIT_XOR(CRC32(REVERSE({row}))), 0)"
        parts.append(f"SELECT '{table}', COUNT(*), {sums} FROM {quote(table)}")  # noqa: S608
    return " UNION ALL ".join(parts)


def fingerprint() -> dict[str, str]:
    """What a refusal must not change: every table's rows (but sessions), checksummed."""
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute(_fingerprint_sql())
            return {name: f"{count}:{sum_}:{xor}" for name, count, sum_, xor in cursor.fetchall()}
        hashes = {}
        for table in _tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            hashes[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
        return hashes


class _Undo(Exception):
    pass


def call(world: World, row: Row, actor: str) -> tuple[int, list[str]]:
    """The status ``actor`` gets, and the tables it changed; every change is rolled back."""
    params = {**world.params, **{name: world.params[key] for name, key in row.params.items()}}
    path = row.path or fill(row.route, params)
    client: APIClient = world.clients[actor]
    changed: list[str] = []
    status = 0
    cache.clear()  # throttle counters: each call starts as the first one (sessions are in the DB)
    # Signing out or in sets cookies on the client; the next call starts from the same jar.
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            before = fingerprint()
            if row.method == "GET":
                response = client.get(path + row.query, **row.meta)  # type: ignore[arg-type]
            else:
                handler = getattr(client, row.method.lower())
                body = _filled(row.body or {}, params)
                response = handler(path + row.query, body, format="json", **row.meta)
            status = response.status_code
            if status >= 500:  # shown with the failure: what the server said
                print(f"{row.method} {path} as {actor}: {status} {response.content[:300]!r}")
            if status >= 400:
                after = fingerprint()
                changed = [t for t in after if after[t] != before[t] and t not in row.may_write]
            raise _Undo
    except _Undo:
        pass
    finally:
        client.cookies = cookies
    return status, changed


def _filled(value: Any, params: dict[str, str]) -> Any:
    """``"{analysis_id}"`` in a body becomes the world's value."""
    if isinstance(value, str):
        return value.format(**params)
    if isinstance(value, list):
        return [_filled(item, params) for item in value]
    if isinstance(value, dict):
        return {key: _filled(item, params) for key, item in value.items()}
    return value


@pytest.fixture
def world() -> Iterator[World]:
    from datetime import date, datetime

    with time_machine.travel(NOW, tick=False):
        yield build_world(visit=datetime.fromisoformat(VISIT), time_off_day=date(2026, 6, 10))


def _draft(world: World, route: str, method: str) -> str:
    row = Row(route, method, (0,) * 6)
    statuses = ", ".join(str(call(world, row, actor)[0]) for actor in ACTORS)
    return f'    R("{route}", "{method}", {statuses}),'


def test_every_route_is_in_the_matrix(world: World) -> None:
    known = {(row.route, row.method) for row in MATRIX}
    missing = [key for key in routes() if key not in known]
    if missing and os.environ.get("MATRIX_DISCOVER"):
        print("\nDraft lines (check each status before pasting into tests/security/matrix.py):")
        for route, method in missing:
            print(_draft(world, route, method))
    assert missing == [], (
        f"{len(missing)} route(s) have no line in tests/security/matrix.py; run with "
        "MATRIX_DISCOVER=1 for draft lines"
    )


def test_the_matrix_names_only_routes_that_exist() -> None:
    stale = [(row.route, row.method) for row in MATRIX if (row.route, row.method) not in routes()]
    keys = [
        (r.route, r.method, r.query, r.path, repr(r.body), repr(r.params), repr(r.meta))
        for r in MATRIX
    ]
    duplicates = len(keys) - len(set(keys))

    assert (stale, duplicates) == ([], 0)


def test_every_caller_gets_what_the_matrix_says_and_a_refusal_changes_nothing(
    world: World,
) -> None:
    wrong: list[str] = []
    server_errors = 0
    requests = 0
    with time_machine.travel(NOW, tick=False):
        for row in MATRIX:
            for actor, expected in zip(ACTORS, row.expect, strict=True):
                status, changed = call(world, row, actor)
                requests += 1
                server_errors += status >= 500
                if status != expected:
                    wrong.append(
                        f"{row.method} {row.route}{row.query} as {actor}: {status}, not {expected}"
                    )
                if changed:
                    wrong.append(
                        f"{row.method} {row.route} as {actor}: refused but changed {changed}"
                    )
    figures_write(
        "matrix",
        routes=len({row.route for row in MATRIX}),
        lines=len(MATRIX),
        requests=requests,
        server_errors=server_errors,
    )

    assert not wrong, "\n".join(wrong)
    assert server_errors == 0


def test_the_admin_opens_only_for_staff_with_two_factor(world: World) -> None:
    """One rule for every admin page: the index and each registered model's list.

    Staff (the "MetSkin staff" group) manage the catalogue, articles, doctors and bookings,
    and see the people list (to reset a lost authenticator); skin profiles, photos, devices,
    tokens and schedules stay closed to them (403). To everyone else the admin is a redirect
    to the two-step sign-in.
    """
    urls = [reverse("admin:index")]
    staff_answers = [200]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        opens = meta.app_label in STAFF_APP_LABELS or meta.label in STAFF_EXTRA_MODELS
        staff_answers.append(200 if opens else 403)
    answers: dict[str, list[int]] = {actor: [] for actor in ACTORS}
    before = fingerprint()
    with time_machine.travel(NOW, tick=False):
        for url in urls:
            for actor in ACTORS:
                answers[actor].append(world.clients[actor].get(url).status_code)
    after = fingerprint()
    figures_write("admin", pages=len(urls), requests=len(urls) * len(ACTORS))

    refused = [302] * len(urls)  # to the two-step sign-in
    wrong = [
        (url, got, want)
        for url, got, want in zip(urls, answers["staff"], staff_answers, strict=True)
        if got != want
    ]
    assert wrong == [], "staff: (admin page, answer, expected)"
    assert answers == {
        "anon": refused,
        "owner": refused,
        "other": refused,
        "doctor": refused,
        "consent": refused,
        "staff": staff_answers,
    }
    assert after == before
