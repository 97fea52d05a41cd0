"""A catalogue change reaches a real worker, which works the candidates out again before the
next request asks (issue 18 §7, docs/adr/0022): the broker and the worker are the real ones."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache

from metskin.catalog.models import Product
from metskin.recommendations.engine.recommend import plan
from metskin.recommendations.selectors import _candidates_key, analysis_history, profile_facts
from metskin.recommendations.tests.test_api import (
    RECOMMENDATIONS,
    WARM_QUERIES,
    catalog,  # noqa: F401 - the fixture
    profile_of,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def candidates_cached_for(user, timeout: float = 30) -> bool:
    """Whether the candidates of ``user``'s filter set are cached for the catalogue's current
    version within ``timeout`` seconds."""
    planned = plan(profile_facts(user=user), analysis_history(user=user))
    deadline = time.monotonic() + timeout
    while cache.get(_candidates_key(planned.slots, planned.candidate_filter)) is None:
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.2)
    return True


def test_a_staff_edit_has_the_worker_rewarm_the_candidates_people_asked_for(
    patient,
    patient_client,
    catalog,  # noqa: F811
    celery_worker,
    django_assert_num_queries,
):
    # Given a person whose routine was asked for.
    profile_of(patient, skin_type="oily", concerns=["acne"], allergies=["linalool"])
    before = patient_client.get(RECOMMENDATIONS)
    assert candidates_cached_for(patient, timeout=0)

    # When staff change a product (a single save: the signal bumps the version).
    cream = Product.objects.get(name="Cheap Cream")
    cream.image_url = "https://example.com/cheap-cream.jpg"
    cream.save()

    # Then the worker works their candidates out for the new version, unasked.
    assert candidates_cached_for(patient), "the worker did not rewarm the candidates"
    with django_assert_num_queries(WARM_QUERIES):
        after = patient_client.get(RECOMMENDATIONS)
    assert before.json()["routine"] == after.json()["routine"]
