"""The summary the timeline and charts read from a result."""

from metskin.analysis.compare import result_summary
from metskin.analysis.tests.factories import sample_result


def test_the_summary_names_the_issues_about_the_light_and_only_those():
    issues = [
        {"code": "blurry", "message": "…"},
        {"code": "exposure_uncertain", "message": "…"},
        {"code": "too_dark", "message": "…"},
    ]
    summary = result_summary(sample_result(issues=issues))

    assert summary is not None
    assert summary["lighting_issues"] == ["too_dark", "exposure_uncertain"]
    assert (
        result_summary(sample_result(issues=[{"code": "blurry", "message": "…"}]))[
            "lighting_issues"
        ]
        == []
    )
