from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from metskin.analysis.models import Analysis

pytestmark = pytest.mark.django_db


def test_seed_demo_gives_the_demo_patient_two_analyses_once():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())

    analyses = Analysis.objects.filter(owner__email="demo@metskin.example")
    assert sorted(analyses.values_list("status", flat=True)) == ["done", "done"]
    assert all(analysis.overlay_name for analysis in analyses)
