"""A person who forgot their password resets it from the email; a signed-in person keeps their
profile (SMS number, reminders) and changes their password — bad input first, each time."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from metskin.accounts.models import Profile, User
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.helpers import link_in
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "A-brand-new-password-42"


def test_forgotten_password_is_reset_from_the_emailed_link(page, live_server, screenshots):
    user = UserFactory(email="forgetful@example.com")

    page.goto("/signin")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Your account's email").fill(user.email)
    page.get_by_role("button", name="Email me a reset link").click()
    expect(page.get_by_role("status")).to_be_visible()
    screenshots.take(page, "1-link-sent")

    page.goto(link_in(mail.outbox[-1], "/reset-password"))
    expect(page.get_by_role("heading", name="Choose a new password")).to_be_visible()
    page.get_by_label("New password").fill("password")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_text("This password is too short.").first).to_be_visible()
    screenshots.take(page, "2-weak-password")
    user.refresh_from_db()
    assert user.check_password(DEFAULT_PASSWORD)

    page.get_by_label("New password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_text("Your password is changed. Sign in with it now.")).to_be_visible()

    sign_in(page, user.email, password=NEW_PASSWORD, lands_on=None)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    screenshots.take(page, "3-signed-in-with-new-password")


def test_profile_keeps_an_sms_number_and_the_password_can_be_changed(
    page, live_server, screenshots
):
    user = UserFactory(email="settings@example.com")
    sign_in(page, user.email, password=DEFAULT_PASSWORD, lands_on=None)
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    page.goto("/profile")
    expect(page.get_by_role("heading", name="Profile and settings")).to_be_visible()

    profile = page.get_by_role("form", name="Profile")
    profile.get_by_label("Mobile number for SMS reminders").fill("07700 900123")
    profile.get_by_role("button", name="Save profile").click()
    expect(profile.get_by_text("Enter the number in international format")).to_be_visible()
    screenshots.take(page, "1-phone-not-international")
    assert Profile.objects.get(user=user).phone_number == ""

    profile.get_by_label("Mobile number for SMS reminders").fill("+44 7911 123456")
    profile.get_by_label("Text me reminders (SMS)").check()
    profile.get_by_role("button", name="Save profile").click()
    expect(profile.get_by_role("status")).to_have_text("Saved.")
    saved = Profile.objects.get(user=user)
    assert (saved.phone_number, saved.notify_sms) == ("+447911123456", True)

    change = page.get_by_role("form", name="Change password")
    change.get_by_label("Current password").fill("not-my-password")
    change.get_by_label("New password").fill(NEW_PASSWORD)
    change.get_by_role("button", name="Change password").click()
    expect(change.locator(".invalid-feedback, .alert-danger").first).to_be_visible()
    assert User.objects.get(pk=user.pk).check_password(DEFAULT_PASSWORD)

    change.get_by_label("Current password").fill(DEFAULT_PASSWORD)
    change.get_by_role("button", name="Change password").click()
    expect(change.get_by_role("status")).to_have_text("Your password is changed.")
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    # No SMS reminder goes to the number until a texted code proves it is theirs.
    expect(page.get_by_text("+447911123456 is not verified yet")).to_be_visible()
    expect(page.get_by_role("button", name="Text me a code")).to_be_visible()
    screenshots.take(page, "2-saved")
