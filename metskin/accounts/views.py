"""Non-API views of accounts."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponseRedirect
from django.views.decorators.http import require_GET


@require_GET
def admin_sign_in(request: HttpRequest) -> HttpResponseRedirect:
    """The admin's login page is the site's own two-step sign-in (password, then TOTP).

    django-otp's admin form asks for the device in a second round trip; our sign-in page
    already handles the code, enrolment and lockout, so staff meet one flow everywhere.
    """
    next_url = request.GET.get("next", "/admin/")
    if not next_url.startswith("/admin/"):  # only back into the admin: no open redirect
        next_url = "/admin/"
    return HttpResponseRedirect(f"/signin?{urlencode({'next': next_url})}")
