"""One description of the result: skinlab's dataclasses. The API schema, the readers and the
stored JSON all follow them, so a renamed field fails here instead of reading as None."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest
from rest_framework import serializers

import skinlab
from metskin.analysis import serializers as schema
from metskin.analysis.results import StoredResultMismatch, result_from_stored, result_of
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from skinlab import result as skinlab_result
from skinlab.tone import ToneResult

# Each documented shape of the API schema and the dataclass it documents.
PAIRS: list[tuple[type[serializers.Serializer[Any]], type]] = [
    (schema.AnalysisResultSchema, skinlab.AnalysisResult),
    (schema.QualitySchema, skinlab_result.Quality),
    (schema.QualityIssueSchema, skinlab_result.QualityIssue),
    (schema.FaceSchema, skinlab_result.FaceInfo),
    (schema.RegionSchema, skinlab_result.RegionInfo),
    (schema.ToneSchema, ToneResult),
    (schema.ConcernSchema, skinlab.ConcernResult),
    (schema.VideoSummarySchema, skinlab_result.VideoSummary),
]
NOT_SERVED = {"overlay_png"}  # travels as its own file, never in the JSON


@pytest.mark.parametrize(("documented", "described"), PAIRS, ids=lambda p: p.__name__)
def test_the_api_schema_names_exactly_the_dataclass_fields(documented, described):
    fields = {f.name for f in dataclasses.fields(described)} - NOT_SERVED
    assert set(documented().fields) == fields


def test_serializer_choices_are_skinlab_vocabularies():
    tone = schema.ToneSchema().fields
    assert list(tone["ita_band"].choices) == [band.value for band in skinlab.ItaBand]
    assert list(tone["fitzpatrick"].choices) == [t.value for t in skinlab.Fitzpatrick]
    assert list(tone["undertone"].choices) == [u.value for u in skinlab.Undertone]
    code = schema.QualityIssueSchema().fields["code"]
    assert list(code.choices) == [c.value for c in skinlab.QualityIssueCode]


def test_results_are_frozen():
    result = result_from_stored(sample_result())
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.quality = result.quality
    assert result.tone is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.tone.monk = 9


def test_a_stored_result_round_trips_through_the_dataclasses():
    stored = sample_result(concerns={"acne": 40, "lesion": 70})
    typed = result_from_stored(stored)

    assert typed.tone is not None and typed.tone.ita_band is skinlab.ItaBand.INTERMEDIATE
    assert typed.concern("lesion") is not None
    again = typed.to_dict()
    assert again["concerns"] == stored["concerns"]
    assert again["tone"]["fitzpatrick"] == "III"


@pytest.mark.parametrize(
    "rename",
    [
        ("tone", "ita_band", "itaBand"),
        ("quality", "score", "quality_score"),
        (None, "concerns", "findings"),
    ],
    ids=lambda r: ".".join(p for p in r[:2] if p),
)
def test_a_renamed_field_fails_instead_of_reading_as_none(rename):
    parent, old, new = rename
    stored = copy.deepcopy(sample_result())
    where = stored[parent] if parent else stored
    where[new] = where.pop(old)

    with pytest.raises(StoredResultMismatch):
        result_from_stored(stored)


def test_an_unknown_vocabulary_value_fails():
    stored = sample_result()
    stored["tone"]["undertone"] = "olive"

    with pytest.raises(StoredResultMismatch, match="olive"):
        result_from_stored(stored)


@pytest.mark.django_db
def test_result_of_reads_a_finished_analysis_once_and_none_before():
    analysis = AnalysisFactory(result=sample_result(ita=12.5))
    typed = result_of(analysis)
    assert typed is not None and typed.tone is not None and typed.tone.ita == 12.5
    assert result_of(analysis) is typed  # built once per row object

    pending = AnalysisFactory(status="pending", result=None)
    assert result_of(pending) is None
