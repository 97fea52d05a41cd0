"""MetSkin's own videos on a phone: they load, seek, show captions, and the transcript follows."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from metskin.education.seed import seed_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATE = """() => {
  const video = document.querySelector("video");
  const track = video.textTracks[0];
  return {
    readyState: video.readyState,
    duration: video.duration,
    width: video.videoWidth,
    height: video.videoHeight,
    source: video.currentSrc,
    error: video.error && video.error.code,
    trackMode: track && track.mode,
    trackKind: track && track.kind,
    trackLanguage: track && track.language,
    cues: track && track.cues ? track.cues.length : 0,
    activeCue: track && track.activeCues && track.activeCues.length
      ? track.activeCues[0].text : null,
    boxWidth: video.getBoundingClientRect().width,
  };
}"""

SEEK = """async (to) => {
  const video = document.querySelector("video");
  await new Promise((resolve, reject) => {
    video.addEventListener("seeked", resolve, {once: true});
    video.addEventListener("error", () => reject(new Error("media error")), {once: true});
    video.currentTime = to;
  });
  return video.currentTime;
}"""


@pytest.mark.parametrize(
    ("slug", "seconds", "cue_at", "cue"),
    [
        ("checking-your-moles", 41, 22.0, "D is for diameter: wider than about six millimetres."),
        ("applying-sunscreen", 31, 6.0, "from base to tip"),
        ("photographing-your-skin", 30, 11.0, "Hold the phone about 30 centimetres away."),
    ],
    ids=["moles", "sunscreen", "photo"],
)
def test_a_video_plays_seeks_and_shows_captions_on_a_phone(
    phone_page, slug, seconds, cue_at, cue, screenshots
):
    seed_demo(stdout=io.StringIO())
    page = phone_page

    page.goto(f"/learn/videos/{slug}/")
    # Predicates are arrow functions, never bare expressions: Playwright evals an expression
    # again on every poll, from the page's own frame callbacks, where our CSP (no
    # 'unsafe-eval') blocks it; a function is evaled once, inside the DevTools call.
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    # The captions track loads once the video has its metadata; it is on by default.
    page.wait_for_function("() => document.querySelector('video').textTracks[0].cues?.length > 0")
    loaded = page.evaluate(STATE)
    landed = page.evaluate(SEEK, cue_at)
    page.wait_for_function("() => document.querySelector('video').readyState >= 2")
    page.wait_for_function(
        "() => document.querySelector('video').textTracks[0].activeCues.length > 0"
    )
    seeked = page.evaluate(STATE)
    # Let the player's own seeking spinner go before the picture is taken.
    page.wait_for_function("() => document.querySelector('video').readyState >= 3")
    page.wait_for_timeout(500)
    shot = screenshots.take(page, "video-with-caption")

    assert loaded["error"] is None
    assert loaded["readyState"] >= 1
    assert abs(loaded["duration"] - seconds) < 0.2
    assert (loaded["width"], loaded["height"]) == (960, 540)
    assert loaded["source"].endswith(".webm") or loaded["source"].endswith(".mp4")
    assert (loaded["trackKind"], loaded["trackLanguage"], loaded["trackMode"]) == (
        "captions",
        "en",
        "showing",
    )
    assert loaded["cues"] >= 6
    # The phone's 375 px screen, less the page's padding: the player fits, no sideways scroll.
    assert 300 <= loaded["boxWidth"] <= 375
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert abs(landed - cue_at) < 0.5 and seeked["readyState"] >= 2
    assert cue in seeked["activeCue"]
    expect(page.get_by_role("heading", name="Transcript")).to_be_visible()
    expect(page.get_by_text(cue, exact=False).first).to_be_attached()
    expect(page.get_by_text("not published yet")).to_have_count(0)
    assert shot.stat().st_size > 0


def test_a_video_plays_for_a_few_seconds(phone_page):
    seed_demo(stdout=io.StringIO())
    page = phone_page

    page.goto("/learn/videos/applying-sunscreen/")
    page.wait_for_function("() => document.querySelector('video').readyState >= 1")
    played = page.evaluate(
        """async () => {
          const video = document.querySelector("video");
          video.muted = true;
          await video.play();
          await new Promise((resolve) => setTimeout(resolve, 1500));
          video.pause();
          return video.currentTime;
        }"""
    )

    assert played > 0.5


def test_the_video_list_shows_posters_on_a_phone(phone_page, screenshots):
    seed_demo(stdout=io.StringIO())
    page = phone_page

    page.goto("/learn/videos/")
    posters = page.locator("img.card-img-top")
    expect(posters).to_have_count(3)
    page.wait_for_function(
        "() => [...document.querySelectorAll('img.card-img-top')]"
        ".every(i => i.complete && i.naturalWidth)"
    )
    screenshots.take(page, "video-list")

    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
