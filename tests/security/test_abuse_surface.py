"""No open, throttled endpoint can be flooded by rotating X-Forwarded-For.

The endpoints come from the URL resolver (every view open to anonymous callers that has a
throttle), so a new one is covered without a new test. With no trusted proxy (the default,
TRUSTED_PROXY_COUNT=0) the header is ignored: every request counts against the socket's
address. Per-account lockout, the email caps and the booking caps have their own tests
(metskin/accounts/tests/test_abuse.py, metskin/appointments/tests/test_booking_abuse.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import get_resolver
from rest_framework.permissions import AllowAny
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from tests.security.report import figures_write
from tests.security.test_access_matrix import _walk

pytestmark = pytest.mark.django_db


def _open_throttled() -> list[tuple[str, str, int]]:
    """(path, method, the smallest rate per period among its throttles) for each such view."""
    found = []
    for route, callback in _walk(get_resolver().url_patterns):
        view: Any = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
        if view is None or "<" in route or not hasattr(view, "throttle_classes"):
            continue
        if AllowAny not in tuple(getattr(view, "permission_classes", ())):
            continue
        rates = []
        for throttle in view.throttle_classes:
            scope = getattr(view, "throttle_scope", None) or getattr(throttle, "scope", None)
            rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"].get(scope)
            if issubclass(throttle, SimpleRateThrottle) and rate:
                rates.append(int(rate.split("/")[0]))
        for method in ("post", "get"):
            if rates and hasattr(view, method):
                found.append(("/" + route, method.upper(), min(rates)))
    return found


OPEN_THROTTLED = _open_throttled()


def test_the_open_throttled_endpoints_are_found() -> None:
    paths = {path for path, _, _ in OPEN_THROTTLED}
    figures_write("abuse", throttled_open_endpoints=len(OPEN_THROTTLED))

    assert {"/api/v1/auth/login/", "/api/v1/auth/signup/", "/api/v1/ingredients/check/"} <= paths


@pytest.mark.parametrize(("path", "method", "rate"), OPEN_THROTTLED)
def test_rotating_x_forwarded_for_does_not_escape_the_throttle(
    path: str, method: str, rate: int
) -> None:
    client = APIClient()
    call = client.post if method == "POST" else client.get

    statuses = [
        call(path, {}, format="json", HTTP_X_FORWARDED_FOR=f"198.51.100.{n % 250}").status_code
        for n in range(rate + 1)
    ]

    assert 429 not in statuses[:-1] or statuses[statuses.index(429) :] == [429] * (
        len(statuses) - statuses.index(429)
    )
    assert statuses[-1] == 429, statuses
