"""Read the educational content kept in git: Markdown files with TOML front matter.

``content/articles/*.md`` and ``content/videos/*.md`` start with a ``+++`` fenced TOML block
(the convention Hugo and Zola use), followed by the Markdown body; ``content/glossary.toml``
holds the glossary as ``[[terms]]`` tables. Parsing is strict: an unknown key or a missing
one is an error naming the file, so a typo never ships silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parent / "content"
FENCE = "+++"


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class ArticleSource:
    path: Path
    source_hash: str
    title: str
    slug: str
    category: str
    summary: str
    body: str
    status: str
    published: dt.date | None
    tags: tuple[str, ...]
    concerns: tuple[str, ...]
    related: tuple[str, ...]
    hero_image: str
    hero_alt: str
    author: str
    reviewed_by: str
    reviewed_on: dt.date | None
    referral_specialty: str


# A video's own recording sits beside its Markdown file, in a folder named after the slug
# (made by scripts/make_education_videos.py; docs/adr/0020). All four files, or none.
RECORDING_FILES = ("video.webm", "video.mp4", "poster.jpg", "captions.vtt")


@dataclass(frozen=True)
class RecordingSource:
    webm: Path
    mp4: Path
    poster: Path
    captions: Path


@dataclass(frozen=True)
class VideoSource:
    path: Path
    source_hash: str
    title: str
    slug: str
    summary: str
    transcript: str
    status: str
    published: dt.date | None
    embed_url: str
    duration_seconds: int | None
    related: tuple[str, ...]
    recording: RecordingSource | None = None


@dataclass(frozen=True)
class TermSource:
    source_hash: str
    term: str
    slug: str
    kind: str
    definition: str
    key: str | None
    article: str
    also_known_as: str


ARTICLE_REQUIRED = {"title", "slug", "category", "summary"}
ARTICLE_OPTIONAL: dict[str, Any] = {
    "status": "published",
    "published": None,
    "tags": [],
    "concerns": [],
    "related": [],
    "hero_image": "",
    "hero_alt": "",
    "author": "MetSkin editorial team",
    "reviewed_by": "",
    "reviewed_on": None,
    "referral_specialty": "",
}
VIDEO_REQUIRED = {"title", "slug", "summary"}
VIDEO_OPTIONAL: dict[str, Any] = {
    "status": "published",
    "published": None,
    "embed_url": "",
    "duration_seconds": None,
    "related": [],
}
TERM_REQUIRED = {"term", "slug", "kind", "definition"}
TERM_OPTIONAL: dict[str, Any] = {"key": None, "article": "", "also_known_as": ""}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fields(
    where: str, data: dict[str, Any], required: set[str], optional: dict[str, Any]
) -> dict[str, Any]:
    unknown = set(data) - required - set(optional)
    if unknown:
        raise ContentError(f"{where}: unknown keys {sorted(unknown)}")
    missing = required - set(data)
    if missing:
        raise ContentError(f"{where}: missing keys {sorted(missing)}")
    fields = {**optional, **data}
    for name, value in fields.items():
        if isinstance(optional.get(name), list):
            if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
                raise ContentError(f"{where}: “{name}” must be a list of strings")
            fields[name] = tuple(value)
    return fields


def split_front_matter(text: str, *, where: str) -> tuple[dict[str, Any], str]:
    """Split ``+++`` TOML front matter from the Markdown body that follows it."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise ContentError(f"{where}: must start with a {FENCE} line (TOML front matter)")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            front, body = "".join(lines[1:index]), "".join(lines[index + 1 :])
            break
    else:
        raise ContentError(f"{where}: the front matter has no closing {FENCE} line")
    try:
        data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{where}: front matter is not valid TOML ({error})") from error
    return data, body.strip() + "\n"


def _read(path: Path) -> tuple[dict[str, Any], str, str]:
    raw = path.read_bytes()
    data, body = split_front_matter(raw.decode("utf-8"), where=path.name)
    return data, body, _digest(raw)


def load_articles(directory: Path = CONTENT_DIR) -> list[ArticleSource]:
    sources = []
    for path in sorted((directory / "articles").glob("*.md")):
        data, body, digest = _read(path)
        fields = _fields(path.name, data, ARTICLE_REQUIRED, ARTICLE_OPTIONAL)
        sources.append(ArticleSource(path=path, source_hash=digest, body=body, **fields))
    return sources


def _recording(path: Path, slug: str) -> tuple[RecordingSource | None, bytes]:
    """The recording folder of a video file, and the bytes its hash must cover."""
    folder = path.parent / slug
    if not folder.is_dir():
        return None, b""
    missing = [name for name in RECORDING_FILES if not (folder / name).is_file()]
    if missing:
        raise ContentError(f"{path.name}: the recording folder {slug}/ lacks {missing}")
    files = [folder / name for name in RECORDING_FILES]
    digests = "".join(_digest(file.read_bytes()) for file in files)
    return RecordingSource(*files), digests.encode()


def load_videos(directory: Path = CONTENT_DIR) -> list[VideoSource]:
    sources = []
    for path in sorted((directory / "videos").glob("*.md")):
        data, body, digest = _read(path)
        fields = _fields(path.name, data, VIDEO_REQUIRED, VIDEO_OPTIONAL)
        recording, media = _recording(path, fields["slug"])
        if media:
            # A new render of the video updates the row even when the text did not change.
            digest = _digest(digest.encode() + media)
        sources.append(
            VideoSource(
                path=path, source_hash=digest, transcript=body, recording=recording, **fields
            )
        )
    return sources


def load_glossary(directory: Path = CONTENT_DIR) -> list[TermSource]:
    path = directory / "glossary.toml"
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{path.name}: not valid TOML ({error})") from error
    if set(data) != {"terms"}:
        raise ContentError(f"{path.name}: expected only [[terms]] tables")
    sources = []
    for index, entry in enumerate(data["terms"], start=1):
        where = f"{path.name} term {index} ({entry.get('term', '?')})"
        fields = _fields(where, entry, TERM_REQUIRED, TERM_OPTIONAL)
        fields["definition"] = fields["definition"].strip() + "\n"
        digest = _digest(json.dumps(entry, sort_keys=True, default=str).encode())
        sources.append(TermSource(source_hash=digest, **fields))
    return sources
