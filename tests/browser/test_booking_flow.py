"""A patient finds a dermatologist, books, gets the email with the .ics, reschedules and
cancels; a doctor signs in with TOTP and sees the booking in the portal."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.appointments.models import Appointment
from metskin.appointments.shares import appointment_share_add
from metskin.appointments.tests.helpers import doctor_user_with_device, totp_code
from metskin.doctors.tests.factories import DoctorFactory, weekly
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")


def day_label(day) -> str:
    return f"{day:%A} {day.day} {day:%B}"


def make_doctor():
    doctor = DoctorFactory(
        first_name="Maya",
        last_name="Chen",
        specialties=["acne", "general"],
        min_notice_hours=48,
        booking_horizon_days=30,
        clinic_name="Riverside Skin Clinic",
    )
    weekly(doctor, weekdays=range(7), start=time(9), end=time(12), offers="both")
    return doctor


def patient_in_london():
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    patient.profile.time_zone = "Europe/London"
    patient.profile.save()
    return patient


def test_patient_books_gets_the_ics_reschedules_and_cancels(
    page, live_server, screenshots, celery_worker
):
    doctor = make_doctor()
    doctor_user_with_device(doctor)  # on MetSkin online, so analyses can be shared
    patient = patient_in_london()
    analysis = AnalysisFactory(owner=patient)
    sign_in(page, "noor@example.com", lands_on=None)
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    # The referral link from recommendations.
    page.goto("/doctors?specialty=acne&sort=soonest")
    expect(page.get_by_role("heading", name="Dr Maya Chen")).to_be_visible()
    expect(page.get_by_text("Soonest:")).to_be_visible()
    screenshots.take(page, "1-directory")

    page.get_by_role("link", name="Dr Maya Chen").click()
    day = (datetime.now(UTC) + timedelta(days=3)).astimezone(LONDON).date()
    # 09:00 in New York is 14:00 in London (both on summer or both on winter time, or
    # 13:00 in the weeks when only one has changed): pick the first slot of that day.
    first_slot = page.get_by_role("button", name=re.compile(f"^Book {day_label(day)} at ")).first
    expect(first_slot).to_be_visible()
    screenshots.take(page, "2-slot-picker")
    first_slot.click()

    expect(page.get_by_role("heading", name="Confirm your booking")).to_be_visible()
    page.get_by_label("Reason for your visit").fill("A mole on my arm has changed shape.")
    page.get_by_label(re.compile("^Analysis of ")).check()
    # The consent says how long the doctor keeps seeing it (APPOINTMENT_SHARE_DAYS_AFTER_VISIT).
    expect(
        page.get_by_text("until 30 days after the visit, or until it is cancelled")
    ).to_be_visible()
    screenshots.take(page, "3-confirm")
    page.get_by_role("button", name=re.compile("^Confirm .* booking$")).click()

    expect(page).to_have_url(re.compile(r"/appointments/[0-9a-f-]+\?booked=1$"))
    expect(page.get_by_text("You are booked.")).to_be_visible()
    expect(page.get_by_text("(Europe/London)")).to_be_visible()
    screenshots.take(page, "4-confirmation")
    appointment = Appointment.objects.get()
    assert appointment.reason == "A mole on my arm has changed shape."
    assert appointment.start.astimezone(ZoneInfo("America/New_York")).time() == time(9)
    assert list(appointment.shared_analyses.all()) == [analysis]
    expect(page.get_by_role("heading", name="Shared with Dr Maya Chen")).to_be_visible()

    # The confirmation email (sent by the worker) carries the .ics.
    for _ in range(100):
        if mail.outbox:
            break
        page.wait_for_timeout(100)
    (message,) = mail.outbox
    assert message.to == ["noor@example.com"]
    assert message.subject == "Your appointment with Dr Maya Chen is booked"
    ((name, content, mimetype),) = message.attachments
    assert (name, mimetype) == ("appointment.ics", "text/calendar; method=REQUEST")
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event.decoded("dtstart") == appointment.start

    page.get_by_role("button", name="Stop sharing").click()
    expect(page.get_by_text("The doctor can no longer see that analysis.")).to_be_visible()
    assert appointment.shared_analyses.count() == 0

    page.get_by_role("button", name="Reschedule").click()
    new_day = day + timedelta(days=1)
    page.get_by_role("button", name=re.compile(f"^Move to {day_label(new_day)} at ")).first.click()
    page.get_by_role("button", name=re.compile("^Yes, move it to ")).click()
    expect(page.get_by_text(re.compile("^Moved to "))).to_be_visible()
    screenshots.take(page, "5-rescheduled")
    appointment.refresh_from_db()
    assert appointment.start.astimezone(LONDON).date() == new_day
    assert appointment.sequence == 1

    page.get_by_role("button", name="Cancel appointment").click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, cancel it").click()
    expect(page.get_by_text("Your appointment is cancelled.")).to_be_visible()
    screenshots.take(page, "6-cancelled")
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"

    page.goto("/appointments")
    expect(page.get_by_text("Nothing booked.")).to_be_visible()
    expect(page.get_by_text("Cancelled", exact=True)).to_be_visible()
    screenshots.take(page, "7-my-appointments")


def test_doctor_signs_in_with_totp_and_sees_the_booking(page, live_server, screenshots):
    doctor = make_doctor()
    user, device = doctor_user_with_device(doctor)
    patient = patient_in_london()
    start = datetime.combine(
        (datetime.now(UTC) + timedelta(days=4)).date(),
        time(10),
        tzinfo=ZoneInfo("America/New_York"),
    )
    appointment = Appointment.objects.create(
        doctor=doctor,
        patient=patient,
        start=start,
        end=start + timedelta(minutes=30),
        slot_start=start,
        consultation_type="in_person",
        reason="Itchy patch on my elbow for three weeks.",
    )
    # The patient chose to share two analyses (with the photo and overlay) for this visit.
    older = AnalysisFactory(owner=patient, result=sample_result(concerns={"redness": 55}))
    Analysis.objects.filter(pk=older.pk).update(created_at=datetime(2026, 4, 1, tzinfo=UTC))
    newer = AnalysisFactory(owner=patient, result=sample_result(concerns={"redness": 35}))
    appointment_share_add(appointment=appointment, analysis_ids=[older.pk, newer.pk])

    sign_in(page, user.email, lands_on=None)
    expect(page.get_by_label("6-digit code")).to_be_visible()
    screenshots.take(page, "1-otp-step")
    page.get_by_label("6-digit code").fill("000000" if totp_code(device) != "000000" else "111111")
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page.get_by_text("That code is not right.").first).to_be_visible()
    page.wait_for_timeout(1500)  # django-otp makes the next try wait a second after a miss
    page.get_by_label("6-digit code").fill(totp_code(device))
    page.get_by_role("button", name="Verify and sign in").click()

    expect(page).to_have_url(re.compile(r"/portal$"))
    page.get_by_role("tab", name="Upcoming").click()
    card = page.get_by_role("article", name="Appointment with Noor")
    expect(card).to_be_visible()
    expect(card.get_by_text("Itchy patch on my elbow for three weeks.")).to_be_visible()
    expect(card.get_by_text("10:00")).to_be_visible()  # in the clinic's zone
    expect(
        card.get_by_role("img", name="Findings marked on the photo of 1 Apr 2026")
    ).to_be_visible()
    expect(
        card.get_by_role("img", name="Concern severity over the shared analyses")
    ).to_be_visible()
    card.get_by_label("Private notes (never shown to the patient)").fill("Bring previous photos")
    card.get_by_role("button", name="Save notes").click()
    expect(card.get_by_text("Notes saved.")).to_be_visible()
    screenshots.take(page, "2-portal")
    assert Appointment.objects.get().doctor_notes == "Bring previous photos"

    page.get_by_role("tab", name="Weekly schedule").click()
    expect(
        page.get_by_text("Times are in your clinic's time zone: America/New_York.")
    ).to_be_visible()
    screenshots.take(page, "3-schedule")


def test_the_directory_fits_a_phone(phone_page, live_server, screenshots):
    make_doctor()

    phone_page.goto("/doctors?specialty=acne&sort=soonest")

    expect(phone_page.get_by_role("heading", name="Dr Maya Chen")).to_be_visible()
    expect(
        phone_page.get_by_text("Acne: board-certified dermatologists, soonest free slot first.")
    ).to_be_visible()
    screenshots.take(phone_page, "directory-phone")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= phone_page.viewport_size["width"]
    # every button, the small slot buttons too, is a 44 px touch target with its label in
    # the middle (a min-height alone left the labels at the top of a taller box)
    buttons = phone_page.evaluate(
        """() => [...document.querySelectorAll(".btn")]
            .filter((b) => b.offsetParent !== null)
            .map((b) => {
              const box = b.getBoundingClientRect();
              const range = document.createRange();
              range.selectNodeContents(b);
              const text = range.getBoundingClientRect();
              return {
                label: b.textContent.trim(),
                height: box.height,
                offset: (text.top + text.bottom) / 2 - (box.top + box.bottom) / 2,
              };
            })"""
    )
    assert any("final" in b["label"] or ":" in b["label"] for b in buttons), buttons
    for button in buttons:
        assert button["height"] >= 43.5, button
        assert abs(button["offset"]) <= 2, button
