"""A portal doctors can use on a phone (issue 12 §5): at 360 px the weekly schedule editor
fits without sideways scrolling and saves."""

from __future__ import annotations

import re
from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.appointments.models import Appointment
from metskin.appointments.shares import appointment_share_add
from metskin.appointments.tests.helpers import doctor_user_with_device, totp_code
from metskin.doctors.models import WeeklyAvailability
from metskin.doctors.tests.factories import DoctorFactory, weekly

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def narrow_phone(browser, live_server, _site_url_is_the_live_server):
    from conftest import _new_page

    yield from _new_page(
        browser, live_server, viewport={"width": 360, "height": 740}, device_scale_factor=2,
        is_mobile=True, has_touch=True,
    )  # fmt: skip


def test_the_weekly_schedule_fits_360_px_and_saves(narrow_phone, screenshots):
    page = narrow_phone
    doctor = DoctorFactory(first_name="Maya", last_name="Chen")
    weekly(doctor, weekdays=range(5), start=time(9), end=time(12), offers="both")
    user, device = doctor_user_with_device(doctor)
    page.goto("/signin")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(totp_code(device))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page).to_have_url(re.compile(r"/portal$"))

    page.get_by_role("tab", name="Weekly schedule").click()
    expect(page.get_by_label("Day of block 5")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Nothing inside scrolls sideways either (a wide table in a scrolling box would).
    wide = page.evaluate(
        "[...document.querySelectorAll('section[aria-label=\"Weekly schedule\"] *')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1"
        " && getComputedStyle(e).overflowX !== 'visible')"
        ".length"
    )
    assert wide == 0
    screenshots.take(page, "schedule-360")

    page.get_by_label("Block 5 to").fill("13:00")
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("Schedule saved.")).to_be_visible()
    assert WeeklyAvailability.objects.filter(doctor=doctor, end_time=time(13)).count() == 1


def test_a_shared_analysis_opens_in_a_clinicians_view_with_the_trend(narrow_phone, screenshots):
    page = narrow_phone
    doctor = DoctorFactory(first_name="Maya", last_name="Chen")
    user, device = doctor_user_with_device(doctor)
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    start = timezone.now() + timedelta(days=2)
    appointment = Appointment.objects.create(
        doctor=doctor, patient=patient, start=start, end=start + timedelta(minutes=30),
        slot_start=start, consultation_type="in_person", reason="A mole has changed.",
    )  # fmt: skip
    older = AnalysisFactory(
        owner=patient, days_ago=30, result=sample_result(concerns={"redness": 55, "lesion": 40})
    )
    newer = AnalysisFactory(owner=patient, result=sample_result(concerns={"redness": 35}))
    appointment_share_add(appointment=appointment, analysis_ids=[older.pk, newer.pk])
    page.goto("/signin")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(totp_code(device))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page).to_have_url(re.compile(r"/portal$"))

    page.get_by_role("tab", name="Upcoming").click()
    card = page.get_by_role("article", name="Appointment with Noor")
    pictures = card.get_by_role("img", name=re.compile("^(Photo|Findings marked on the photo) of"))
    expect(pictures).to_have_count(4)
    # each picture's box is reserved (4:3) whatever its own shape, so the date links under
    # them stay put while they load (the factory's photos and overlays are square)
    for picture in pictures.all():
        box = picture.bounding_box()
        assert box is not None and abs(box["height"] - 0.75 * box["width"]) <= 2, box
    screenshots.take(page, "portal-shared-card-360")
    card.get_by_role("link", name=re.compile(r"^\d+ \w+ \d{4}$")).last.click()

    expect(page.get_by_role("heading", name="Shared analysis")).to_be_visible()
    findings = page.get_by_role("table")
    expect(findings.get_by_role("row", name=re.compile("^Redness 35 "))).to_be_visible()
    expect(page.get_by_text(re.compile("^Automated measurements from one photo"))).to_contain_text(
        "not a diagnosis"
    )
    expect(
        page.get_by_role("img", name="Concern severity over the shared analyses")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    screenshots.take(page, "clinician-view-360")
