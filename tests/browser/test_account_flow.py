"""A person signs up, confirms the emailed link, signs in, sees the dashboard, signs out."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from metskin.accounts.models import User
from metskin.accounts.tests.helpers import link_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Skin-care-for-everyone-1"


def _open_menu_if_collapsed(page):
    toggler = page.get_by_role("button", name="Show menu")
    if toggler.is_visible():
        toggler.click()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_sign_up_verify_sign_in_dashboard_sign_out(request, device, live_server, screenshots):
    page = request.getfixturevalue("page" if device == "desktop" else "phone_page")
    email = f"newcomer-{device}@example.com"

    page.goto("/")
    expect(page.get_by_role("heading", name="Understand your skin")).to_be_visible()
    screenshots.take(page, "1-home")

    page.get_by_role("link", name="Create a free account").click()
    page.get_by_label("Your name (optional)").fill("Noor")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill("short")
    page.get_by_label("I accept the terms of use").check()
    page.get_by_label("I explicitly consent").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("This password is too short.").first).to_be_visible()
    screenshots.take(page, "2-weak-password")
    assert not User.objects.filter(email=email).exists()

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I accept the terms of use").check()
    page.get_by_label("I explicitly consent").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Check your inbox")).to_be_visible()
    screenshots.take(page, "3-check-inbox")

    link = link_in(mail.outbox[-1], "/verify-email")
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/signin\?verified=1$"))
    expect(page.get_by_text("Your email is confirmed")).to_be_visible()

    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    screenshots.take(page, "4-sign-in")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    expect(page.get_by_role("heading", name="Hello, Noor")).to_be_visible()
    screenshots.take(page, "5-dashboard")

    # On a phone nothing may be wider than the screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"]

    _open_menu_if_collapsed(page)
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You are signed out.")).to_be_visible()
    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/signin\?next=%2Fdashboard$"))
    screenshots.take(page, "6-signed-out")


def test_a_reused_verification_link_says_so(page, live_server, screenshots):
    page.goto("/signup")
    page.get_by_label("Email").fill("twice@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("I accept the terms of use").check()
    page.get_by_label("I explicitly consent").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Check your inbox")).to_be_visible()
    link = link_in(mail.outbox[-1], "/verify-email")

    page.goto(link)
    expect(page).to_have_url(re.compile(r"/signin\?verified=1$"))
    page.goto(link)

    expect(page.get_by_text("This link was already used")).to_be_visible()
    screenshots.take(page, "reused-link")
