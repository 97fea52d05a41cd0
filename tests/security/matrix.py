"""Who gets what from every route: the access matrix (docs/security.md, docs/adr/0019).

One line per route and method: the status each caller gets, in this order —

    anon     nobody signed in
    owner    the patient who owns the photo, analysis, appointment and waitlist entry
    other    another patient
    doctor   a dermatologist (two-factor session) the owner shared nothing with
    consent  the dermatologist the owner booked and shared the analysis with
    staff    a staff member (two-factor session)

``route`` is the URL resolver's pattern, exactly as Django prints it; its ``<name>``
parameters are filled from tests/security/world.py (``params`` maps a parameter to
another world value). ``body`` is sent as JSON. A refusal (4xx) must change nothing.

Adding a route: run
    MATRIX_DISCOVER=1 .venv/bin/python -m pytest tests/security/test_access_matrix.py -q
which prints a draft line with the statuses seen now for each missing route; check every
number against what the route should do before pasting it here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# A caller on another machine (the test client's default is 127.0.0.1).
REMOTE = {"REMOTE_ADDR": "203.0.113.7"}


@dataclass(frozen=True)
class Row:
    route: str
    method: str
    expect: tuple[int, int, int, int, int, int]
    body: dict[str, Any] | None = None
    query: str = ""
    path: str | None = None  # for patterns without a plain form (the React catch-all)
    params: dict[str, str] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)  # WSGI environ: address, headers
    # Tables a refusal may legitimately write (a failed sign-in is counted, for instance).
    may_write: frozenset[str] = frozenset()
    why: str = ""


def R(
    route: str,
    method: str,
    anon: int,
    owner: int,
    other: int,
    doctor: int,
    consent: int,
    staff: int,
    **extra: Any,
) -> Row:
    return Row(route, method, (anon, owner, other, doctor, consent, staff), **extra)


SPA = r"^(?!api/|admin/|static/|learn(?:/|$)|healthz)"

# Every patient of the world has agreed to the current privacy notice: a patient who has not
# is refused every write but a listed few (403 consent_required), proven route by route in
# metskin/privacy/tests/test_consent_gate.py rather than as a seventh column here.
MATRIX: list[Row] = [
    # route, method                                 anon owner other doctor consent staff
    # --- open to everyone ------------------------------------------------------------------
    R("healthz", "GET", 200, 200, 200, 200, 200, 200),
    # The worker probe queues a task and holds a web worker: not for a remote caller, even one
    # who claims to be local in X-Forwarded-For (without HEALTHZ_TOKEN only loopback may ask).
    R("healthz", "GET", 403, 403, 403, 403, 403, 403, query="?worker=1", meta=REMOTE),
    R(
        "healthz",
        "GET",
        403,
        403,
        403,
        403,
        403,
        403,
        query="?worker=1",
        meta={**REMOTE, "HTTP_X_FORWARDED_FOR": "127.0.0.1"},
    ),
    R("api/schema/", "GET", 200, 200, 200, 200, 200, 200),
    R("api/docs/", "GET", 200, 200, 200, 200, 200, 200),
    R("sitemap.xml", "GET", 200, 200, 200, 200, 200, 200),
    R("feed.xml", "GET", 200, 200, 200, 200, 200, 200),
    R(SPA, "GET", 200, 200, 200, 200, 200, 200, path="/dashboard"),
    R(SPA, "GET", 200, 200, 200, 200, 200, 200, path="/portal/appointments"),
    # --- signing up, in and out: open, and an empty body is a 400 with nothing written ----
    R("api/v1/auth/signup/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/verify-email/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/verify-email/resend/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/login/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/login/otp/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/two-factor/enrolment/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/two-factor/enrolment/confirm/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/token/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/password-reset/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/password-reset/confirm/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/auth/logout/", "POST", 204, 204, 204, 204, 204, 204),
    # --- one's own account: any signed-in person, each on their own rows ------------------
    R("api/v1/auth/two-factor/backup-codes/", "GET", 401, 403, 403, 200, 200, 200),
    R("api/v1/auth/two-factor/backup-codes/", "POST", 401, 403, 403, 200, 200, 200),
    R("api/v1/auth/sign-out-everywhere/", "POST", 401, 204, 204, 204, 204, 204),
    R("api/v1/auth/password-change/", "POST", 401, 400, 400, 400, 400, 400),
    R("api/v1/me/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/profile/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/profile/", "PATCH", 401, 200, 200, 200, 200, 200),
    R("api/v1/profile/skin/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/profile/skin/", "PUT", 401, 200, 200, 200, 200, 200),
    R("api/v1/profile/skin/", "PATCH", 401, 200, 200, 200, 200, 200),
    R("api/v1/profile/skin/fitzpatrick-questions/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/profile/phone/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/profile/phone/code/", "POST", 401, 400, 400, 400, 400, 400),
    R("api/v1/profile/phone/confirm/", "POST", 401, 400, 400, 400, 400, 400),
    R("api/v1/recommendations/", "GET", 401, 200, 200, 200, 200, 200),
    # --- privacy rights (issue 17): one's own consents, access log, export, deletion ------
    # DELETE without the password and an unknown download token answer 400 and 404.
    R("api/v1/me/consents/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/me/consents/", "POST", 401, 400, 400, 400, 400, 400),
    R("api/v1/me/", "DELETE", 401, 400, 400, 400, 400, 400),
    R("api/v1/me/access-log/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/me/export/", "GET", 401, 404, 404, 404, 404, 404),
    R("api/v1/me/export/", "POST", 401, 202, 202, 202, 202, 202),
    R("api/v1/me/export/download/<str:token>/", "GET", 401, 404, 404, 404, 404, 404),
    R("privacy", "GET", 200, 200, 200, 200, 200, 200),
    R("terms", "GET", 200, 200, 200, 200, 200, 200),
    R("api/v1/recommendations/changes/", "GET", 401, 200, 200, 200, 200, 200),
    # --- a doctor's own practice details (issue 12 §4) ----------------------------------
    R("api/v1/portal/profile/", "GET", 401, 403, 403, 200, 200, 403),
    R("api/v1/portal/profile/", "PATCH", 401, 403, 403, 200, 200, 403),
    # --- photos and analyses: the owner; the consenting doctor reads, never deletes -------
    # A media link is made for one viewer (the owner here): anyone else gets 404.
    R("api/v1/media/<str:token>/", "GET", 401, 200, 404, 404, 404, 404),
    R(
        "api/v1/media/<str:token>/",
        "GET",
        401,
        404,
        404,
        404,
        200,
        404,
        params={"token": "doctor_token"},
    ),
    R("api/v1/uploads/", "POST", 401, 415, 415, 415, 415, 415),
    R("api/v1/uploads/limits/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/uploads/<str:upload_id>/", "GET", 401, 200, 404, 404, 200, 404),
    R("api/v1/analyses/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/analyses/compare/", "GET", 401, 400, 400, 400, 400, 400),
    R("api/v1/analyses/spots-to-recheck/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/analyses/<str:analysis_id>/", "GET", 401, 200, 404, 404, 200, 404),
    R("api/v1/analyses/<str:analysis_id>/", "DELETE", 401, 204, 404, 404, 404, 404),
    # --- catalogue, ingredient checker, directory: public reads ---------------------------
    R("api/v1/products/", "GET", 200, 200, 200, 200, 200, 200),
    R("api/v1/products/<uuid:product_id>/", "GET", 200, 200, 200, 200, 200, 200),
    R("api/v1/ingredients/check/", "POST", 400, 400, 400, 400, 400, 400),
    R("api/v1/doctors/", "GET", 200, 200, 200, 200, 200, 200),
    R("api/v1/doctors/specialties/", "GET", 200, 200, 200, 200, 200, 200),
    R("api/v1/doctors/languages/", "GET", 200, 200, 200, 200, 200, 200),
    R("api/v1/doctors/<str:doctor_id>/", "GET", 200, 200, 200, 200, 200, 200),
    R("api/v1/doctors/<str:doctor_id>/slots/", "GET", 200, 200, 200, 200, 200, 200),
    # --- booking: a patient's own appointments; the doctor works through the portal -------
    R("api/v1/appointments/", "GET", 401, 200, 200, 200, 200, 200),
    R(
        "api/v1/appointments/",
        "POST",
        401,
        201,
        201,
        201,
        201,
        201,
        body={
            "doctor": "{doctor_id}",
            "start": "2026-06-02T10:00:00-04:00",
            "consultation_type": "in_person",
            "reason": "Itchy patch",
        },
    ),
    # Sharing someone else's analysis is refused as "not yours".
    R(
        "api/v1/appointments/",
        "POST",
        401,
        201,
        400,
        400,
        400,
        400,
        body={
            "doctor": "{doctor_id}",
            "start": "2026-06-02T10:00:00-04:00",
            "consultation_type": "in_person",
            "reason": "Itchy patch",
            "shared_analyses": ["{analysis_id}"],
        },
    ),
    R(
        "api/v1/doctors/<str:doctor_id>/waitlist/",
        "POST",
        401,
        409,
        201,
        201,
        201,
        201,
        body={"reason": "Anything sooner?"},
    ),
    R("api/v1/appointments/<str:appointment_id>/", "GET", 401, 200, 404, 404, 404, 404),
    R("api/v1/appointments/<str:appointment_id>/cancel/", "POST", 401, 200, 404, 404, 404, 404),
    R(
        "api/v1/appointments/<str:appointment_id>/reschedule/",
        "POST",
        401,
        200,
        404,
        404,
        404,
        404,
        body={"start": "2026-06-02T11:00:00-04:00"},
    ),
    R("api/v1/appointments/<str:appointment_id>/accept/", "POST", 401, 400, 404, 404, 404, 404),
    R("api/v1/appointments/<str:appointment_id>/ics/", "GET", 401, 200, 404, 404, 200, 404),
    R(
        "api/v1/appointments/<str:appointment_id>/shared-analyses/",
        "POST",
        401,
        200,
        404,
        404,
        404,
        404,
        body={"analyses": ["{analysis_id}"]},
    ),
    R(
        "api/v1/appointments/<str:appointment_id>/shared-analyses/<str:analysis_id>/",
        "DELETE",
        401,
        200,
        404,
        404,
        404,
        404,
    ),
    R("api/v1/waitlist/", "GET", 401, 200, 200, 200, 200, 200),
    R("api/v1/waitlist/<str:entry_id>/", "DELETE", 401, 204, 404, 404, 404, 404),
    # --- the doctor portal: a two-factor doctor, and only their own patients --------------
    R("api/v1/portal/appointments/", "GET", 401, 403, 403, 200, 200, 403),
    R("api/v1/portal/appointments/<str:appointment_id>/", "GET", 401, 403, 403, 404, 200, 403),
    R(
        "api/v1/portal/appointments/<str:appointment_id>/",
        "PATCH",
        401,
        403,
        403,
        404,
        200,
        403,
        body={"doctor_notes": "Check in 3 months"},
    ),
    R(
        "api/v1/portal/appointments/<str:appointment_id>/status/",
        "POST",
        401,
        403,
        403,
        404,
        400,
        403,
        body={"status": "completed"},
        why="400: the visit has not started yet",
    ),
    R(
        "api/v1/portal/appointments/<str:appointment_id>/cancel/",
        "POST",
        401,
        403,
        403,
        404,
        200,
        403,
        body={"reason": "I am unwell"},
    ),
    R("api/v1/portal/schedule/", "GET", 401, 403, 403, 200, 200, 403),
    R("api/v1/portal/schedule/", "PUT", 401, 403, 403, 400, 400, 403),
    R("api/v1/portal/time-off/", "GET", 401, 403, 403, 200, 200, 403),
    R(
        "api/v1/portal/time-off/",
        "POST",
        401,
        403,
        403,
        201,
        201,
        403,
        body={"start_date": "2026-06-12", "end_date": "2026-06-12", "note": "Conference"},
    ),
    R("api/v1/portal/time-off/<str:exception_id>/", "DELETE", 401, 403, 403, 404, 204, 403),
    # --- /learn/: public pages ------------------------------------------------------------
    # Education recordings are public; a name that is not a published video's file is 404.
    R("learn/media/<path:name>", "GET", 404, 404, 404, 404, 404, 404),
    R("learn/", "GET", 200, 200, 200, 200, 200, 200),
    R("learn/category/<slug:category>/", "GET", 200, 200, 200, 200, 200, 200),
    R("learn/glossary/", "GET", 200, 200, 200, 200, 200, 200),
    R(
        "learn/glossary/<slug:slug>/",
        "GET",
        200,
        200,
        200,
        200,
        200,
        200,
        params={"slug": "term_slug"},
    ),
    R("learn/videos/", "GET", 200, 200, 200, 200, 200, 200),
    R(
        "learn/videos/<slug:slug>/",
        "GET",
        200,
        200,
        200,
        200,
        200,
        200,
        params={"slug": "video_slug"},
    ),
    R("learn/concern/<slug:concern>/", "GET", 302, 302, 302, 302, 302, 302),
    R("learn/term/<slug:key>/", "GET", 302, 302, 302, 302, 302, 302),
    R("learn/<slug:slug>/", "GET", 200, 200, 200, 200, 200, 200),
    # --- the development outbox: 404 for everyone unless local settings turn it on ----------
    R("dev/outbox/", "GET", 404, 404, 404, 404, 404, 404),
    R("dev/outbox/<str:name>/", "GET", 404, 404, 404, 404, 404, 404),
]
