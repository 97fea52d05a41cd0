"""Accessible (issue 12 §7): axe-core finds no serious or critical violation on any React
route (a patient's, a verified doctor's, a visitor's) nor on any /learn/ page, at phone width.

The list of React routes is checked against the router itself (frontend/src/App.tsx): a new
route without an entry here fails ``test_every_route_of_the_router_is_visited``.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.tests.factories import AnalysisFactory, sample_result
from metskin.appointments.models import Appointment
from metskin.appointments.shares import appointment_share_add
from metskin.appointments.tests.helpers import doctor_user_with_device
from metskin.catalog.models import Product
from metskin.catalog.tests.factories import catalog_load, product_row
from metskin.doctors.tests.factories import DoctorFactory, weekly
from metskin.education.seed import seed_demo as education_seed
from tests.browser.axe import serious_violations
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "frontend" / "src" / "App.tsx"

# Router path -> (who visits it, the URL to open). "" is the index route.
ROUTES: dict[str, tuple[str, str]] = {
    "": ("visitor", "/"),
    "signup": ("visitor", "/signup"),
    "signin": ("visitor", "/signin"),
    "verify-email": ("visitor", "/verify-email?token=not-a-real-token"),
    "forgot-password": ("visitor", "/forgot-password"),
    "reset-password": ("visitor", "/reset-password?uid=x&token=y"),
    "two-factor/setup": ("patient", "/two-factor/setup"),
    "dashboard": ("patient", "/dashboard"),
    "profile": ("patient", "/profile"),
    "profile/skin": ("patient", "/profile/skin"),
    "routine": ("patient", "/routine"),
    "products": ("patient", "/products"),
    "products/:id": ("patient", "/products/{product}"),
    "ingredients/check": ("patient", "/ingredients/check"),
    "doctors": ("patient", "/doctors"),
    "doctors/:id": ("patient", "/doctors/{doctor}"),
    "doctors/:id/book": ("patient", "/doctors/{doctor}/book?start={slot}&type=in_person"),
    "appointments": ("patient", "/appointments"),
    "appointments/:id": ("patient", "/appointments/{appointment}"),
    "analyse": ("patient", "/analyse"),
    "analyses/:id": ("patient", "/analyses/{analysis}"),
    "history": ("patient", "/history"),
    "portal": ("doctor", "/portal"),
    "portal/analyses/:id": ("doctor", "/portal/analyses/{analysis}"),
    "*": ("visitor", "/no-such-page"),
}


def router_paths() -> set[str]:
    """Every <Route> of the app: its path, or "" for the index route."""
    source = APP.read_text(encoding="utf-8")
    routes = re.findall(r"<Route\b([^>]*)>", source)
    paths = set()
    for attributes in routes:
        if re.search(r"\bindex\b", attributes):
            paths.add("")
        elif match := re.search(r'\bpath="([^"]*)"', attributes):
            paths.add(match.group(1))
    return paths


def settle(page) -> None:
    """Wait until the page has drawn what it loads (no spinner, no request in flight)."""
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1").first).to_be_visible()
    expect(page.locator(".spinner-border")).to_have_count(0)


@pytest.fixture
def world(tmp_path):
    """A patient with two analyses and a booking, shared with a doctor on MetSkin."""
    catalog_load(
        tmp_path,
        [product_row("Gentle Cleanser", "cleanser", "Aqua, Glycerin, Niacinamide, Parfum")],
    )
    doctor = DoctorFactory(
        first_name="Maya", last_name="Chen", time_zone="UTC", clinic_phone="+1 212-555-0143"
    )
    weekly(doctor, weekdays=range(7), start=time(9), end=time(17), offers="both")
    doctor_user, device = doctor_user_with_device(doctor)
    patient = UserFactory(email="noor@example.com", display_name="Noor")
    older = AnalysisFactory(
        owner=patient, days_ago=30, result=sample_result(concerns={"redness": 55, "acne": 40})
    )
    analysis = AnalysisFactory(owner=patient, result=sample_result(concerns={"redness": 35}))
    start = datetime.combine((datetime.now(UTC) + timedelta(days=3)).date(), time(10), tzinfo=UTC)
    appointment = Appointment.objects.create(
        doctor=doctor, patient=patient, start=start, end=start + timedelta(minutes=30),
        slot_start=start, consultation_type="in_person", reason="A mole has changed.",
    )  # fmt: skip
    appointment_share_add(appointment=appointment, analysis_ids=[older.pk, analysis.pk])
    slot = (start + timedelta(days=1)).isoformat()
    ids = {
        "product": Product.objects.get().pk,
        "doctor": doctor.pk,
        "slot": slot.replace("+", "%2B"),
        "appointment": appointment.pk,
        "analysis": analysis.pk,
    }
    return {"ids": ids, "patient": patient, "doctor_user": doctor_user, "device": device}


def test_every_route_of_the_router_is_visited():
    assert router_paths() == set(ROUTES)


PORTAL_TABS = ("Today", "Upcoming", "Past", "Weekly schedule", "Time off", "Your details")


@pytest.mark.parametrize("size", ["phone", "desktop"])
@pytest.mark.parametrize("who", ["visitor", "patient", "doctor"])
def test_every_react_route_has_no_serious_or_critical_violation(
    who, size, world, request, screenshots
):
    # The phone shows the collapsed menu, the desktop the whole navigation bar.
    page = request.getfixturevalue("phone_page" if size == "phone" else "page")
    if who == "patient":
        sign_in(page, world["patient"].email)
    elif who == "doctor":
        sign_in(page, world["doctor_user"].email, device=world["device"])
    found: dict[str, list[str]] = {}
    for path, (visitor, url) in ROUTES.items():
        if visitor != who:
            continue
        page.goto(url.format(**world["ids"]))
        settle(page)
        violations = serious_violations(page)
        name = (path or "index").replace("/", "-").replace(":", "").strip("-")
        screenshots.take(page, f"{size}-{name}")
        if violations:
            found[path or "/"] = violations
    if who == "doctor":
        # The portal's tabs are panes of one route: each is checked as it is shown.
        page.goto("/portal")
        settle(page)
        for tab in PORTAL_TABS:
            page.get_by_role("tab", name=tab).click()
            page.wait_for_load_state("networkidle")
            # Wait for the pane's fade-in: half-faded text is (rightly) low contrast.
            expect(page.locator(".tab-pane.active.show")).to_have_count(1)
            page.wait_for_timeout(400)
            expect(page.locator(".spinner-border")).to_have_count(0)
            violations = serious_violations(page)
            if violations:
                found[f"portal#{tab}"] = violations

    assert found == {}


@pytest.fixture
def learn_content():
    education_seed(stdout=io.StringIO())


def test_every_learn_page_has_no_serious_or_critical_violation(
    learn_content, phone_page, screenshots
):
    """Follows every /learn/ link from the index, so a new page is checked without listing it."""
    page = phone_page
    to_visit, seen = ["/learn/"], set()
    found: dict[str, list[str]] = {}
    while to_visit:
        path = to_visit.pop()
        if path in seen:
            continue
        seen.add(path)
        page.goto(path)
        expect(page.locator("h1")).to_have_count(1)
        violations = serious_violations(page)
        if violations:
            found[path] = violations
            screenshots.take(page, path.strip("/").replace("/", "-"))
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            parts = urlsplit(href)
            # The concern/ and term/ links only redirect to pages found anyway; media/ links
            # are the videos' files (download links), not pages.
            redirect = re.match(r"^/learn/(concern|term|media)/", parts.path)
            if parts.path.startswith("/learn/") and not parts.query and not redirect:
                to_visit.append(parts.path)

    assert len(seen) > 20
    assert found == {}


# --- the states a page load does not show: the phone menu, confirmations -------------------


def settle_animation(page) -> None:
    """Bootstrap's collapse and fade take ~350 ms; half-faded text is (rightly) low contrast."""
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(450)


def open_phone_menu(page) -> None:
    toggle = page.get_by_role("button", name="Show menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(page.locator("#main-nav.navbar-collapse.show")).to_have_count(1)
    settle_animation(page)


@pytest.mark.parametrize("who", ["visitor", "patient", "doctor"])
def test_the_open_phone_menu_has_no_serious_or_critical_violation(
    who, world, phone_page, screenshots
):
    page = phone_page
    if who == "patient":
        sign_in(page, world["patient"].email)
    elif who == "doctor":
        sign_in(page, world["doctor_user"].email, device=world["device"])
    else:
        page.goto("/")
    settle(page)

    open_phone_menu(page)

    expect(page.get_by_role("button", name="Show menu")).to_have_attribute("aria-expanded", "true")
    screenshots.take(page, f"menu-open-{who}")
    assert serious_violations(page) == []


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_each_confirmation_state_has_no_serious_or_critical_violation(
    size, world, request, screenshots
):
    """Every confirmation the app opens, each checked while it is open: the inline ones and
    the dialogs (cancelling an appointment, deleting an analysis: the app's own, not the
    browser's confirm(), so axe and a screen reader see into them)."""
    page = request.getfixturevalue("phone_page" if size == "phone" else "page")
    ids = world["ids"]
    found: dict[str, list[str]] = {}

    def check(state: str) -> None:
        settle_animation(page)
        screenshots.take(page, f"{size}-{state}")
        if violations := serious_violations(page):
            found[state] = violations

    sign_in(page, world["patient"].email)

    # Booking a slot inside the change cut-off: the warning and its "I understand".
    page.goto("/doctors")
    settle(page)
    card = page.get_by_role("article", name="Dr Maya Chen")
    card.get_by_role("link", name=re.compile(r"^Book .* · final$")).first.click()
    page.get_by_label("I understand: I can't change this booking online").check()
    check("book-final-slot-acknowledged")

    # Rescheduling: the picker, then "Move your appointment?".
    page.goto(f"/appointments/{ids['appointment']}")
    settle(page)
    page.get_by_role("button", name="Reschedule").click()
    expect(page.get_by_role("heading", name="Pick a new time")).to_be_focused()
    check("reschedule-picker")
    page.get_by_role("button", name=re.compile("^Move to ")).first.click()
    expect(page.get_by_role("heading", name="Move your appointment?")).to_be_focused()
    check("reschedule-confirmation")

    # Cancelling the appointment: the dialog, focus on its safe choice.
    page.goto(f"/appointments/{ids['appointment']}")
    settle(page)
    page.get_by_role("button", name="Cancel appointment").click()
    expect(page.get_by_role("dialog", name="Cancel this appointment?")).to_be_visible()
    expect(page.get_by_role("button", name="Keep it")).to_be_focused()
    check("cancel-appointment-dialog")
    page.get_by_role("button", name="Keep it").click()

    # Deleting an analysis, from its page and from the history.
    page.goto(f"/analyses/{ids['analysis']}")
    settle(page)
    page.get_by_role("button", name="Delete", exact=True).click()
    expect(page.get_by_role("dialog", name="Delete this analysis?")).to_be_visible()
    check("delete-analysis-dialog")
    page.get_by_role("button", name="Cancel", exact=True).click()
    page.goto("/history")
    settle(page)
    page.get_by_role("button", name=re.compile("^Delete")).first.click()
    expect(page.get_by_role("dialog", name="Delete this analysis?")).to_be_visible()
    check("history-delete-dialog")
    page.get_by_role("button", name="Cancel", exact=True).click()

    # The profile's two confirmations: sign out everywhere, delete the account.
    page.goto("/profile")
    settle(page)
    page.get_by_role("button", name="Sign out everywhere").click()
    expect(page.get_by_role("button", name="Yes, sign out everywhere")).to_be_visible()
    check("sign-out-everywhere-confirmation")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("form", name="Delete my account")).to_be_visible()
    check("delete-account-confirmation")

    # The doctor's cancellation form on an upcoming appointment.
    page.context.clear_cookies()
    sign_in(page, world["doctor_user"].email, device=world["device"])
    settle(page)
    page.get_by_role("tab", name="Upcoming").click()
    cancel = page.get_by_role("button", name="Cancel…").first
    cancel.click()
    expect(page.get_by_label("Reason for the patient")).to_be_visible()
    expect(cancel).to_have_attribute("aria-expanded", "true")
    check("portal-cancel-form")

    assert found == {}


def test_the_confirmations_take_the_focus_and_give_it_back_at_390_px(
    world, phone_390_page, screenshots
):
    """Each confirmation moves the focus into itself when it opens and back to the button
    that opened it on cancel, so a keyboard or screen-reader user is never left at the top
    of the page (issue 12)."""
    page = phone_390_page
    ids = world["ids"]
    sign_in(page, world["patient"].email)

    page.goto("/profile")
    settle(page)
    page.get_by_role("button", name="Sign out everywhere").click()
    # The safe choice takes the focus: an Enter pressed by habit must not sign out.
    confirmation = page.get_by_role("group", name="Sign out everywhere?")
    expect(confirmation.get_by_role("button", name="Cancel")).to_be_focused()
    screenshots.take(page, "1-sign-out-everywhere")
    page.keyboard.press("Enter")
    expect(confirmation).to_have_count(0)
    expect(page.get_by_role("button", name="Sign out everywhere")).to_be_focused()

    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_label("Your password, to confirm")).to_be_focused()
    screenshots.take(page, "2-delete-account")
    page.get_by_role("form", name="Delete my account").get_by_role("button", name="Cancel").click()
    expect(page.get_by_role("button", name="Delete my account")).to_be_focused()

    page.goto(f"/appointments/{ids['appointment']}")
    settle(page)
    opener = page.get_by_role("button", name="Cancel appointment")
    opener.click()
    expect(page.get_by_role("button", name="Keep it")).to_be_focused()
    screenshots.take(page, "3-cancel-appointment")
    page.keyboard.press("Escape")
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(opener).to_be_focused()

    page.goto(f"/analyses/{ids['analysis']}")
    settle(page)
    opener = page.get_by_role("button", name="Delete", exact=True)
    opener.click()
    dialog = page.get_by_role("dialog", name="Delete this analysis?")
    expect(dialog.get_by_role("button", name="Cancel", exact=True)).to_be_focused()
    screenshots.take(page, "4-delete-analysis")
    dialog.get_by_role("button", name="Cancel", exact=True).click()
    expect(opener).to_be_focused()


def test_the_history_charts_are_drawn_at_once_when_less_motion_is_asked_for(
    world, phone_390_page, screenshots
):
    page = phone_390_page
    sign_in(page, world["patient"].email)
    page.goto("/history")  # not settled: the chart is caught as soon as it shows

    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    charts = page.locator("canvas")
    expect(charts.first).to_be_visible()
    # Drawn at once: the chart as first shown is the chart a second later (Chart.js grows
    # a line from zero over 1 s when it animates).
    first = charts.first.screenshot()
    page.wait_for_timeout(1200)
    assert charts.first.screenshot() == first
    screenshots.take(page, "history-charts")
