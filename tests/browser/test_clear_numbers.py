"""Clear numbers on a phone (issue 12 §6): each concern one way (a word and a bar, the score
as detail); ITA and Monk explained with links to the glossary; the two colour circles named;
a concern not checked is a gap, never 0, in history and compare; a message after saving
appears where the person is."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def in_viewport(locator) -> bool:
    box = locator.bounding_box()
    height = locator.page.viewport_size["height"]
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height


@pytest.fixture
def patient_with_history():
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    AnalysisFactory(
        owner=patient, days_ago=30, result=sample_result(concerns={"redness": 50, "dark_spots": 20})
    )
    newer = sample_result(concerns={"redness": 35, "dark_spots": 0})
    newer["concerns"][1]["details"] = {"assessed": False}  # the face was too small for spots
    analysis = AnalysisFactory(owner=patient, result=newer)
    return patient, analysis


def test_the_result_says_each_number_one_way_and_explains_tone(
    phone_page, patient_with_history, screenshots
):
    page = phone_page
    patient, analysis = patient_with_history
    sign_in(page, patient.email)
    page.goto(f"/analyses/{analysis.pk}")

    redness = page.get_by_role("region", name="Redness")
    expect(redness.get_by_text("Mild", exact=True)).to_be_visible()
    expect(redness.get_by_role("progressbar", name="Redness: 35 out of 100")).to_have_attribute(
        "aria-valuetext", "Mild, 35 out of 100"
    )
    expect(redness.get_by_text("score 35 of 100")).to_be_visible()
    spots = page.get_by_role("region", name="Dark spots")
    expect(spots.get_by_text("Not checked in this photo")).to_be_visible()
    expect(spots.get_by_role("progressbar")).to_have_count(0)

    tone = page.get_by_role("region", name="Skin tone")
    expect(tone.get_by_text("Your measured colour", exact=True)).to_be_visible()
    expect(tone.get_by_text(re.compile(r"^Nearest Monk shade \(\d+\)$"))).to_be_visible()
    expect(tone.get_by_role("link", name="What is the Monk scale?")).to_have_attribute(
        "href", "/learn/glossary/monk-skin-tone-scale/"
    )
    expect(tone.get_by_role("link", name="About ITA")).to_have_attribute(
        "href", "/learn/glossary/ita/"
    )
    tone.scroll_into_view_if_needed()
    screenshots.take(page, "1-tone-and-concerns")


def test_a_concern_not_checked_is_a_gap_in_history_and_compare(
    phone_page, patient_with_history, screenshots
):
    page = phone_page
    patient, _ = patient_with_history
    sign_in(page, patient.email)
    page.goto("/history")

    page.get_by_text("The numbers as a table").click()
    rows = page.get_by_role("table").first.get_by_role("row")
    # Newest last: the newer photo's dark spots were not checked (never a 0).
    expect(rows.last).to_contain_text("not checked")
    expect(rows.nth(1)).to_contain_text("20")
    expect(page.get_by_text("A gap in a line: that concern was not checked")).to_be_visible()
    screenshots.take(page, "1-history")

    for box in page.get_by_role("checkbox", name=re.compile("^Compare the analysis of")).all():
        box.check()
    table = page.get_by_role("table", name="Numbers side by side")
    spots = table.get_by_role("row", name=re.compile("^Dark spots"))
    expect(spots).to_have_text(re.compile(r"Dark spots\s*Mild \(20\)\s*not checked\s*–"))
    expect(table.get_by_role("row", name=re.compile("^Redness"))).to_contain_text("-15")
    spots.scroll_into_view_if_needed()
    screenshots.take(page, "2-compare")


def test_the_saved_message_appears_where_the_person_is(phone_page, screenshots):
    page = phone_page
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    sign_in(page, patient.email)
    page.goto("/profile")

    save = page.get_by_role("button", name="Save profile")
    save.scroll_into_view_if_needed()
    save.click()

    message = page.get_by_role("status").filter(has_text="Saved.")
    expect(message).to_be_focused()
    page.wait_for_timeout(600)  # the smooth scroll
    assert in_viewport(message)
    screenshots.take(page, "saved-in-view")
