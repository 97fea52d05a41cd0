"""Messages where the person is looking (issue 12 §6), on a 390 px phone: the answer to a
button a screen below the top of the page is scrolled into view and focused, so it is seen
and read out. The history page after deleting an analysis; the doctor's portal after adding
and removing time off. The screenshots are of the viewport: what the person sees then."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.appointments.tests.helpers import doctor_user_with_device
from metskin.doctors.models import AvailabilityException
from metskin.doctors.services import time_off_add
from metskin.doctors.tests.factories import DoctorFactory
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def assert_seen_and_focused(page, message) -> None:
    """In the viewport (after the smooth scroll) and the focused element."""
    expect(message).to_be_focused()
    page.wait_for_timeout(700)  # the smooth scroll
    box = message.bounding_box()
    assert box is not None
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == message.text_content()


def viewport_shot(page, screenshots, name: str) -> None:
    """What the person sees now (not the whole page): path as screenshots.take names it."""
    path = screenshots.take(page, name)
    page.screenshot(path=str(path))


def scroll_y(page) -> float:
    return float(page.evaluate("window.scrollY"))


def test_the_message_after_deleting_an_analysis_is_in_view_and_focused(phone_page, screenshots):
    # Given a patient with a long history, at the bottom of the page on a phone
    page = phone_page
    page.set_viewport_size(PHONE)
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    for days_ago in range(6, 0, -1):
        AnalysisFactory(owner=patient, days_ago=days_ago, result=sample_result())
    sign_in(page, patient.email)
    page.goto("/history")
    deletes = page.get_by_role("button", name=re.compile("^Delete the analysis of"))
    expect(deletes).to_have_count(6)
    deletes.last.scroll_into_view_if_needed()
    assert scroll_y(page) > PHONE["height"]  # the top of the page is screens away

    # When they delete the oldest analysis
    deletes.last.click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, delete it").click()

    # Then the message is where they are looking, and has the focus
    message = page.get_by_role("status").filter(has_text="The analysis and its photo are deleted.")
    assert_seen_and_focused(page, message)
    expect(deletes).to_have_count(5)
    assert Analysis.objects.filter(owner=patient).count() == 5
    viewport_shot(page, screenshots, "1-deleted-in-view")

    # And again for a second delete, the message still shown from the first
    deletes.last.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert scroll_y(page) > PHONE["height"]
    deletes.last.click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, delete it").click()
    expect(deletes).to_have_count(4)
    assert_seen_and_focused(page, message)
    viewport_shot(page, screenshots, "2-deleted-again-in-view")


@pytest.fixture
def doctor_with_time_off():
    doctor = DoctorFactory(first_name="Maya", last_name="Chen", time_zone="America/New_York")
    user, device = doctor_user_with_device(doctor)
    first = datetime.now(UTC).date() + timedelta(days=14)
    for week in range(8):  # a long list: the form is well below the top of the tab
        day = first + timedelta(weeks=week)
        time_off_add(doctor=doctor, start_date=day, end_date=day, note=f"Away {week + 1}")
    return doctor, user, device


def test_the_messages_after_adding_and_removing_time_off_are_in_view_and_focused(
    phone_page, doctor_with_time_off, screenshots
):
    # Given a doctor on the "Time off" tab, scrolled down to the form
    page = phone_page
    page.set_viewport_size(PHONE)
    doctor, user, device = doctor_with_time_off
    sign_in(page, user.email, device=device)
    page.get_by_role("tab", name="Time off").click()
    add = page.get_by_role("button", name="Add time off")
    add.scroll_into_view_if_needed()
    assert scroll_y(page) > PHONE["height"] / 2

    # When they add a day off
    day = date.today() + timedelta(days=200)
    page.get_by_label("First day").fill(day.isoformat())
    add.click()

    # Then the message is in view and focused
    message = page.get_by_role("status").filter(has_text=re.compile("^Time off added: "))
    assert_seen_and_focused(page, message)
    expect(message).to_contain_text("No one can book you then.")
    assert AvailabilityException.objects.filter(doctor=doctor).count() == 9
    viewport_shot(page, screenshots, "1-added-in-view")

    # When they remove the last entry, from the bottom of the list
    removes = page.get_by_role("button", name="Remove")
    removes.last.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    assert scroll_y(page) > PHONE["height"] / 2
    removes.last.click()

    # Then that message is in view and focused, and the entry is gone
    removed = page.get_by_role("status").filter(has_text=re.compile("^Time off removed: "))
    assert_seen_and_focused(page, removed)
    expect(removes).to_have_count(8)
    assert AvailabilityException.objects.filter(doctor=doctor).count() == 8
    viewport_shot(page, screenshots, "2-removed-in-view")
