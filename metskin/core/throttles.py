"""Throttles on the writes a signed-in person can repeat to abuse a service (issue 11).

Rates live in ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` and counters in the shared cache
(production refuses to start without ``CACHE_URL``), so every web process counts together.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle


class WriteScopedRateThrottle(ScopedRateThrottle):
    """ScopedRateThrottle on writes only: reading a list is never what is being abused.

    The rate is read when asked, not when the class is imported, so a test or a settings
    change takes effect without a restart of the import chain.
    """

    def get_rate(self) -> str | None:
        rates: dict[str, str] = settings.REST_FRAMEWORK.get("DEFAULT_THROTTLE_RATES", {})
        return rates.get(self.scope) if self.scope else None

    def allow_request(self, request: Request, view: Any) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return super().allow_request(request, view)
