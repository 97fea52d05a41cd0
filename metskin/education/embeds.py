"""Which video players may be embedded, and their one canonical embed URL.

Only two hosts are trusted (docs/adr/0010-markdown-rendering-and-sanitising.md): YouTube,
always through its privacy-enhanced youtube-nocookie.com player, and Vimeo's player with
"do not track". Anything else is refused, so a page never frames another site.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

YOUTUBE_EMBED_HOST = "www.youtube-nocookie.com"
VIMEO_PLAYER_HOST = "player.vimeo.com"
# Hosts an embed URL may be written with; they are rewritten to the two players above.
YOUTUBE_HOSTS = frozenset(
    {"www.youtube-nocookie.com", "youtube-nocookie.com", "www.youtube.com", "youtube.com"}
)
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_VIMEO_ID = re.compile(r"^[0-9]{6,12}$")
_YOUTUBE_EMBED_PATH = re.compile(r"^/embed/(?P<id>[^/]+)/?$")
_VIMEO_PLAYER_PATH = re.compile(r"^/video/(?P<id>[^/]+)/?$")
_VIMEO_PAGE_PATH = re.compile(r"^/(?P<id>[0-9]+)/?$")
_SECONDS = re.compile(r"^[0-9]{1,6}$")


def video_embed_url(url: str) -> str | None:
    """Return the canonical embed URL for a YouTube or Vimeo link, or ``None`` if not allowed.

    Accepts player URLs (``youtube-nocookie.com/embed/ID``, ``youtube.com/embed/ID``,
    ``player.vimeo.com/video/ID``) and the usual page links (``youtube.com/watch?v=ID``,
    ``youtu.be/ID``, ``vimeo.com/ID``). Only https; a ``start`` time in seconds is kept.
    """
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or parts.username or parts.password or parts.port:
        return None
    host = parts.hostname or ""
    query = parse_qs(parts.query)
    video_id: str | None = None
    if host in YOUTUBE_HOSTS:
        if match := _YOUTUBE_EMBED_PATH.match(parts.path):
            video_id = match["id"]
        elif parts.path == "/watch" and host.endswith("youtube.com"):
            video_id = (query.get("v") or [""])[0]
    elif host == "youtu.be":
        video_id = parts.path.strip("/")
    elif host in {VIMEO_PLAYER_HOST, "vimeo.com", "www.vimeo.com"}:
        pattern = _VIMEO_PLAYER_PATH if host == VIMEO_PLAYER_HOST else _VIMEO_PAGE_PATH
        if (match := pattern.match(parts.path)) and _VIMEO_ID.match(match["id"]):
            return f"https://{VIMEO_PLAYER_HOST}/video/{match['id']}?dnt=1"
        return None
    if video_id is None or not _YOUTUBE_ID.match(video_id):
        return None
    start = (query.get("start") or [""])[0]
    suffix = f"?start={start}" if _SECONDS.match(start) else ""
    return f"https://{YOUTUBE_EMBED_HOST}/embed/{video_id}{suffix}"
