"""The summary the timeline and charts read from a result."""

import skinlab
from metskin.analysis import compare
from metskin.analysis.compare import concern_changes, result_summary
from metskin.analysis.results import result_from_stored
from metskin.analysis.tests.factories import sample_result


def test_the_summary_names_the_issues_about_the_light_and_only_those():
    issues = [
        {"code": "blurry", "message": "…"},
        {"code": "exposure_uncertain", "message": "…"},
        {"code": "too_dark", "message": "…"},
    ]
    summary = result_summary(result_from_stored(sample_result(issues=issues)))

    assert summary is not None
    assert summary["lighting_issues"] == ["too_dark", "exposure_uncertain"]
    assert (
        result_summary(
            result_from_stored(sample_result(issues=[{"code": "blurry", "message": "…"}]))
        )["lighting_issues"]
        == []
    )


def test_a_concern_not_checked_in_a_photo_is_null_never_zero():
    # Given a result where the engine could not check dark spots (the face was too small)
    result = sample_result(concerns={"redness": 35, "dark_spots": 0})
    result["concerns"][1]["details"] = {"assessed": False}

    # When the charts' summary and a comparison read it
    typed = result_from_stored(result)
    summary = result_summary(typed)
    earlier = result_from_stored(sample_result(concerns={"redness": 50, "dark_spots": 20}))
    changes = concern_changes(earlier, typed)

    # Then dark spots is a gap (null), not a 0, and has no change
    assert summary is not None
    assert summary["concerns"] == {"redness": 35, "dark_spots": None}
    assert changes == [
        {"name": "dark_spots", "first": 20, "second": None, "change": None},
        {"name": "redness", "first": 50, "second": 35, "change": -15},
    ]


def test_what_the_comparison_reads_in_skinlabs_free_form_details_is_what_skinlab_writes():
    """The lighting check and the gaps read keys of dicts the dataclasses leave open
    (illuminant_estimate, quality.metrics, a concern's details): on a real run they are there,
    so a key renamed in skinlab fails here instead of silently switching a check off."""
    from metskin.uploads.tests import media

    result = result_from_stored(skinlab.analyze(media.jpeg()).to_dict())

    # the colour temperature and the brightness of the light, compared between two photos
    assert compare._cct(result) is not None
    assert compare._brightness(result) is not None
    # this small synthetic face is too small for some concerns: those are gaps, not 0
    assert None in compare.severities(result).values()
