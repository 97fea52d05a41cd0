"""The OpenAPI schema documents the upload, analysis and media API, and all of skinlab's result.

The front end's types are generated from this schema (make api-types), so a field missing here
is a field the front end cannot see.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.test import Client

from skinlab.result import (
    AnalysisResult,
    ConcernResult,
    FaceInfo,
    Quality,
    QualityIssue,
    RegionInfo,
    VideoSummary,
)
from skinlab.tone import ToneResult

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _fields(dataclass: type) -> set[str]:
    return {field.name for field in dataclasses.fields(dataclass)}


def _component(schema: dict[str, Any], name: str) -> dict[str, Any]:
    component: dict[str, Any] = schema["components"]["schemas"][name]
    return component


def _ref(name: str) -> str:
    return f"#/components/schemas/{name}"


def _refers_to(prop: dict[str, Any]) -> str:
    """The component a property is typed by (drf-spectacular wraps it in allOf when the
    property adds a description or nullable)."""
    target: str = prop["$ref"] if "$ref" in prop else prop["allOf"][0]["$ref"]
    return target


def test_the_upload_analysis_and_media_paths_are_documented(schema):
    paths = schema["paths"]

    assert set(paths["/api/v1/uploads/"]) >= {"post"}
    assert set(paths["/api/v1/uploads/{upload_id}/"]) >= {"get"}
    assert set(paths["/api/v1/analyses/"]) >= {"get"}
    assert set(paths["/api/v1/analyses/{analysis_id}/"]) >= {"get", "delete"}
    assert set(paths["/api/v1/analyses/compare/"]) >= {"get"}
    assert set(paths["/api/v1/media/{token}/"]) >= {"get"}


@pytest.mark.parametrize(
    ("component", "dataclass", "not_in_json"),
    [
        ("AnalysisResultSchema", AnalysisResult, {"overlay_png"}),
        ("ConcernSchema", ConcernResult, set()),
        ("FaceSchema", FaceInfo, set()),
        ("RegionSchema", RegionInfo, set()),
        ("ToneSchema", ToneResult, set()),
        ("QualitySchema", Quality, set()),
        ("QualityIssueSchema", QualityIssue, set()),
        ("VideoSummarySchema", VideoSummary, set()),
    ],
)
def test_every_key_of_the_skinlab_result_is_in_the_schema(
    schema, component, dataclass, not_in_json
):
    properties = set(_component(schema, component)["properties"])

    assert properties == _fields(dataclass) - not_in_json


def test_the_fields_the_schema_used_to_leave_out_are_typed(schema):
    result = _component(schema, "AnalysisResultSchema")
    properties = result["properties"]

    assert {"face", "regions", "source_format", "timings_ms"} <= set(result["required"])
    assert _refers_to(properties["face"]) == _ref("FaceSchema")
    assert properties["regions"]["type"] == "object"
    assert properties["regions"]["additionalProperties"]["$ref"] == _ref("RegionSchema")
    assert _refers_to(properties["source_format"]) == _ref("SourceFormatEnum")
    assert properties["timings_ms"]["additionalProperties"] == {
        "type": "number",
        "format": "double",
    }
    concern = _component(schema, "ConcernSchema")
    assert "locations" in concern["required"]
    assert concern["properties"]["locations"]["items"]["$ref"] == _ref("PixelBoxSchema")
    face = _component(schema, "FaceSchema")["properties"]
    assert _refers_to(face["box"]) == _ref("PixelBoxSchema")
    assert face["box"]["nullable"] is True
    assert sorted(_component(schema, "PixelBoxSchema")["required"]) == ["h", "w", "x", "y"]
