"""One description of the result: skinlab's dataclasses. The API schema, the readers and the
stored JSON all follow them, so a renamed field fails here instead of reading as None."""

from __future__ import annotations

import copy
import dataclasses

import pytest

import skinlab
from metskin.analysis import serializers as schema
from metskin.analysis.results import StoredResultMismatch, result_from_stored, result_of
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.core.dataclass_schema import DerivedSerializer, derived_serializer
from metskin.uploads.tests import media

NOT_SERVED = {"overlay_jpeg"}  # travels as its own file, never in the JSON


@pytest.mark.parametrize(
    "served",
    [
        pytest.param(lambda: sample_result(concerns={"acne": 40, "lesion": 70}), id="sample"),
        pytest.param(lambda: skinlab.analyze(media.jpeg()).to_dict(), id="skinlab-run"),
    ],
)
def test_the_served_result_is_what_its_schema_describes(served):
    """Given a result as the API serves it (to_dict of the typed result),
    when the serializer derived from skinlab's dataclasses reads and writes it back,
    then every value is valid for the schema (types, enums, bounds) and nothing changes."""
    typed = result_from_stored(served())
    as_served = typed.to_dict()

    reading = schema.AnalysisResultSchema(data=as_served)
    assert reading.is_valid(), reading.errors
    assert schema.AnalysisResultSchema(typed).data == as_served
    assert set(as_served) == {f.name for f in dataclasses.fields(typed)} - NOT_SERVED


@dataclasses.dataclass(frozen=True)
class _RenamedTone:
    """ToneResult as it would be after a rename in skinlab (``ita_band`` -> ``itaBand``)."""

    ita: float
    itaBand: skinlab.ItaBand


def test_a_field_renamed_in_skinlab_renames_it_in_the_schema():
    derived = derived_serializer(_RenamedTone)().fields

    assert set(derived) == {"ita", "itaBand"}
    assert list(derived["itaBand"].choices) == [band.value for band in skinlab.ItaBand]


def test_a_vocabulary_for_a_field_skinlab_no_longer_has_fails_at_import():
    with pytest.raises(TypeError, match="source_fmt"):

        class _Stale(DerivedSerializer[skinlab.AnalysisResult]):
            class Meta:
                dataclass = skinlab.AnalysisResult
                choices = {"source_fmt": (("jpeg", "JPEG"),)}


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
        # optional or defaulted fields: a renamed one must not read as None or empty either
        (None, "tone", "skin_tone"),
        (None, "video", "clip"),
        ("quality", "metrics", "measures"),
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
