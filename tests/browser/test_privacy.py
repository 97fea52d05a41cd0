"""Privacy rights at phone width (issue 17): consent, deletion, who has seen the data, export."""

from __future__ import annotations

import re
import uuid
import zipfile

import pytest
from playwright.sync_api import expect

from metskin.accounts.models import Consent, Role
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.core.access_log import DataRead, Grounds, ReadKind, reads_announce
from metskin.doctors.tests.factories import DoctorFactory
from tests.browser.sign_in import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_sign_up_links_the_notice_and_asks_for_both_consents(phone_page, screenshots):
    page = phone_page
    page.goto("/signup")
    page.get_by_label("Email").fill("consent@example.com")
    page.get_by_label("Password").fill("tulips-in-Amsterdam-42")
    page.get_by_role("button", name="Create my account").click()

    expect(page.get_by_text("we need your explicit consent")).to_be_visible()
    expect(page.get_by_role("link", name="privacy notice")).to_have_attribute("href", "/privacy")
    expect(page.get_by_role("link", name="terms of use")).to_have_attribute("href", "/terms")
    no_sideways_scroll(page)
    screenshots.take(page, "1-consent-missing")
    assert not Consent.objects.exists()

    page.get_by_role("link", name="Privacy", exact=True).click()
    expect(page.get_by_role("heading", name="Privacy notice")).to_be_visible()
    expect(page.get_by_text("days after the visit")).to_be_visible()
    screenshots.take(page, "2-notice")

    # The server-rendered pages' footer links the terms, which link back to the notice.
    page.get_by_role("contentinfo").get_by_role("link", name="Terms", exact=True).click()
    expect(page.get_by_role("heading", name="Terms of use")).to_be_visible()
    no_sideways_scroll(page)
    screenshots.take(page, "3-terms")


def test_a_newer_notice_asks_again_at_sign_in(phone_page, settings, screenshots):
    page = phone_page
    patient = UserFactory()
    settings.PRIVACY_NOTICE_VERSION = 2

    sign_in(page, patient.email, lands_on=None)
    expect(page.get_by_role("heading", name="Our privacy notice has changed")).to_be_visible()
    page.get_by_role("button", name="I agree").click()
    expect(page.get_by_text("Please accept the terms of use")).to_be_visible()
    page.get_by_label("I accept the terms of use").check()
    page.get_by_label("I explicitly consent").check()
    no_sideways_scroll(page)
    screenshots.take(page, "consent-step")
    page.get_by_role("button", name="I agree").click()

    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", name="Our privacy notice has changed")).to_have_count(0)
    assert Consent.objects.filter(user=patient, notice_version=2).count() == 2


def test_a_patient_deletes_their_account_from_the_profile_page(phone_page, settings, screenshots):
    settings.ACCOUNT_DELETION_GRACE_DAYS = 7
    page = phone_page
    patient = UserFactory()
    sign_in(page, patient.email, lands_on=None)
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto("/profile")
    expect(page.get_by_role("heading", name="Your data and privacy")).to_be_visible()
    expect(page.get_by_text("Sign in again before then and your account stays")).to_be_visible()
    page.get_by_role("button", name="Delete my account").click()
    page.get_by_label("Your password, to confirm").fill("not-my-password")
    page.get_by_role("button", name="Yes, delete my account").click()
    expect(page.get_by_text("That is not your password.").first).to_be_visible()
    patient.refresh_from_db()
    assert patient.deletion_scheduled_for is None

    page.get_by_label("Your password, to confirm").fill(DEFAULT_PASSWORD)
    no_sideways_scroll(page)
    screenshots.take(page, "1-confirm")
    page.get_by_role("button", name="Yes, delete my account").click()

    expect(page).to_have_url(re.compile(r"/signin\?deleted="))
    expect(page.get_by_text("your account will be deleted on")).to_be_visible()
    screenshots.take(page, "2-signed-out")
    patient.refresh_from_db()
    assert patient.deletion_scheduled_for is not None
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/signin\?next="))


def test_the_patient_sees_who_has_seen_their_data(phone_page, screenshots):
    page = phone_page
    patient = UserFactory()
    doctor = DoctorFactory(first_name="Maya", last_name="Chen")
    doctor.user = UserFactory(role=Role.DERMATOLOGIST)
    doctor.save(update_fields=["user"])
    reads_announce(
        viewer=doctor.user,
        reads=[DataRead(patient.pk, ReadKind.ANALYSIS, uuid.uuid4(), Grounds.DOCTOR_SHARE)],
    )
    sign_in(page, patient.email, lands_on=None)
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto("/profile")
    expect(page.get_by_role("heading", name="Who has seen your data")).to_be_visible()
    row = page.get_by_text("Dr Maya Chen saw your analysis")
    expect(row).to_be_visible()
    expect(page.get_by_text("A doctor you shared it with for a visit")).to_be_visible()
    row.scroll_into_view_if_needed()
    no_sideways_scroll(page)
    screenshots.take(page, "access-log")


def test_the_patient_exports_their_data_with_progress(phone_page, celery_worker, screenshots):
    page = phone_page
    patient = UserFactory()
    for _ in range(3):
        AnalysisFactory(owner=patient)
    sign_in(page, patient.email, lands_on=None)
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto("/profile")
    page.get_by_role("button", name="Prepare my data for download").click()
    link = page.get_by_role("link", name=re.compile(r"Download my data"))
    expect(link).to_be_visible(timeout=60_000)
    expect(page.get_by_text("The link works once")).to_be_visible()
    link.scroll_into_view_if_needed()
    no_sideways_scroll(page)
    screenshots.take(page, "export-ready")

    with page.expect_download() as download_info:
        link.click()
    path = download_info.value.path()
    names = zipfile.ZipFile(path).namelist()
    assert "analyses.json" in names
    assert sum(name.startswith("media/") for name in names) == 3
    expect(page.get_by_text("Your last export was downloaded.")).to_be_visible()


def test_a_doctor_closes_their_account_from_the_profile_page(phone_page, settings, screenshots):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    from metskin.appointments.tests.helpers import doctor_user_with_device, totp_code
    from metskin.doctors.selectors import doctor_list

    settings.ACCOUNT_DELETION_GRACE_DAYS = 7
    page = phone_page
    doctor = DoctorFactory(first_name="Maya", last_name="Chen")
    user, device = doctor_user_with_device(doctor)
    backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    StaticToken.objects.create(device=backup, token="abcdefgh")
    sign_in(page, user.email, lands_on=None)
    page.get_by_label("6-digit code").fill(totp_code(device))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page).to_have_url(re.compile(r"/portal$"))

    page.goto("/profile")
    expect(page.get_by_role("heading", name="Close your account")).to_be_visible()
    expect(page.get_by_text("You leave the directory at once")).to_be_visible()
    page.get_by_role("button", name="Close my account").click()
    page.get_by_label("Your password, to confirm").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Yes, close my account").click()
    expect(
        page.get_by_text("Enter the 6-digit code from your authenticator app").first
    ).to_be_visible()
    page.get_by_label("Code from your authenticator app (or a backup code)").fill("000000")
    page.get_by_role("button", name="Yes, close my account").click()
    expect(page.get_by_text("That code is not right.").first).to_be_visible()
    user.refresh_from_db()
    assert user.deletion_scheduled_for is None

    page.get_by_label("Code from your authenticator app (or a backup code)").fill("abcdefgh")
    no_sideways_scroll(page)
    screenshots.take(page, "1-confirm")
    page.get_by_role("button", name="Yes, close my account").click()

    expect(page).to_have_url(re.compile(r"/signin\?deleted="))
    screenshots.take(page, "2-signed-out")
    user.refresh_from_db()
    assert user.deletion_scheduled_for is not None
    assert doctor.pk not in {listed.pk for listed in doctor_list()}


def test_a_patient_who_is_also_staff_sees_one_way_to_close_the_account(phone_page, screenshots):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    page = phone_page
    user = UserFactory(role=Role.PATIENT)
    type(user).objects.filter(pk=user.pk).update(is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(page, user.email, device=device, lands_on=None)
    expect(page).not_to_have_url(re.compile(r"/signin"))

    page.goto("/profile")
    expect(page.get_by_role("heading", name="Your data and privacy")).to_be_visible()

    # The form that asks for the second factor, and not the patient's one as well
    expect(page.get_by_role("button", name="Close my account")).to_have_count(1)
    expect(page.get_by_role("button", name="Delete my account")).to_have_count(0)
    screenshots.take(page, "profile")
