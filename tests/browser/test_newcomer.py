"""A newcomer's first look: anonymous pages load with a clean console, and the development
outbox shows the emails a sign-up sends (issue 12)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANONYMOUS_PAGES = ["/", "/signin", "/signup", "/doctors", "/analyse", "/learn/"]


def test_anonymous_pages_log_no_error_on_the_console(page, screenshots) -> None:
    errors: list[str] = []
    page.on(
        "console", lambda m: errors.append(f"{m.text} @ {page.url}") if m.type == "error" else None
    )
    for path in ANONYMOUS_PAGES:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    screenshots.take(page, "last-anonymous-page")

    assert errors == []


def test_the_outbox_shows_the_verification_email_of_a_sign_up(
    page, screenshots, settings, tmp_path: Path
) -> None:
    settings.EMAIL_BACKEND = "metskin.core.outbox.MailFolderBackend"
    settings.EMAIL_FOLDER = str(tmp_path / "mail")
    settings.DEVELOPMENT_TOOLS = True
    page.goto("/signup")
    page.get_by_label("Email").fill("newcomer@example.com")
    page.get_by_label("Password").fill("A-long-Password-2026")
    page.get_by_label("I accept the terms of use").check()
    page.get_by_label("I explicitly consent").check()
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_text("Check your inbox")).to_be_visible()

    page.goto("/dev/outbox/")
    expect(page.get_by_text("to newcomer@example.com")).to_be_visible()
    screenshots.take(page, "outbox")
    page.get_by_role("link", name="Confirm your email for MetSkin").click()
    link = page.locator("pre a", has_text="/verify-email")
    expect(link).to_be_visible()
    screenshots.take(page, "outbox-email")
    link.click()
    expect(page.get_by_text("Your email is confirmed")).to_be_visible()
