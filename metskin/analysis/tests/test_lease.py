"""A run's lease is renewed while the run lives, and never for a run that lost its claim."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from metskin.analysis.lease import LeaseKeeper
from metskin.analysis.models import Analysis, AnalysisStatus
from metskin.analysis.services import analysis_claim
from metskin.analysis.tests.factories import AnalysisFactory

# The keeper renews from its own thread, on its own connection: the row must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_live_run_keeps_pushing_its_lease_forward(settings):
    settings.ANALYSIS_CLAIM_SECONDS = 30
    analysis = AnalysisFactory(status=AnalysisStatus.PENDING)
    claim = analysis_claim(analysis_id=str(analysis.pk))
    claim.rows().update(claimed_until=timezone.now() + timedelta(seconds=1))

    with LeaseKeeper(claim.rows, every_s=0.1):
        time.sleep(0.6)

    renewed = Analysis.objects.get(pk=analysis.pk).claimed_until
    assert renewed is not None
    assert renewed > timezone.now() + timedelta(seconds=25)


def test_a_run_that_lost_its_claim_renews_nothing():
    analysis = AnalysisFactory(status=AnalysisStatus.PENDING)
    claim = analysis_claim(analysis_id=str(analysis.pk))
    # Another run took over (new token) after the lease ran out.
    expired = timezone.now() - timedelta(seconds=5)
    Analysis.objects.filter(pk=analysis.pk).update(claim_token=None, claimed_until=expired)

    keeper = LeaseKeeper(claim.rows, every_s=0.1)

    assert keeper.renew() is False
    assert Analysis.objects.get(pk=analysis.pk).claimed_until == expired


def test_the_keeper_stops_when_the_run_is_finished():
    analysis = AnalysisFactory(status=AnalysisStatus.PENDING)
    claim = analysis_claim(analysis_id=str(analysis.pk))
    claim.rows().update(
        status=AnalysisStatus.FAILED,
        error_code="internal_error",
        error_message="Something went wrong.",
        finished_at=timezone.now(),
        claimed_until=None,
    )

    keeper = LeaseKeeper(claim.rows, every_s=0.05)
    with keeper:
        time.sleep(0.3)
        alive = keeper._thread.is_alive()

    assert alive is False  # it noticed at its first renewal and ended
    assert Analysis.objects.get(pk=analysis.pk).claimed_until is None
