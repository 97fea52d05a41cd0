"""``/dev/outbox/``: the development outbox (metskin/core/outbox.py), on local settings only."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from metskin.core import outbox


def _only_in_development() -> None:
    # Emails hold reset and sign-in links: a page that shows everyone's mail exists only on a
    # developer's own machine, with the folder backend the local settings choose.
    if not settings.DEVELOPMENT_TOOLS:
        raise Http404("No outbox here.")


@require_GET
@never_cache
def outbox_index(request: HttpRequest) -> HttpResponse:
    _only_in_development()
    context = {
        "mails": outbox.list_mail(),
        "sms": outbox.list_sms(),
        "folder": settings.EMAIL_FOLDER,
        "sms_file": settings.SMS_FILE_PATH,
    }
    return render(request, "core/outbox.html", context)


@require_GET
@never_cache
def outbox_mail(request: HttpRequest, name: str) -> HttpResponse:
    _only_in_development()
    mail = outbox.read_mail(name)
    if mail is None:
        raise Http404("No such email in the outbox.")
    return render(request, "core/outbox_mail.html", {"mail": mail})
