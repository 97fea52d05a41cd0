"""The OpenAPI schema states the error answers too, in the one error shape of the API.

drf-spectacular documents each view's success answer; every operation can also refuse
(bad input, not signed in, not allowed, not found or not yours, too many requests; writes
also a conflict or a body in the wrong format), always as ``{"error": {...}}``
(metskin/core/exceptions.py). Saying so lets API clients and the generated front-end types
handle them, and lets the schema fuzzing (tests/security/test_schema_fuzz.py) hold every
answer to the schema.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from rest_framework import serializers

ERRORS = {
    "400": "Invalid input: the fields that need attention are in error.fields",
    "401": "Not signed in, or the token has expired or was revoked",
    "403": "Not allowed (a doctor or staff member needs a two-factor sign-in)",
    "404": "Not found, or not yours",
    "429": "Too many requests; Retry-After says when to try again",
}
WRITE_ERRORS = {
    "409": "Conflicts with the current state (taken, already done, over a limit)",
    "415": "The body is not in a format this operation reads",
}
WRITES = {"POST", "PUT", "PATCH", "DELETE"}


class ErrorDetailSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="Stable, for programs: invalid, not_found, ...")
    message = serializers.CharField(help_text="For a person, as it is")
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.JSONField(), help_text="Field name → messages (nested for lists)"
    )


class ErrorSerializer(serializers.Serializer[Any]):
    error = ErrorDetailSerializer()


class ApiAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        ref = self.resolve_serializer(ErrorSerializer, "response").ref
        errors = {**ERRORS, **(WRITE_ERRORS if self.method in WRITES else {})}
        for code, description in errors.items():
            documented = responses.setdefault(code, {"description": description})
            # A view that documents a refusal (the media link's 403) answers it in JSON too.
            documented.setdefault("content", {})["application/json"] = {"schema": ref}
        return responses
