"""Views that are not part of any domain: health, the React shell, JSON error pages."""

from __future__ import annotations

import hmac
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET
from rest_framework.throttling import BaseThrottle

from metskin.core.exceptions import error_body
from metskin.core.health import is_healthy, run_checks

LOOPBACK = {"127.0.0.1", "::1"}


def _may_probe_workers(request: HttpRequest) -> bool:
    """The worker probe queues a task and holds a web worker for seconds: not for anyone.
    With HEALTHZ_TOKEN set it needs ``Authorization: Bearer <token>``; without, only a client
    on this machine may ask. The client is the address throttles count (TRUSTED_PROXY_COUNT):
    the socket's when no proxy is trusted, so a forwarded header proves nothing; behind a
    trusted proxy on this machine, whom the proxy names, not the proxy itself."""
    token = settings.HEALTHZ_TOKEN
    if token:
        sent = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(sent.encode(), token.encode())
    return BaseThrottle().get_ident(request) in LOOPBACK  # type: ignore[arg-type]


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    include_worker = request.GET.get("worker") == "1"
    if include_worker and not _may_probe_workers(request):
        message = "The worker probe needs the HEALTHZ_TOKEN (Authorization: Bearer ...)."
        return JsonResponse(error_body("permission_denied", message), status=403)
    states = run_checks(include_worker=include_worker)
    return JsonResponse(states, status=200 if is_healthy(states) else 503)


@ensure_csrf_cookie
def spa(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """The React app; its router takes the path from here."""
    return render(request, "spa.html")


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body("not_found", "Not found."), status=404)
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        message = "Something went wrong on our side. Please try again in a moment."
        return JsonResponse(error_body("server_error", message), status=500)
    return render(request, "500.html", status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(error_body("bad_request", "Bad request."), status=400)
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if _wants_json(request):
        message = "You do not have permission to do this."
        return JsonResponse(error_body("permission_denied", message), status=403)
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the API answers in its error shape; pages get a page."""
    message = "Your session expired or the page is out of date. Reload the page and try again."
    if _wants_json(request):
        return JsonResponse(error_body("csrf_failed", message), status=403)
    return render(request, "403.html", {"message": message}, status=403)
