"""The platform's own promises: error shape, health, schema and docs."""

from __future__ import annotations

import pytest
from django.test import Client

from metskin.core.health import check_broker

pytestmark = pytest.mark.django_db


def test_unknown_api_paths_answer_json_404(api_client):
    response = api_client.get("/api/v1/no-such-thing/")

    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "Not found.", "fields": {}}
    }


def test_unknown_pages_are_left_to_the_react_router():
    response = Client().get("/some/page/that/does/not/exist")

    assert response.status_code == 200
    assert b'<div id="root">' in response.content


def test_method_not_allowed_is_in_the_error_shape(patient_client):
    response = patient_client.put("/api/v1/me/")  # DELETE now deletes the account

    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


def test_healthz_reports_each_part_ok():
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_healthz_is_503_when_the_broker_is_down(monkeypatch):
    # Point the app at a port where nothing listens: a real failure, not a stub.
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", "redis://127.0.0.1:1/0")

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"].startswith("error")
    assert response.json()["database"] == "ok"


def test_check_broker_fails_fast_on_a_closed_port():
    with pytest.raises(Exception):  # noqa: B017 - any connection error is the point
        check_broker("redis://127.0.0.1:1/0")


def test_openapi_schema_and_swagger_ui_are_served():
    client = Client()

    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/auth/token/" in paths
    assert "/api/v1/profile/skin/" in paths
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content
    assert b"cdn.jsdelivr" not in docs.content
