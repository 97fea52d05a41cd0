"""The dashboard guides (issue 12 §3), at phone width: a first run says where to start;
later it shows the latest result in brief, today's routine, the next appointment and the
spots to photograph again."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from rest_framework.test import APIClient

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis, LesionUrgency
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.appointments.tests.helpers import book
from metskin.doctors.tests.factories import DoctorFactory, weekly
from tests.browser.sign_in import sign_in
from tests.browser.test_routine_flow import real_catalog  # noqa: F401 - the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_a_first_run_says_where_to_start(phone_page, live_server, screenshots):
    patient = UserFactory(email="new@example.com", display_name="Ana")
    sign_in(phone_page, "new@example.com")

    start = phone_page.get_by_role("region", name="Start here")
    expect(start).to_be_visible()
    expect(start.get_by_role("listitem")).to_have_count(3)
    # Only the next step is a link: the skin profile comes first.
    expect(start.get_by_role("link")).to_have_count(1)
    expect(start.get_by_role("link", name="Tell us about your skin")).to_have_attribute(
        "href", "/profile/skin"
    )
    expect(phone_page.get_by_role("region", name="Your latest result")).to_have_count(0)
    screenshots.take(phone_page, "first-run")
    no_sideways_scroll(phone_page)

    # With the skin profile filled in, the photo is the next step; the profile is ticked off.
    patient.skin_profile.skin_type = "combination"
    patient.skin_profile.save()
    phone_page.reload()
    start = phone_page.get_by_role("region", name="Start here")
    expect(start.get_by_role("link")).to_have_count(1)
    expect(start.get_by_role("link", name="Take a photo")).to_have_attribute("href", "/analyse")
    expect(start.get_by_text("Tell us about your skin (done)")).to_be_visible()
    screenshots.take(phone_page, "first-run-profile-done")


@pytest.mark.usefixtures("real_catalog")
def test_later_it_shows_the_result_routine_appointment_and_spots(
    phone_page, live_server, screenshots
):
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    patient.skin_profile.skin_type = "combination"
    patient.skin_profile.save()
    watched = AnalysisFactory(
        owner=patient, days_ago=50, result=sample_result(concerns={"lesion": 30, "acne": 10})
    )
    Analysis.objects.filter(pk=watched.pk).update(lesion_urgency=LesionUrgency.ROUTINE)
    AnalysisFactory(owner=patient, result=sample_result(concerns={"acne": 55, "redness": 30}))
    doctor = DoctorFactory(first_name="Maya", last_name="Chen", min_notice_hours=0)
    weekly(doctor, weekdays=range(7), start=time(9), end=time(12), offers="both")
    client = APIClient()
    client.force_authenticate(patient)
    # Not the very next slot: it may start within the minute, and be past by the time it is booked.
    soon = timezone.now() + timedelta(hours=1)
    slot = next(
        s
        for s in client.get(f"/api/v1/doctors/{doctor.pk}/slots/").json()
        if datetime.fromisoformat(s["start"]) > soon
    )
    assert book(client, doctor, slot["start"]).status_code == 201

    sign_in(phone_page, "noor@example.com")

    expect(phone_page.get_by_role("region", name="Start here")).to_have_count(0)
    latest = phone_page.get_by_role("region", name="Your latest result")
    expect(latest).to_contain_text("Most marked: Acne and breakouts, Redness.")
    routine = phone_page.get_by_role("region", name=re.compile("^This (morning|evening)$"))
    expect(routine.get_by_role("listitem").first).to_be_visible()
    appointment = phone_page.get_by_role("region", name="Your next appointment")
    expect(appointment).to_contain_text("Dr Maya Chen")
    spots = phone_page.get_by_role("region", name="Spots to photograph again")
    expect(spots).to_contain_text("it is time to photograph it again")
    expect(spots.get_by_role("link", name="photograph it again")).to_have_attribute(
        "href", f"/analyse?same_spot_as={watched.pk}"
    )
    screenshots.take(phone_page, "returning")
    no_sideways_scroll(phone_page)
