"""Staff upload a video in the admin; a real Celery worker converts it once, or says why not."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from metskin.accounts.models import Role
from metskin.accounts.tests.factories import UserFactory
from metskin.accounts.tests.helpers import verified_admin_client
from metskin.education import transcoding
from metskin.education.models import RecordingStatus, Status, Video, education_storage
from metskin.education.recordings import RecordingError, probe
from metskin.uploads.tests.media import mov

ADD_URL = "/admin/education/video/add/"
CAPTIONS = b"WEBVTT\n\n1\n00:00:00.000 --> 00:00:02.000\nA test clip.\n"


@pytest.fixture
def staff_client(transactional_db):
    return verified_admin_client(UserFactory(role=Role.STAFF))


def form(slug: str, upload: bytes, name: str = "clip.mov", **extra: object) -> dict[str, object]:
    return {
        "title": f"Video {slug}",
        "slug": slug,
        "summary": "A clip staff uploaded.",
        "upload": SimpleUploadedFile(name, upload, content_type="video/quicktime"),
        "captions": SimpleUploadedFile("captions.vtt", CAPTIONS, content_type="text/vtt"),
        "embed_url": "",
        "duration_seconds": "",
        "transcript": "A test clip.",
        "status": Status.DRAFT,
        "published_at": "",
        **extra,
    }


def wait_for(slug: str, *, seconds: float = 90) -> Video:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        video = Video.objects.get(slug=slug)
        if video.recording_status in (RecordingStatus.READY, RecordingStatus.FAILED):
            return video
        time.sleep(0.3)
    raise AssertionError(f"{slug} still {Video.objects.get(slug=slug).recording_status}")


def stored_names() -> list[str]:
    root = Path(education_storage().path(""))
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


def test_an_upload_is_converted_by_the_worker_then_published_and_played(
    staff_client, celery_worker
):
    response = staff_client.post(ADD_URL, form("staff-clip", mov(2.0)), follow=True)

    assert response.status_code == 200
    assert "The video is being converted for the web" in response.content.decode()
    video = wait_for("staff-clip")
    assert video.recording_status == RecordingStatus.READY, video.recording_error
    webm = probe(Path(education_storage().path(video.video_webm.name)))
    mp4 = probe(Path(education_storage().path(video.video_mp4.name)))
    assert (webm.video_codec, mp4.video_codec) == ("vp9", "h264")
    assert (mp4.width, mp4.height) == (320, 240)
    assert abs(mp4.duration_s - 2.0) < 0.2 and video.duration_seconds == 2
    assert video.upload.name == ""  # the original is not kept once converted
    assert stored_names() == sorted(
        [video.video_webm.name, video.video_mp4.name, video.poster.name, video.captions.name]
    )
    assert education_storage().open(video.poster.name).read(3) == b"\xff\xd8\xff"
    # A second delivery of the same task finds the work done and writes nothing.
    assert transcoding.video_transcode_execute(video_id=str(video.pk)) == "skipped"
    assert len(stored_names()) == 4

    change = staff_client.get(f"/admin/education/video/{video.pk}/change/").content.decode()
    assert "Ready · <a href" in change and "errornote" not in change
    assert Client().get("/learn/videos/staff-clip/").status_code == 404  # still a draft
    staff_client.post(
        "/admin/education/video/", {"action": "publish", "_selected_action": [str(video.pk)]}
    )
    html = Client().get("/learn/videos/staff-clip/").content.decode()
    assert f'<source src="{video.video_mp4.url}" type="video/mp4">' in html
    assert '<track kind="captions" srclang="en"' in html
    assert Client().get(video.video_webm.url, headers={"range": "bytes=0-9"}).status_code == 206


def test_a_broken_file_fails_with_a_message_and_keeps_nothing(staff_client, celery_worker):
    # The first bytes of an MP4, then noise: it passes the form's check, not ffmpeg's.
    broken = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + bytes(range(256)) * 40

    staff_client.post(ADD_URL, form("broken-clip", broken))
    video = wait_for("broken-clip")

    assert video.recording_status == RecordingStatus.FAILED
    assert video.recording_error.startswith("This file is not a video MetSkin can read.")
    assert not video.has_recording and video.upload.name == ""
    assert [name for name in stored_names() if not name.startswith("captions/")] == []
    change = staff_client.get(f"/admin/education/video/{video.pk}/change/").content.decode()
    assert "The last upload was not used: This file is not a video MetSkin can read." in change


def test_a_conversion_over_the_time_limit_is_stopped_and_keeps_nothing(
    staff_client, celery_worker, settings
):
    settings.EDUCATION_TRANSCODE_TIME_LIMIT = 0.05

    staff_client.post(ADD_URL, form("slow-clip", mov(2.0)))
    video = wait_for("slow-clip")

    assert video.recording_status == RecordingStatus.FAILED
    assert "took longer than" in video.recording_error
    assert not video.has_recording and video.upload.name == ""
    assert [name for name in stored_names() if not name.startswith("captions/")] == []


def test_a_file_that_is_not_a_video_is_refused_by_the_form_and_nothing_is_stored(staff_client):
    playlist = b"#EXTM3U\n#EXTINF:1,\nfile:///etc/passwd\n"

    response = staff_client.post(ADD_URL, form("playlist", playlist, name="clip.mp4"))

    assert response.status_code == 200
    assert "This file is not a video MetSkin can read." in response.content.decode()
    assert not Video.objects.filter(slug="playlist").exists()
    assert stored_names() == []


@pytest.mark.parametrize(
    "text",
    [
        b"#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n",
        b"ffconcat version 1.0\nfile /etc/passwd\n",
    ],
    ids=["hls-playlist", "concat-list"],
)
def test_ffmpeg_never_follows_a_playlist_to_other_files(tmp_path, text):
    path = tmp_path / "clip.mp4"
    path.write_bytes(text)

    with pytest.raises(RecordingError, match="not a video MetSkin can read"):
        probe(path)
