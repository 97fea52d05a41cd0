"""In Chromium: a doctor sets up two-factor from the emailed link (never from the password
alone), keeps the backup codes and signs in; a patient signs out everywhere."""

from __future__ import annotations

import re
import time
from base64 import b32decode

import pytest
from django.core import mail
from django_otp.oath import TOTP
from playwright.sync_api import expect

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import link_in
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code_for(secret: str) -> str:
    totp = TOTP(b32decode(secret + "=" * (-len(secret) % 8)))
    totp.time = time.time()
    return f"{totp.token():06d}"


def test_a_doctor_sets_up_two_factor_from_the_emailed_link(page, live_server, screenshots):
    UserFactory(email="derm@example.com", role=Role.DERMATOLOGIST, display_name="Maya")

    sign_in(page, "derm@example.com", lands_on=None)
    expect(page.get_by_text("We have emailed you a link to set it up.")).to_be_visible()
    expect(page.get_by_role("img")).to_have_count(0)  # no key for whoever knows the password
    screenshots.take(page, "1-emailed")

    page.goto(link_in(mail.outbox[-1], "/two-factor/setup"))
    expect(page.get_by_alt_text("QR code to add MetSkin to your authenticator app")).to_be_visible()
    secret = page.locator("code").inner_text()
    # On a phone the set-up code, like the sign-in code, brings up the number pad.
    expect(page.get_by_label("6-digit code")).to_have_attribute("inputmode", "numeric")
    expect(page.get_by_label("6-digit code")).to_have_attribute("autocomplete", "one-time-code")
    screenshots.take(page, "2-scan")
    page.get_by_label("6-digit code").fill(code_for(secret))
    page.get_by_role("button", name="Confirm").click()
    codes = page.get_by_role("list", name="Backup codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    screenshots.take(page, "3-backup-codes")

    backup_code = codes.first.inner_text()

    page.get_by_role("link", name="I have saved them: sign in").click()
    sign_in(page, "derm@example.com", lands_on=None)
    # The app's code brings up the number pad; a backup code (letters too) the full keyboard.
    expect(page.get_by_label("6-digit code")).to_have_attribute("inputmode", "numeric")
    expect(page.get_by_label("6-digit code")).to_have_attribute("autocomplete", "one-time-code")
    # Signing in with a backup code (the app's code was just used to confirm the set-up).
    page.get_by_role("button", name="Lost your phone? Use a backup code").click()
    expect(page.get_by_label("Backup code")).to_have_attribute("inputmode", "text")
    page.get_by_label("Backup code").fill(backup_code)
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page).to_have_url(re.compile(r"/portal$"))
    # A doctor's menu is for the portal: no patient items.
    menu = page.get_by_role("navigation").first
    expect(menu.get_by_role("link", name="Portal")).to_have_count(1)
    for patient_item in ("Analyse my skin", "My routine", "My history", "Dashboard"):
        expect(menu.get_by_role("link", name=patient_item)).to_have_count(0)
    page.goto("/profile")
    expect(page.get_by_text("You have 9 unused backup codes.")).to_be_visible()
    screenshots.take(page, "4-profile")


def test_a_patient_signs_out_everywhere(page, browser, live_server, screenshots):
    UserFactory(email="ada@example.com")
    other_device = browser.new_context(base_url=live_server.url)
    other = other_device.new_page()
    sign_in(other, "ada@example.com", lands_on=None)
    expect(other).to_have_url(re.compile(r"/dashboard$"))
    sign_in(page, "ada@example.com", lands_on=None)
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto("/profile")
    page.get_by_role("button", name="Sign out everywhere").click()
    screenshots.take(page, "1-confirm")
    page.get_by_role("button", name="Yes, sign out everywhere").click()

    expect(page).to_have_url(re.compile(r"/signin\?signed_out=everywhere$"))
    expect(page.get_by_text("You are signed out on every device and app.")).to_be_visible()
    screenshots.take(page, "2-signed-out")
    assert other.request.get("/api/v1/me/").status == 401
    other_device.close()
