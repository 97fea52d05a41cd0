"""MetSkin's own videos: seeded, playable, captioned, transcribed and served with ranges."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from metskin.education.content import CONTENT_DIR, load_videos
from metskin.education.models import RecordingStatus, Status, Video, education_storage
from metskin.education.ranges import parse_range
from metskin.education.recordings import probe
from metskin.education.seed import seed_demo
from metskin.education.services import content_sync

pytestmark = pytest.mark.django_db

OUR_VIDEOS = ("applying-sunscreen", "checking-your-moles", "photographing-your-skin")
_CUE_TIME = re.compile(r"^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$")


@pytest.fixture
def seeded():
    seed_demo(stdout=io.StringIO())


def cues(vtt: str) -> list[str]:
    """The text of each cue of a WebVTT file (checked strictly enough for our own files)."""
    blocks = vtt.strip().split("\n\n")
    assert blocks[0] == "WEBVTT"
    texts = []
    for block in blocks[1:]:
        number, timing, *text = block.split("\n")
        assert number.isdigit() and _CUE_TIME.match(timing), block
        texts.append(" ".join(text))
    return texts


def stored(name: str) -> Path:
    return Path(education_storage().path(name))


def test_the_seeded_videos_are_real_short_playable_web_videos(seeded):
    for slug in OUR_VIDEOS:
        video = Video.objects.get(slug=slug)
        webm, mp4 = probe(stored(video.video_webm.name)), probe(stored(video.video_mp4.name))

        assert video.has_recording and video.recording_status == RecordingStatus.READY, slug
        assert (webm.video_codec, webm.width, webm.height) == ("vp9", 960, 540), slug
        assert (mp4.video_codec, mp4.width, mp4.height) == ("h264", 960, 540), slug
        assert 20 <= mp4.duration_s <= 60 and abs(webm.duration_s - mp4.duration_s) < 0.1, slug
        assert video.duration_seconds == round(mp4.duration_s), slug
        for name in (video.video_webm.name, video.video_mp4.name, video.poster.name):
            assert 10_000 < stored(name).stat().st_size < 2_000_000, name
        assert stored(video.poster.name).read_bytes()[:3] == b"\xff\xd8\xff", slug  # a JPEG


def test_every_caption_is_in_the_transcript_and_names_no_diagnosis():
    for source in load_videos():
        if source.recording is None:
            continue
        captions = cues(source.recording.captions.read_text("utf-8"))
        prose = " ".join(source.transcript.split())

        assert len(captions) >= 5, source.slug
        for text in captions:
            assert text in prose, (source.slug, text)
        # Education, never a diagnosis for the person watching (issue 12 §8).
        words = (prose + " ".join(captions)).lower()
        assert not {"melanoma", "cancer", "carcinoma", "malignant"} & set(re.findall(r"\w+", words))
    moles = next(source for source in load_videos() if source.slug == "checking-your-moles")
    assert "worth showing a dermatologist" in moles.transcript


def test_the_video_page_plays_our_recording_with_captions_poster_and_transcript(seeded):
    video = Video.objects.get(slug="applying-sunscreen")

    html = Client().get("/learn/videos/applying-sunscreen/").content.decode()

    assert "not published yet" not in html and "<iframe" not in html
    assert re.search(r"<video[^>]* controls[^>]* poster=\"/learn/media/videos/applying", html)
    assert f'<source src="{video.video_webm.url}" type="video/webm">' in html
    assert f'<source src="{video.video_mp4.url}" type="video/mp4">' in html
    assert (
        f'<track kind="captions" srclang="en" label="English" src="{video.captions.url}" default>'
        in html
    )
    assert html.index("<video") < html.index('id="transcript-heading"')
    assert "Squeeze a line of sunscreen along two fingers, from base to tip." in html
    listing = Client().get("/learn/videos/").content.decode()
    assert f'<img src="{video.poster.url}"' in listing


def test_media_answers_byte_ranges_so_players_can_seek(seeded):
    video = Video.objects.get(slug="checking-your-moles")
    url = video.video_mp4.url
    data = stored(video.video_mp4.name).read_bytes()
    client = Client()

    whole = client.get(url)
    first = client.get(url, headers={"range": "bytes=0-99"})
    middle = client.get(url, headers={"range": f"bytes=1000-{len(data) + 50}"})
    tail = client.get(url, headers={"range": "bytes=-10"})
    beyond = client.get(url, headers={"range": f"bytes={len(data)}-"})
    head = client.head(url)

    assert whole.status_code == 200 and b"".join(whole.streaming_content) == data
    assert whole["Accept-Ranges"] == "bytes" and whole["Content-Type"] == "video/mp4"
    assert whole["Cache-Control"] == "public, max-age=31536000, immutable"
    assert first.status_code == 206
    assert first["Content-Range"] == f"bytes 0-99/{len(data)}"
    assert first["Content-Length"] == "100"
    assert b"".join(first.streaming_content) == data[:100]
    assert middle["Content-Range"] == f"bytes 1000-{len(data) - 1}/{len(data)}"
    assert b"".join(middle.streaming_content) == data[1000:]
    assert b"".join(tail.streaming_content) == data[-10:]
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(data)}"
    assert head.status_code == 200 and head["Content-Length"] == str(len(data))
    captions = client.get(video.captions.url)
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert b"".join(captions.streaming_content).startswith(b"WEBVTT")


def test_media_serves_only_the_current_files_of_visible_videos(seeded):
    video = Video.objects.get(slug="photographing-your-skin")
    poster_url = video.poster.url
    education_storage().save("incoming/waiting", io.BytesIO(b"\x00" * 10))

    Video.objects.filter(pk=video.pk).update(status=Status.DRAFT)

    assert Client().get(poster_url).status_code == 404
    assert Client().get("/learn/media/incoming/waiting").status_code == 404
    assert Client().get("/learn/media/../../etc/passwd").status_code == 404
    assert Client().post(poster_url).status_code == 405
    Video.objects.filter(pk=video.pk).update(status=Status.PUBLISHED, published_at=timezone.now())
    assert Client().get(poster_url).status_code == 200


def test_loading_the_content_again_writes_no_file_and_a_new_render_replaces_the_old(
    seeded, tmp_path, django_capture_on_commit_callbacks
):
    storage = education_storage()
    folder = "videos/applying-sunscreen"
    before = sorted(storage.listdir(folder)[1])

    assert content_sync().unchanged == 76
    assert sorted(storage.listdir(folder)[1]) == before

    # A new render of the video (here: another poster) replaces the old files.
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy)
    poster = copy / "videos" / "applying-sunscreen" / "poster.jpg"
    poster.write_bytes(poster.read_bytes() + b"\x00")
    with django_capture_on_commit_callbacks(execute=True):  # old files go once committed
        report = content_sync(directory=copy)

    video = Video.objects.get(slug="applying-sunscreen")
    assert report.updated == ["video applying-sunscreen"]
    assert len(storage.listdir(folder)[1]) == 3
    assert sorted(storage.listdir(folder)[1]) != before
    assert video.poster.name.startswith(folder) and storage.exists(video.poster.name)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-99", (0, 99)),
        ("bytes=990-", (990, 999)),
        ("bytes=-10", (990, 999)),
        ("bytes=-5000", (0, 999)),
        ("bytes=500-99999", (500, 999)),
        ("bytes=1000-", False),
        ("bytes=20-10", False),
        ("bytes=-0", False),
        ("bytes=0-1,5-6", None),
        ("items=0-1", None),
        ("bytes=-", None),
    ],
)
def test_parse_range(header, expected):
    assert parse_range(header, 1000) == expected
