from __future__ import annotations

import pytest

from metskin.education.embeds import video_embed_url

NOCOOKIE = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (NOCOOKIE, NOCOOKIE),
        ("https://youtube-nocookie.com/embed/dQw4w9WgXcQ", NOCOOKIE),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", NOCOOKIE),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", NOCOOKIE),
        ("https://youtu.be/dQw4w9WgXcQ", NOCOOKIE),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=42", f"{NOCOOKIE}?start=42"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ?start=x&autoplay=1", NOCOOKIE),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        ("  https://vimeo.com/76979871  ", "https://player.vimeo.com/video/76979871?dnt=1"),
    ],
)
def test_allowed_video_links_become_the_canonical_player_url(url, expected):
    assert video_embed_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "http://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com.evil.example/embed/dQw4w9WgXcQ",
        "https://evil.example/embed/dQw4w9WgXcQ",
        "https://user:pass@www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com:8443/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/short",
        "https://www.youtube.com/embed/dQw4w9WgXcQ/../x",
        'https://www.youtube.com/embed/"onload=x',
        "https://player.vimeo.com/video/abc",
        "https://player.vimeo.com/hubnut/album/1",
        "https://youtu.be/",
        "javascript:alert(1)",
        "",
    ],
)
def test_anything_else_is_refused(url):
    assert video_embed_url(url) is None
