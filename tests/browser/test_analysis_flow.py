"""Sign in → upload a photo → watch progress → result and overlay → history → compare → delete."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

import skinlab
from metskin.accounts.tests.factories import UserFactory
from metskin.analysis.models import Analysis
from metskin.uploads.storage import private_storage
from metskin.uploads.tests import media
from tests.browser.sign_in import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _photo(tmp_path: Path, name: str, brightness: float = 1.0) -> Path:
    image = media.astronaut()
    if brightness != 1.0:
        image = image.point(lambda value: int(value * brightness))
    path = tmp_path / name
    path.write_bytes(media.jpeg(image, exif=media.exif_with_gps()))
    return path


def _upload_and_wait(page, path: Path, screenshots, shot: str | None = None) -> str:
    page.goto("/analyse")
    page.get_by_label("Choose files").set_input_files(str(path))
    expect(page).to_have_url(re.compile(r"/analyses/[0-9a-f-]{36}$"))
    if shot:
        expect(page.get_by_role("progressbar", name="Analysis progress")).to_be_visible()
        expect(page.get_by_role("status")).to_have_text(re.compile(r"\w+"))
        screenshots.take(page, shot)
    expect(page.get_by_role("heading", name="Skin tone", exact=True)).to_be_visible(timeout=60_000)
    return page.url.rsplit("/", 1)[-1]


def test_upload_watch_result_history_compare_delete(
    page, live_server, celery_worker, screenshots, tmp_path, monkeypatch
):
    user = UserFactory(display_name="Ada")
    sign_in(page, user.email)
    page.get_by_role("link", name="Analyse my skin").first.click()
    expect(page.get_by_role("heading", name="Analyse my skin")).to_be_visible()
    expect(page.get_by_text("About 30 cm away")).to_be_visible()
    screenshots.take(page, "1-upload-page")

    # The engine takes a quarter of a second on this photo: slow its start down (in the worker
    # thread of this process) so the live progress can be seen.
    real_analyze = skinlab.analyze

    def slow_analyze(source, **kwargs):
        time.sleep(2.5)
        return real_analyze(source, **kwargs)

    monkeypatch.setattr(skinlab, "analyze", slow_analyze)
    first_id = _upload_and_wait(page, _photo(tmp_path, "daylight.jpg"), screenshots, "2-progress")
    monkeypatch.setattr(skinlab, "analyze", real_analyze)
    expect(page.get_by_role("note").first).to_contain_text("This is not a diagnosis.")
    expect(page.get_by_role("img", name=re.compile(r"Monk skin tone \d+ of 10"))).to_be_visible()
    overlay = page.get_by_alt_text("Your photo with the measured areas drawn on it")
    expect(overlay).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", overlay.element_handle()) > 0
    expect(page.get_by_role("heading", name="What you told us")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Learn about this")).first).to_have_attribute(
        "href", re.compile(r"^/learn/concern/[a-z_]+/$")
    )
    # The astronaut's face is too small for single spots: those concerns are "not checked",
    # never shown as a finding with an empty bar.
    expect(page.get_by_text("Not checked in this photo").first).to_be_visible()
    screenshots.take(page, "3-result-overlay")
    page.get_by_role("switch", name="Show what was measured (overlay)").click()
    photo = page.get_by_alt_text("Your photo", exact=True)
    expect(photo).to_be_visible()
    assert page.evaluate("(img) => img.naturalWidth", photo.element_handle()) == 512
    screenshots.take(page, "4-result-photo")

    second_id = _upload_and_wait(page, _photo(tmp_path, "dim.jpg", brightness=0.45), screenshots)
    # nothing white in this dim photo shows by how much it is under-exposed: the result page
    # says so first, in its lighting warning (the engine's exposure_uncertain code)
    lighting = page.get_by_role("alert").filter(
        has=page.get_by_role(
            "heading", name="The light in this photo makes the result less reliable"
        )
    )
    expect(lighting).to_contain_text(re.compile("nothing white in it"))
    screenshots.take(page, "4b-dim-photo-quality")

    page.get_by_role("link", name="My history").first.click()
    expect(page.get_by_role("heading", name="My history")).to_be_visible()
    expect(page.get_by_role("list", name="My analyses").get_by_role("listitem")).to_have_count(2)
    expect(page.get_by_role("img", name="Chart of ITA over time")).to_be_visible()
    screenshots.take(page, "5-history")

    for checkbox in page.get_by_role("checkbox", name=re.compile("Compare the analysis")).all():
        checkbox.check()
    expect(page.get_by_role("heading", name="Side by side")).to_be_visible()
    expect(page.get_by_role("table", name="Numbers side by side")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("much darker")
    screenshots.take(page, "6-compare")

    page.get_by_role("button", name="Clear the comparison").click()
    expect(page.get_by_role("heading", name="Side by side")).to_have_count(0)
    for checkbox in page.get_by_role("checkbox", name=re.compile("Compare the analysis")).all():
        expect(checkbox).not_to_be_checked()
    expect(page).not_to_have_url(re.compile(r"[?&](first|second)="))
    screenshots.take(page, "6b-comparison-cleared")

    second = Analysis.objects.select_related("upload").get(pk=second_id)
    names = [second.upload.file_name, second.upload.thumbnail_name, second.overlay_name]
    assert all(private_storage().exists(name) for name in names)
    page.get_by_role("button", name=re.compile("Delete the analysis")).first.click()
    page.get_by_role("dialog").get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_text("The analysis and its photo are deleted.")).to_be_visible()
    expect(page.get_by_role("list", name="My analyses").get_by_role("listitem")).to_have_count(1)
    screenshots.take(page, "7-after-delete")

    assert list(Analysis.objects.values_list("id", flat=True)) == [
        Analysis.objects.get(pk=first_id).id
    ]
    assert [private_storage().exists(name) for name in names] == [False, False, False]


def test_on_a_phone(phone_page, live_server, celery_worker, screenshots, tmp_path):
    page = phone_page
    user = UserFactory()
    sign_in(page, user.email)
    page.goto("/analyse")
    expect(page.get_by_text("Take a photo", exact=True)).to_be_visible()
    screenshots.take(page, "1-upload")

    _upload_and_wait(page, _photo(tmp_path, "selfie.jpg"), screenshots)

    expect(page.get_by_alt_text("Your photo with the measured areas drawn on it")).to_be_visible()
    screenshots.take(page, "2-result")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
