"""GET /api/v1/analyses/spots-to-recheck/: the dashboard's reminders to photograph a spot
again (issue 12 §3)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from metskin.analysis.models import Analysis, AnalysisStatus, LesionUrgency
from metskin.analysis.tests.factories import AnalysisFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/analyses/spots-to-recheck/"


def spot(owner, urgency=LesionUrgency.ROUTINE, days_ago=10) -> Analysis:
    analysis: Analysis = AnalysisFactory(owner=owner, days_ago=days_ago)  # type: ignore[assignment]
    Analysis.objects.filter(pk=analysis.pk).update(lesion_urgency=urgency)
    return analysis


def test_lists_the_spots_to_photograph_again_oldest_first_with_when(patient, patient_client):
    newer = spot(patient, days_ago=3)
    older = spot(patient, days_ago=20)
    spot(patient, urgency=LesionUrgency.SOON)  # a referral, not a spot to watch
    spot(patient, urgency=LesionUrgency.NONE)
    spot(AnalysisFactory().owner)  # someone else's

    answer = patient_client.get(URL)

    assert answer.status_code == 200
    assert [item["analysis"] for item in answer.json()] == [str(older.pk), str(newer.pk)]
    older.refresh_from_db()
    recheck_from = answer.json()[0]["recheck_from"]
    assert recheck_from.startswith((older.finished_at + timedelta(weeks=6)).date().isoformat())


def test_a_spot_photographed_again_is_off_the_list(patient, patient_client):
    watched = spot(patient)
    again: Analysis = AnalysisFactory(owner=patient)  # type: ignore[assignment]
    Analysis.objects.filter(pk=again.pk).update(same_spot_as=watched)
    pending = AnalysisFactory(owner=patient, status=AnalysisStatus.PENDING)
    Analysis.objects.filter(pk=pending.pk).update(same_spot_as=spot(patient))

    [item] = patient_client.get(URL).json()  # only the one whose new photo is still pending

    assert item["analysis"] != str(watched.pk)


def test_signed_out_people_get_a_json_error(api_client):
    answer = api_client.get(URL)
    assert answer.status_code in (401, 403)
    assert "error" in answer.json()
