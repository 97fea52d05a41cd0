"""The OpenAPI schema documents the upload, analysis and media API, and all of skinlab's result.

The front end's types are generated from this schema (make api-types), so a field missing here
is a field the front end cannot see.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.test import Client

import skinlab
from skinlab.concerns import Concern
from skinlab.result import (
    AnalysisResult,
    ColorCorrection,
    ConcernResult,
    FaceInfo,
    MediaType,
    PixelBox,
    Pose,
    Quality,
    QualityIssue,
    QualityIssueCode,
    RegionInfo,
    VideoSummary,
)
from skinlab.tone import Fitzpatrick, ItaBand, ToneResult, Undertone

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def _fields(shape: type) -> set[str]:
    """A dataclass's fields, or a TypedDict's keys."""
    if dataclasses.is_dataclass(shape):
        return {field.name for field in dataclasses.fields(shape)}
    return set(shape.__annotations__)


def _refs(node: Any) -> list[str]:
    """Every $ref anywhere inside a piece of the schema."""
    if isinstance(node, dict):
        own = [node["$ref"]] if "$ref" in node else []
        return own + [ref for value in node.values() for ref in _refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in _refs(value)]
    return []


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


# The components of skinlab's result and the dataclass (or TypedDict) each one is derived from.
RESULT_COMPONENTS: list[tuple[str, type, set[str]]] = [
    ("AnalysisResultSchema", AnalysisResult, {"overlay_jpeg"}),
    ("ColorCorrectionSchema", ColorCorrection, set()),
    ("ConcernSchema", ConcernResult, set()),
    ("FaceSchema", FaceInfo, set()),
    ("PixelBoxSchema", PixelBox, set()),
    ("PoseSchema", Pose, set()),
    ("RegionSchema", RegionInfo, set()),
    ("ToneSchema", ToneResult, set()),
    ("QualitySchema", Quality, set()),
    ("QualityIssueSchema", QualityIssue, set()),
    ("VideoSummarySchema", VideoSummary, set()),
]


@pytest.mark.parametrize(
    ("component", "shape", "not_in_json"),
    RESULT_COMPONENTS,
    ids=lambda p: getattr(p, "__name__", ""),
)
def test_every_key_of_the_skinlab_result_is_in_the_schema_and_required(
    schema, component, shape, not_in_json
):
    """A field renamed, added or dropped in skinlab is renamed, added or dropped here (and in
    the front end's generated types): the API never serves a name skinlab does not have."""
    described = _component(schema, component)
    expected = _fields(shape) - not_in_json

    assert set(described["properties"]) == expected
    assert set(described["required"]) == expected  # to_dict() always writes every field


def test_every_result_component_is_derived_from_skinlab(schema):
    """Given the result as the schema describes it, every component it refers to, however
    deep, is one derived from skinlab (a hand-written shape would not be listed)."""
    components = schema["components"]["schemas"]
    seen: set[str] = set()
    waiting = ["AnalysisResultSchema"]
    while waiting:
        name = waiting.pop()
        if name in seen:
            continue
        seen.add(name)
        waiting.extend(ref.rsplit("/", 1)[1] for ref in _refs(components[name]))

    objects = {name for name in seen if "properties" in components[name]}
    assert objects == {component for component, _, _ in RESULT_COMPONENTS}


@pytest.mark.parametrize(
    ("component", "vocabulary"),
    [
        ("ItaBandEnum", ItaBand),
        ("FitzpatrickTypeEnum", Fitzpatrick),
        ("UndertoneEnum", Undertone),
        ("MediaTypeEnum", MediaType),
        ("QualityIssueSchemaCodeEnum", QualityIssueCode),
        ("SkinlabConcernEnum", Concern),
    ],
    ids=lambda p: getattr(p, "__name__", p),
)
def test_the_result_enums_are_skinlab_vocabularies(schema, component, vocabulary):
    assert _component(schema, component)["enum"] == [member.value for member in vocabulary]


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


@pytest.mark.parametrize(
    ("component", "field", "vocabulary"),
    [
        ("SummarySchema", "ita_band", "ItaBandEnum"),
        ("SummarySchema", "fitzpatrick", "FitzpatrickTypeEnum"),
        ("SummarySchema", "undertone", "UndertoneEnum"),
        ("ConcernChangeSchema", "name", "SkinlabConcernEnum"),
    ],
)
def test_the_summary_and_the_comparison_use_skinlabs_vocabularies(
    schema, component, field, vocabulary
):
    """The timeline's summary and a comparison's concern names are typed by the same enums as
    the result itself, never as free text (the front end's types then name every value)."""
    prop = _component(schema, component)["properties"][field]
    # a nullable enum is oneOf [the enum, NullEnum]
    assert _ref(vocabulary) in _refs(prop)
    assert not ({"type", "enum"} & set(prop))  # no inline string or copied enum


def test_the_summarys_lighting_issues_are_skinlabs_codes(schema):
    """The timeline's "poor light" codes are skinlab's quality codes about the light, as an
    enum the front end can name, never free text."""
    items = _component(schema, "SummarySchema")["properties"]["lighting_issues"]["items"]
    assert _refers_to(items) == _ref("LightingIssuesEnum")
    codes = _component(schema, "LightingIssuesEnum")["enum"]
    assert codes == [str(code) for code in skinlab.LIGHTING_ISSUES]
    assert set(codes) <= {str(code) for code in skinlab.QualityIssueCode}
