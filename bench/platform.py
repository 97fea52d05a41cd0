"""Latency of the platform's own endpoints, in process, on the configured database.

Run with ``python -m bench.platform``; the numbers include Django's middleware, DRF,
the ORM and the real database, but not a network hop.
"""

from __future__ import annotations

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.django.local")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from rest_framework.throttling import ScopedRateThrottle  # noqa: E402

from bench.table import QueryCounter, print_table, summary, time_ms  # noqa: E402
from metskin.accounts.models import User  # noqa: E402
from metskin.accounts.services import user_create  # noqa: E402

EMAIL, PASSWORD = "bench@metskin.example", "bench-Password-2026"
REPEAT = 40


def _bench_user() -> User:
    user = User.objects.filter(email=EMAIL).first()
    return user or user_create(email=EMAIL, password=PASSWORD, verified=True)


def main() -> int:
    _bench_user()
    # One client hammering sign-in would be throttled; measure the work, not the limit.
    ScopedRateThrottle.THROTTLE_RATES = {"anon_auth": "1000000/min"}
    settings.AXES_ENABLED = False
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    token = client.post(
        "/api/v1/auth/token/",
        {"email": EMAIL, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    auth = {"HTTP_AUTHORIZATION": f"Token {token}"}
    cases = {
        "GET /healthz": lambda: client.get("/healthz"),
        "POST /api/v1/auth/token/ (Argon2)": lambda: client.post(
            "/api/v1/auth/token/",
            {"email": EMAIL, "password": PASSWORD},
            content_type="application/json",
        ),
        "GET /api/v1/me/": lambda: client.get("/api/v1/me/", **auth),
        "GET /api/v1/profile/skin/": lambda: client.get("/api/v1/profile/skin/", **auth),
    }
    rows = []
    for name, call in cases.items():
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            call()
        median, p95 = summary(time_ms(call, REPEAT))
        rows.append((name, f"{median:.1f}", f"{p95:.1f}", counter.count))
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print_table(
        f"Platform endpoints, in process ({engine}, {REPEAT} runs each)",
        ("request", "median ms", "p95 ms", "queries"),
        rows,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
