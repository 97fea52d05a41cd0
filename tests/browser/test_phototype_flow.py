"""The Fitzpatrick questionnaire in the skin profile, and the phototype an analysis reports."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from metskin.accounts import fitzpatrick as fitz
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.analysis.tests.factories import AnalysisFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_answering_the_phototype_questions_sets_the_type(page, live_server, screenshots):
    user = UserFactory()
    analysis = AnalysisFactory(owner=user)  # its photo's estimate is type III
    page.goto("/signin")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto("/profile/skin")
    questions = page.get_by_role("group", name="Your phototype (how your skin reacts to the sun)")
    expect(questions).to_be_visible()
    # eight of ten answered with the fourth choice (3 points each): 24 + 0-8 → IV to V
    for question, choices in list(fitz.QUESTIONS.values())[:8]:
        questions.get_by_label(question).select_option(label=choices[3][1])
    page.get_by_role("button", name="Save my skin profile").click()
    result = page.get_by_test_id("phototype-result")
    expect(result).to_contain_text("From your answers: type V")
    expect(result).to_contain_text("between IV and V")
    result.scroll_into_view_if_needed()
    screenshots.take(page, "1-questionnaire")

    page.goto(f"/analyses/{analysis.pk}")
    expect(page.get_by_test_id("phototype")).to_have_text("Type V (IV–V)")
    expect(page.get_by_text("Photo's estimate")).to_be_visible()
    screenshots.take(page, "2-analysis-phototype")
