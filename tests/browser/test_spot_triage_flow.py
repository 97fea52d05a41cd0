"""A real lesion photo with 'About this spot' answers → how soon, and why, on the result page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.analysis.models import Analysis

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A real smartphone close-up from PAD-UFES-20 (CC BY 4.0; bench/data/pad_ufes20/PROVENANCE.md).
SPOT = (
    Path(__file__).resolve().parents[2] / "bench/data/pad_ufes20/images_300px/PAT_100_393_898.png"
)


def test_answers_about_a_spot_change_the_advice(page, live_server, celery_worker, screenshots):
    user = UserFactory()
    page.goto("/signin")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto("/analyse")
    page.get_by_label("This photo shows one spot or mole I want checked").check()
    questions = page.get_by_role("group", name="About this spot")
    expect(questions).to_be_visible()
    questions.get_by_role(
        "radiogroup", name="Has it bled, without being scratched or cut?"
    ).get_by_label("Yes").check()
    questions.get_by_role("radiogroup", name="Has it grown?").get_by_label("Yes").check()
    questions.get_by_label("Your age (optional)").fill("63")
    screenshots.take(page, "1-about-this-spot")
    page.get_by_label("Choose files").set_input_files(str(SPOT))

    expect(page).to_have_url(re.compile(r"/analyses/[0-9a-f-]{36}$"))
    triage = page.get_by_test_id("spot-triage")
    expect(triage).to_contain_text("See a dermatologist within the next two weeks.", timeout=60_000)
    expect(triage.get_by_role("list", name="Why")).to_contain_text("You said it bleeds.")
    triage.scroll_into_view_if_needed()
    screenshots.take(page, "2-urgent-with-reasons")
    analysis = Analysis.objects.get(owner=user)
    assert analysis.spot_answers is not None and analysis.spot_answers["bleeds"] is True
    assert analysis.lesion_urgency == "urgent"
