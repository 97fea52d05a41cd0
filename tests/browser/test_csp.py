"""The React app and the learn pages work under the Content-Security-Policy, in Chromium,
with no violation reported. conftest's ``page`` fixture fails any browser test on a CSP
message on the console; these tests also collect the DOM's securitypolicyviolation events,
and first show that an injected inline script is indeed blocked and seen."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from conftest import CSP_VIOLATION
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.education.seed import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_an_injected_inline_script_is_blocked_and_reported(browser, live_server):
    # Its own browser context: conftest's page fixture would (rightly) fail on this violation.
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.add_init_script(LISTEN)
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.goto("/learn/")

    ran = page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.append(script);
          return window.__injected === true;
        }"""
    )
    page.wait_for_function("() => window.__cspViolations.length > 0")
    seen = violations(page)
    context.close()

    assert ran is False
    assert seen == ["script-src-elem inline"]
    assert any(CSP_VIOLATION in text for text in console)


@pytest.mark.parametrize(
    "path",
    [
        "/learn/",
        "/learn/acne/",
        "/learn/glossary/",
        "/learn/videos/checking-your-moles/",
        "/learn/search/?q=retinoid",
    ],
    ids=["index", "article", "glossary", "video", "search"],
)
def test_learn_pages_render_with_no_violation(page, live_server, path, screenshots):
    seed_demo(stdout=io.StringIO())
    page.add_init_script(LISTEN)

    page.goto(path)
    page.wait_for_load_state("networkidle")

    expect(page.locator("main h1").first).to_be_visible()
    assert violations(page) == []
    screenshots.take(page, "page")


def test_the_react_app_runs_with_no_violation(page, live_server, screenshots):
    patient = UserFactory(email="ada@example.com")
    analysis = AnalysisFactory(owner=patient, result=sample_result(concerns={"acne": 60}))
    page.add_init_script(LISTEN)

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/signin")
    page.get_by_label("Email").fill("ada@example.com")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))
    visited = {}
    for path in (
        "/dashboard",
        f"/analyses/{analysis.pk}",
        "/history",
        "/routine",
        "/products",
        "/ingredients/check",
        "/doctors",
        "/profile",
        "/profile/skin",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        expect(page.get_by_role("heading", level=1).first).to_be_visible()
        visited[path] = violations(page)
    screenshots.take(page, "profile")

    assert visited == {path: [] for path in visited}


def test_the_admin_runs_with_no_violation(page, live_server, screenshots):
    # Staff sign in with password and TOTP in the site's own sign-in, then use the admin:
    # lists, a change form with its widgets, and the Markdown preview (fetched HTML).
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from metskin.accounts.models import Role
    from metskin.accounts.tests.helpers import totp_code
    from metskin.education.tests.factories import ArticleFactory

    staff = UserFactory(email="staff@example.com", role=Role.STAFF)
    staff.is_superuser = True
    staff.save(update_fields=["is_superuser"])
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    article = ArticleFactory(body="## Heading\n\nSome *text*.")
    page.add_init_script(LISTEN)

    page.goto("/admin/")
    page.get_by_label("Email").fill("staff@example.com")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(totp_code(device))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    seen = {}
    for path in (
        "/admin/",
        "/admin/accounts/user/",
        f"/admin/accounts/user/{staff.pk}/change/",
        "/admin/accounts/user/add/",
        f"/admin/education/article/{article.pk}/change/",
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        seen[path] = violations(page)
    page.get_by_role("button", name="Preview").first.click()
    expect(page.get_by_text("Preview updated.").first).to_be_visible()
    seen["preview"] = violations(page)
    screenshots.take(page, "article-preview")

    assert seen == {path: [] for path in seen}
