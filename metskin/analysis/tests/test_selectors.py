"""The reads other apps rely on (recommendations, appointments, notifications)."""

from __future__ import annotations

import pytest
from django.http import Http404

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.selectors import (
    analysis_get_for_viewer,
    analysis_latest_done,
    analysis_list_done,
)
from metskin.analysis.services import analysis_share_grant, analysis_share_revoke
from metskin.analysis.tests.factories import AnalysisFactory

pytestmark = pytest.mark.django_db


def test_latest_and_list_done_skip_unfinished_and_others(patient):
    assert analysis_latest_done(user=patient) is None
    oldest = AnalysisFactory(owner=patient, days_ago=20)
    middle = AnalysisFactory(owner=patient, days_ago=10)
    newest = AnalysisFactory(owner=patient, days_ago=1)
    AnalysisFactory(owner=patient, status="pending")
    AnalysisFactory(owner=patient, status="failed")
    AnalysisFactory()

    assert analysis_latest_done(user=patient) == newest
    assert analysis_list_done(user=patient) == [newest, middle, oldest]
    assert analysis_list_done(user=patient, limit=2) == [newest, middle]


def test_get_for_viewer_owner_shared_doctor_and_nobody_else(patient):
    analysis = AnalysisFactory(owner=patient)
    doctor = UserFactory(role=Role.DERMATOLOGIST)
    other_doctor = UserFactory(role=Role.DERMATOLOGIST)

    assert analysis_get_for_viewer(user=patient, analysis_id=analysis.id) == analysis
    analysis_share_grant(analysis=analysis, doctor_user=doctor)
    assert analysis_get_for_viewer(user=doctor, analysis_id=str(analysis.id)) == analysis
    for outsider in (other_doctor, UserFactory()):
        with pytest.raises(Http404):
            analysis_get_for_viewer(user=outsider, analysis_id=analysis.id)
    analysis_share_revoke(analysis=analysis, doctor_user=doctor)
    with pytest.raises(Http404):
        analysis_get_for_viewer(user=doctor, analysis_id=analysis.id)


def test_a_share_stops_working_when_the_doctor_loses_the_role(patient):
    analysis = AnalysisFactory(owner=patient)
    doctor = UserFactory(role=Role.DERMATOLOGIST)
    analysis_share_grant(analysis=analysis, doctor_user=doctor)

    doctor.role = Role.PATIENT
    doctor.save()

    with pytest.raises(Http404):
        analysis_get_for_viewer(user=doctor, analysis_id=analysis.id)
