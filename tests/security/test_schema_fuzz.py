"""Schema fuzzing: schemathesis drives every operation of /api/schema/ as a signed-in patient.

Bounded (FUZZ_EXAMPLES examples an operation, default 8: about 2½ minutes on two cores) so it
runs in the normal suite. Zero 5xx, every 4xx in our JSON error body, and every answer
conforms to the schema (status code, content type, body). A failure prints the request to
reproduce it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from knox.models import AuthToken
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from metskin.accounts.models import Role, User
from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.tests.factories import AnalysisFactory
from tests.security.report import figures_write

SEEN = {"requests": 0, "server_errors": 0}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


def error_body(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every refusal from the API says why in one shape: {"error": {"code", "message"}}."""
    if response.status_code < 400:
        return None
    body = response.json()
    error = body.get("error") if isinstance(body, dict) else None
    assert isinstance(error, dict), f"no error object in {body!r}"
    assert isinstance(error.get("code"), str) and isinstance(error.get("message"), str), body
    return True


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    error_body,
]


@pytest.fixture
def patient_token(db: None) -> Iterator[str]:
    """A patient with an analysis, signed in with an API token (no CSRF, as an API client)."""
    # The WSGI app runs in this thread on the test's connection: keep Django from closing it
    # at the end of each request (the test client does the same).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        patient: User = UserFactory(role=Role.PATIENT)  # type: ignore[assignment]
        AnalysisFactory(owner=patient)
        _, token = AuthToken.objects.create(user=patient)
        yield token
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_the_api_answers_every_generated_request_as_its_schema_says(
    case: Any, patient_token: str
) -> None:
    response = case.call(headers={"Authorization": f"Token {patient_token}"})
    SEEN["requests"] += 1
    SEEN["server_errors"] += response.status_code >= 500
    figures_write("fuzz", operations=len(schema), **SEEN)
    case.validate_response(response, checks=CHECKS)
