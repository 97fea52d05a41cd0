"""Who is asking: the client address that throttles and the sign-in lockout count by.

DRF's throttles and django-axes must agree on it, or rotating a header escapes one of them.
Both follow REST_FRAMEWORK["NUM_PROXIES"] (``TRUSTED_PROXY_COUNT``): with 0, the default,
``X-Forwarded-For`` is ignored, because anyone can send it; with N trusted proxies in front
of the app, the address the outermost of them saw is the N-th from the right of the header.
"""

from __future__ import annotations

from ipaddress import ip_address

from django.http import HttpRequest
from rest_framework.throttling import BaseThrottle


def _is_ip(value: str) -> bool:
    try:
        ip_address(value)
    except ValueError:
        return False
    return True


def client_ip(request: HttpRequest) -> str | None:
    """DRF's own reading of the address (``get_ident``), so both count the same client.

    A header entry that is not an address (a misconfigured proxy) falls back to the peer's
    address; axes stores the address in an IP field.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    ident = BaseThrottle().get_ident(request)  # type: ignore[arg-type]
    return ident if ident and _is_ip(ident) else remote_addr
