"""Booking without traps on a phone (issue 12 §4): a slot inside the change cut-off is
booked only after a clear warning; the doctor page and the appointment show the clinic's
phone and address; a video visit shows its joining link; rescheduling asks first, brings
the picker into view and shows the answer where the person is looking."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta

import pytest
from playwright.sync_api import expect

from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.appointments.models import Appointment
from metskin.appointments.tests.helpers import doctor_user_with_device, totp_code
from metskin.doctors.tests.factories import DoctorFactory, weekly
from tests.browser.axe import serious_violations
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LINK = "https://video.example.com/metskin/dr-maya-chen"
PHONE = "+1 212-555-0143"


def make_doctor():
    """Open around the clock, bookable at no notice: the soonest slots are inside the cut-off."""
    doctor = DoctorFactory(
        first_name="Maya",
        last_name="Chen",
        time_zone="UTC",
        clinic_name="Riverside Skin Clinic",
        address_line="1 Main Street",
        city="New York",
        postcode="10001",
        clinic_phone=PHONE,
        default_video_link=LINK,
        offers_in_person=True,
        offers_video=True,
        min_notice_hours=0,
        slot_minutes_video=20,
    )
    weekly(doctor, weekdays=range(7), start=time(0), end=time(23, 40), offers="both")
    return doctor


def in_viewport(locator) -> bool:
    box = locator.bounding_box()
    viewport = locator.page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def test_a_slot_inside_the_cutoff_needs_a_clear_yes_and_the_visit_shows_link_and_phone(
    phone_page, live_server, screenshots
):
    page = phone_page
    make_doctor()
    UserFactory(email="noor@example.com", display_name="Noor")
    sign_in(page, "noor@example.com")

    page.goto("/doctors")
    card = page.get_by_role("article", name="Dr Maya Chen")
    expect(card.get_by_text("final: starts within 24 hours")).to_be_visible()
    soonest = card.get_by_role("link", name=re.compile(r"^Book .* video · final$")).first
    expect(soonest).to_be_visible()
    screenshots.take(page, "1-directory-final-slots")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Dr Maya Chen").click()
    expect(page.get_by_role("link", name=f"Call {PHONE}")).to_have_attribute(
        "href", "tel:+12125550143"
    )
    expect(page.get_by_text("1 Main Street, New York NY 10001")).to_be_visible()
    screenshots.take(page, "2-doctor-page-phone-address")

    page.goto("/doctors")
    page.get_by_role("article", name="Dr Maya Chen").get_by_role(
        "link", name=re.compile(r"^Book .* video · final$")
    ).first.click()
    expect(page.get_by_text("This visit starts in less than 24 hours.")).to_be_visible()
    confirm = page.get_by_role("button", name=re.compile("^Confirm .* booking$"))
    page.get_by_label("Reason for your visit").fill("A rash on my arm.")
    expect(confirm).to_be_disabled()
    screenshots.take(page, "3-warning-before-booking")
    assert serious_violations(page) == []
    page.get_by_label("I understand: I can't change this booking online").check()
    confirm.click()

    expect(page.get_by_text("You are booked.")).to_be_visible()
    appointment = Appointment.objects.get()
    assert appointment.consultation_type == "video"
    assert appointment.start - datetime.now(UTC) < timedelta(hours=24)
    expect(page.get_by_role("link", name="Join the video visit")).to_have_attribute("href", LINK)
    expect(page.get_by_role("link", name=f"Call {PHONE}")).to_be_visible()
    expect(page.get_by_text("so it can no longer be changed online")).to_be_visible()
    expect(page.get_by_text(f"please call the clinic on {PHONE}")).to_be_visible()
    expect(page.get_by_role("button", name="Reschedule")).to_have_count(0)
    page.get_by_role("link", name="Join the video visit").scroll_into_view_if_needed()
    screenshots.take(page, "4-booked-video-visit")


def test_rescheduling_asks_first_and_answers_where_the_person_looks(
    phone_page, live_server, screenshots
):
    page = phone_page
    doctor = make_doctor()
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    patient.profile.time_zone = "UTC"
    patient.profile.save()
    start = datetime.combine((datetime.now(UTC) + timedelta(days=3)).date(), time(10), tzinfo=UTC)
    appointment = Appointment.objects.create(
        doctor=doctor,
        patient=patient,
        start=start,
        end=start + timedelta(minutes=30),
        slot_start=start,
        consultation_type="in_person",
        reason="A mole on my back.",
    )
    sign_in(page, "noor@example.com")
    page.goto(f"/appointments/{appointment.pk}")
    expect(page.get_by_text("1 Main Street, New York NY 10001")).to_be_visible()
    expect(page.get_by_role("link", name=f"Call {PHONE}")).to_be_visible()
    screenshots.take(page, "1-appointment")

    page.get_by_role("button", name="Reschedule").click()
    picker = page.get_by_role("heading", name="Pick a new time")
    expect(picker).to_be_focused()
    page.wait_for_timeout(600)  # the smooth scroll
    assert in_viewport(picker)
    screenshots.take(page, "2-picker-in-view")
    assert serious_violations(page) == []

    new_day = start.date() + timedelta(days=1)
    day = f"{new_day:%A} {new_day.day} {new_day:%B}"
    page.get_by_role("button", name=re.compile(f"^Move to {day} at 11:00")).click()
    question = page.get_by_role("heading", name="Move your appointment?")
    expect(question).to_be_focused()
    page.wait_for_timeout(600)
    assert in_viewport(question)
    # Nothing has moved yet.
    appointment.refresh_from_db()
    assert appointment.start == start
    screenshots.take(page, "3-asks-first")
    assert serious_violations(page) == []

    page.get_by_role("button", name=f"Yes, move it to {day}, 11:00").click()
    answer = page.get_by_role("status").filter(has_text=f"Moved to {day}, 11:00.")
    expect(answer).to_be_visible()
    page.wait_for_timeout(600)
    assert in_viewport(answer)
    screenshots.take(page, "4-answer-in-view")
    appointment.refresh_from_db()
    assert appointment.start == datetime.combine(new_day, time(11), tzinfo=UTC)


def test_the_doctor_sets_the_joining_links_on_a_phone(phone_page, live_server, screenshots):
    page = phone_page
    doctor = make_doctor()
    user, device = doctor_user_with_device(doctor)
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    start = datetime.combine((datetime.now(UTC) + timedelta(days=3)).date(), time(10), tzinfo=UTC)
    appointment = Appointment.objects.create(
        doctor=doctor,
        patient=patient,
        start=start,
        end=start + timedelta(minutes=20),
        slot_start=start,
        consultation_type="video",
        reason="A rash.",
    )
    page.goto("/signin")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(totp_code(device))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page).to_have_url(re.compile(r"/portal$"))

    page.get_by_role("tab", name="Your details").click()
    page.get_by_label("Clinic phone").fill("+44 20 7946 0018")
    page.get_by_label("Video visits: your joining link").fill("http://not-secure.example.com")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Give the full https:// joining link.")).to_be_visible()
    page.get_by_label("Video visits: your joining link").fill("https://meet.example.org/dr-chen")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved. Patients see the new details from now on.")).to_be_visible()
    screenshots.take(page, "1-your-details")
    assert serious_violations(page) == []
    doctor.refresh_from_db()
    assert (doctor.clinic_phone, doctor.default_video_link) == (
        "+44 20 7946 0018",
        "https://meet.example.org/dr-chen",
    )

    page.get_by_role("tab", name="Upcoming").click()
    card = page.get_by_role("article", name="Appointment with Noor")
    expect(card.get_by_text("Empty: the patient gets your default link.")).to_be_visible()
    card.get_by_label("Joining link for this visit").fill("https://meet.example.org/room/4711")
    card.get_by_role("button", name="Save link").click()
    expect(card.get_by_text("Joining link saved; the patient sees it now.")).to_be_visible()
    screenshots.take(page, "2-visit-link")
    assert serious_violations(page) == []
    appointment.refresh_from_db()
    assert appointment.joining_link == "https://meet.example.org/room/4711"


def test_the_appointment_page_states_the_cutoff_the_server_sends(phone_page, live_server, settings):
    """Issue 13 §5: the page shows the deadline and cut-off the server sends (here a clinic
    configured for 48 hours), never a restated "24 hours"."""
    settings.APPOINTMENT_CANCEL_CUTOFF_HOURS = 48
    page = phone_page
    doctor = make_doctor()
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    patient.profile.time_zone = "UTC"
    patient.profile.save()

    def visit(start: datetime) -> Appointment:
        return Appointment.objects.create(
            doctor=doctor,
            patient=patient,
            start=start,
            end=start + timedelta(minutes=30),
            slot_start=start,
            consultation_type="in_person",
        )

    later = visit(datetime.combine((datetime.now(UTC) + timedelta(days=5)).date(), time(10), UTC))
    soon = visit((datetime.now(UTC) + timedelta(hours=30)).replace(second=0, microsecond=0))
    sign_in(page, "noor@example.com")

    page.goto(f"/appointments/{later.pk}")
    deadline = later.start - timedelta(hours=48)
    expect(
        page.get_by_text(
            f"You can move or cancel online until {deadline:%A} {deadline.day} {deadline:%B}, "
            "10:00."
        )
    ).to_be_visible()

    page.goto(f"/appointments/{soon.pk}")
    expect(page.get_by_text("It is less than 48 hours to go")).to_be_visible()
    expect(page.get_by_role("button", name="Reschedule")).to_have_count(0)
