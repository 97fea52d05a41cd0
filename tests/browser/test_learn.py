"""The /learn/ pages in a real browser: accessible, phone-sized, usable without JavaScript."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.helpers import totp_code
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.education.models import Article, Status
from metskin.education.seed import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def content():
    seed_demo(stdout=io.StringIO())


def _axe_serious_violations(page) -> list[str]:
    # Evaluated through the DevTools protocol: an injected <script> would (rightly) be blocked
    # by the Content-Security-Policy.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def _horizontal_overflow(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize(
    "path",
    [
        "/learn/acne/",
        "/learn/when-to-see-a-dermatologist/",
        "/learn/sun-protection-for-every-skin-tone/",
        "/learn/",
        "/learn/glossary/",
        "/learn/videos/checking-your-moles/",
    ],
    ids=lambda path: path.strip("/").replace("/", "-"),
)
def test_learn_pages_have_no_serious_or_critical_accessibility_violations(
    content, page, path, screenshots
):
    page.goto(path)
    expect(page.locator("h1")).to_have_count(1)

    assert _axe_serious_violations(page) == []
    screenshots.take(page, "desktop")


@pytest.mark.parametrize(
    "path",
    [
        "/learn/",
        "/learn/acne/",
        "/learn/sun-protection-for-every-skin-tone/",
        "/learn/how-to-build-a-routine/",
        "/learn/glossary/",
        "/learn/glossary/eu-fragrance-allergens/",
        "/learn/videos/",
    ],
    ids=lambda path: path.strip("/").replace("/", "-"),
)
def test_learn_pages_fit_a_375_px_phone_without_horizontal_scroll(
    content, phone_page, path, screenshots
):
    phone_page.goto(path)
    expect(phone_page.locator("h1")).to_be_visible()

    assert _horizontal_overflow(phone_page) == 0
    assert _axe_serious_violations(phone_page) == []
    screenshots.take(phone_page, "phone")


def test_an_article_works_without_javascript(content, browser, live_server, screenshots):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto("/learn/")
        page.get_by_label("Search articles, videos and the glossary").fill("dermatoscope")
        page.get_by_role("button", name="Search").click()
        expect(page).to_have_url(re.compile(r"/learn/\?q=dermatoscope$"))
        results = page.get_by_test_id("result-articles")
        expect(results.get_by_role("link")).to_have_text(
            ["When to see a dermatologist: the ABCDE signs of a mole"]
        )
        screenshots.take(page, "1-search-without-js")

        results.get_by_role("link").click()
        page.get_by_role("navigation", name="On this page").get_by_role(
            "link", name="The ABCDE rule"
        ).click()
        expect(page).to_have_url(re.compile(r"/learn/when-to-see-a-dermatologist/#the-abcde-rule$"))
        expect(page.get_by_role("heading", name="The ABCDE rule")).to_be_in_viewport()
        doctors = page.get_by_role("link", name="Find a dermatologist")
        expect(doctors).to_have_attribute("href", "/doctors?specialty=skin_cancer&sort=soonest")
        expect(page.get_by_role("link", name="Analyse my skin").last).to_have_attribute(
            "href", "/analyse"
        )
        screenshots.take(page, "2-article-without-js")
    finally:
        context.close()


def test_a_concern_link_lands_on_its_article_and_a_term_link_on_its_glossary_entry(
    content, page, screenshots
):
    page.goto("/learn/concern/lesion/")
    expect(page).to_have_url(re.compile(r"/learn/when-to-see-a-dermatologist/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "When to see a dermatologist: the ABCDE signs of a mole"
    )

    page.goto("/learn/term/eu_allergen/")
    expect(page).to_have_url(re.compile(r"/learn/glossary/eu-fragrance-allergens/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("EU fragrance allergens")
    page.get_by_role("link", name="Read more: How to read an ingredient list").click()
    expect(page).to_have_url(re.compile(r"/learn/how-to-read-an-ingredient-list/$"))
    screenshots.take(page, "ingredient-list-article")


def test_staff_preview_markdown_in_the_admin_and_a_draft_stays_hidden(
    content, page, live_server, screenshots
):
    staff = UserFactory(role=Role.STAFF)
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    page.goto("/admin/")  # the admin sends staff to the two-step sign-in, then back
    page.get_by_label("Email").fill(staff.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_label("6-digit code").fill(totp_code(device))
    page.get_by_role("button", name="Verify and sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto("/admin/education/article/add/")
    page.get_by_label("Title").fill("Patch testing at home")
    page.get_by_label("Category").select_option(label="Skin basics")
    page.get_by_label("Summary").fill("How to test a product before you use it.")
    page.get_by_label("Body").fill(
        "## Why test\n\nA **small** area first.\n\n"
        '<script>alert("x")</script><img src="/nope.png" onerror="alert(1)">\n\n'
        '<iframe src="https://evil.example/x"></iframe>\n'
    )
    page.get_by_role("button", name="Preview").first.click()
    preview = page.locator(".ms-markdown-preview").first
    expect(preview.get_by_role("heading", name="Why test")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("small")
    expect(preview.locator("script, iframe, [onerror]")).to_have_count(0)
    screenshots.take(page, "1-admin-preview")

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was added successfully")).to_be_visible()
    article = Article.objects.get(slug="patch-testing-at-home")
    assert article.status == Status.DRAFT
    assert dialogs == []

    visitor = page.context.browser.new_context(base_url=live_server.url)
    try:
        response = visitor.new_page().goto("/learn/patch-testing-at-home/")
        assert response.status == 404
    finally:
        visitor.close()


def test_from_a_result_s_concern_card_to_its_article(content, page, screenshots):
    user = UserFactory(display_name="Noor")
    analysis = AnalysisFactory(
        owner=user, result=sample_result(concerns={"redness": 55, "lesion": 70})
    )
    page.goto("/signin")
    page.get_by_label("Email").fill(user.email)
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/dashboard$"))

    page.goto(f"/analyses/{analysis.id}")
    lesion_link = page.get_by_role(
        "link", name="Learn about this: Spot worth a dermatologist's look"
    )
    expect(lesion_link).to_be_visible()
    screenshots.take(page, "1-result-page")
    lesion_link.click()

    expect(page).to_have_url(re.compile(r"/learn/when-to-see-a-dermatologist/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "When to see a dermatologist: the ABCDE signs of a mole"
    )
    expect(page.get_by_role("link", name="Find a dermatologist")).to_have_attribute(
        "href", "/doctors?specialty=skin_cancer&sort=soonest"
    )
    screenshots.take(page, "2-mole-article")

    page.go_back()
    page.get_by_role("link", name="Learn about this: Redness").click()
    expect(page).to_have_url(re.compile(r"/learn/redness-and-rosacea/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Redness and rosacea")
    screenshots.take(page, "3-redness-article")
