"""From result to care on a phone (issue 12 §1): the result page says what to do next; when
it calls for a doctor, "Book a dermatologist" opens the directory filtered by specialty and
urgency, and the booking form has the reason filled in and this analysis ticked to share."""

from __future__ import annotations

import re
from datetime import time

import pytest
from playwright.sync_api import expect

from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.appointments.models import Appointment
from metskin.appointments.tests.helpers import doctor_user_with_device
from metskin.doctors.tests.factories import DoctorFactory, weekly
from tests.browser.test_routine_flow import real_catalog  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_result_that_calls_for_a_doctor_leads_to_a_filled_in_booking(
    phone_page, live_server, screenshots, celery_worker
):
    page = phone_page
    doctor = DoctorFactory(
        first_name="Maya", last_name="Chen", specialties=["skin_cancer", "general"],
        min_notice_hours=24, booking_horizon_days=30,
    )  # fmt: skip
    weekly(doctor, weekdays=range(7), start=time(9), end=time(12), offers="both")
    doctor_user_with_device(doctor)  # on MetSkin online, so analyses can be shared
    DoctorFactory(first_name="Acne", last_name="Only", specialties=["acne"])
    patient = UserFactory(email="noor@example.com")
    analysis = AnalysisFactory(
        owner=patient, result=sample_result(concerns={"lesion": 75, "acne": 45})
    )
    page.goto("/signin")
    page.get_by_label("Email").fill("noor@example.com")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto(f"/analyses/{analysis.pk}")
    next_steps = page.get_by_role("region", name="What to do next")
    expect(next_steps).to_be_visible()
    referral = next_steps.get_by_role("region", name="Referral")
    expect(referral).to_contain_text("worth a dermatologist's look")
    expect(next_steps.get_by_role("link", name="See my routine")).to_have_attribute(
        "href", "/routine"
    )
    expect(next_steps.get_by_role("link", name="Browse products")).to_have_attribute(
        "href", "/products?concern=acne"
    )
    next_steps.scroll_into_view_if_needed()
    screenshots.take(page, "1-what-to-do-next")
    no_sideways_scroll(page)

    referral.get_by_role("link", name="Book a dermatologist").click()
    expect(page).to_have_url(
        re.compile(r"/doctors\?specialty=skin_cancer&sort=soonest&available_by=\d{4}-\d\d-\d\d$")
    )
    expect(page.get_by_text("Showing dermatologists with a free slot by")).to_be_visible()
    expect(page.get_by_text(re.compile("^Booking about your analysis of "))).to_be_visible()
    expect(page.get_by_role("heading", name="Dr Maya Chen")).to_be_visible()
    expect(page.get_by_role("heading", name="Dr Acne Only")).to_have_count(0)
    screenshots.take(page, "2-directory-filtered")
    no_sideways_scroll(page)

    page.get_by_role("link", name="Dr Maya Chen").click()
    page.get_by_role("button", name=re.compile("^Book ")).first.click()
    expect(page.get_by_role("heading", name="Confirm your booking")).to_be_visible()
    reason = page.get_by_label("Reason for your visit")
    expect(reason).to_have_value(re.compile("worth a dermatologist's look"))
    expect(page.get_by_label(re.compile("^Analysis of "))).to_be_checked()
    screenshots.take(page, "3-booking-filled-in")
    no_sideways_scroll(page)
    page.get_by_role("button", name=re.compile("^Confirm .* booking$")).click()

    expect(page).to_have_url(re.compile(r"/appointments/[0-9a-f-]+\?booked=1$"))
    appointment = Appointment.objects.get()
    assert "worth a dermatologist's look" in appointment.reason
    assert list(appointment.shared_analyses.all()) == [analysis]
    # The next booking starts blank again.
    assert page.evaluate("sessionStorage.getItem('metskin.bookingIntent')") is None


@pytest.mark.usefixtures("real_catalog")
def test_the_result_says_what_it_changed_in_the_routine(phone_page, live_server, screenshots):
    page = phone_page
    patient = UserFactory(email="ines@example.com")
    AnalysisFactory(owner=patient, days_ago=40, result=sample_result(concerns={}))
    latest = AnalysisFactory(owner=patient, result=sample_result(concerns={"acne": 70}))
    page.goto("/signin")
    page.get_by_label("Email").fill("ines@example.com")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto(f"/analyses/{latest.pk}")
    changes = page.get_by_role("list", name="Changes to your routine")
    expect(changes).to_be_visible()
    expect(changes).to_contain_text(re.compile("Now also works on: Acne"))
    # Each step change names the time of day, the step and the product.
    expect(changes.get_by_text(re.compile(r"^(Morning|Evening) · "))).not_to_have_count(0)
    changes.scroll_into_view_if_needed()
    screenshots.take(page, "routine-changes")
    no_sideways_scroll(page)
