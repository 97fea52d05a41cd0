"""A dark photo does not give a confident answer: the result page leads with the light and a
retake, and history marks the result (issue 12 §2). At phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from skinlab.quality import MESSAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_dark_photo_leads_with_the_light_and_a_retake(phone_page, live_server, screenshots):
    page = phone_page
    patient = UserFactory(email="noor@example.com")
    dark = AnalysisFactory(
        owner=patient,
        result=sample_result(
            issues=[
                {"code": "too_dark", "message": MESSAGES["too_dark"]},
                {"code": "exposure_uncertain", "message": MESSAGES["exposure_uncertain"]},
            ]
        ),
    )
    AnalysisFactory(owner=patient, result=sample_result())  # a well-lit one
    page.goto("/signin")
    page.get_by_label("Email").fill("noor@example.com")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto(f"/analyses/{dark.pk}")
    warning = page.get_by_role("alert").filter(
        has=page.get_by_role(
            "heading", name="The light in this photo makes the result less reliable"
        )
    )
    expect(warning).to_be_visible()
    expect(warning).to_contain_text(MESSAGES["too_dark"])
    # At the top: in view without scrolling on a phone.
    assert warning.bounding_box()["y"] < page.viewport_size["height"]
    screenshots.take(page, "result-dark-photo")

    page.goto("/history")
    marks = page.get_by_text("Poor light: less reliable")
    expect(marks).to_have_count(1)
    screenshots.take(page, "history-marks-dark-photo")

    page.goto(f"/analyses/{dark.pk}")
    warning.get_by_role("link", name="Retake the photo").click()
    expect(page).to_have_url(re.compile(r"/analyse$"))
