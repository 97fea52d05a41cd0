"""The privacy notice and the terms of use: server-rendered pages anyone can read."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _context() -> dict[str, object]:
    return {
        "notice_version": settings.PRIVACY_NOTICE_VERSION,
        "share_days": settings.APPOINTMENT_SHARE_DAYS_AFTER_VISIT,
        "deletion_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
        "export_hours": settings.DATA_EXPORT_LINK_HOURS,
        "reminder_days": settings.RETENTION_SENT_REMINDERS_DAYS,
    }


def privacy_notice(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/notice.html", _context())


def terms(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/terms.html", _context())
