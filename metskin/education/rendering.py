"""Markdown → safe HTML for articles, video transcripts and glossary definitions.

Markdown is written by staff, but it is rendered into pages every visitor sees, so the HTML
is sanitised with nh3 (docs/adr/0010-markdown-rendering-and-sanitising.md): an allow-list
of tags and attributes, no scripts, styles or event handlers, links only to http(s),
mailto and relative URLs, and iframes only from the allowed video players, rebuilt by us.
Headings get ids, and the h2/h3 headings make the table of contents.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass, field
from typing import Any

import markdown
import nh3
from django.core.cache import cache
from django.utils.text import slugify

from metskin.education.embeds import video_embed_url

# Bump when the rules below change, so cached renderings are not reused.
RENDERER_VERSION = "1"
CACHE_SECONDS = 24 * 3600

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
        "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "abbr", "cite", "q", "code", "pre", "kbd", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd",
        "a", "img", "figure", "figcaption",
        "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
        "iframe",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "iframe": {"src", "title"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}
# Their content goes too: it is code or markup, never text a reader should see.
REMOVED_WITH_CONTENT = frozenset({"script", "style", "template", "object", "embed", "noscript"})
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Ids the page around the article already uses; a heading never takes one of them.
RESERVED_IDS = frozenset({"main", "site-nav", "toc", "content", "article", "related"})

_IFRAME = re.compile(r'<iframe((?:[^>"]|"[^"]*")*)>.*?</iframe>', re.DOTALL | re.IGNORECASE)
_ATTRIBUTE = re.compile(r'([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')
_TABLE_OPEN = re.compile(r"<table>")
_TABLE_CLOSE = re.compile(r"</table>")


@dataclass(frozen=True)
class TocEntry:
    id: str
    title: str
    children: list[TocEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[TocEntry]


def _heading_id(value: str, separator: str) -> str:
    slug = slugify(value).replace("-", separator) or "section"
    return f"{slug}-section" if slug in RESERVED_IDS else slug


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        return video_embed_url(html.unescape(value))
    if attribute == "id":
        return None if value in RESERVED_IDS else value
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=set(REMOVED_WITH_CONTENT),
    attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_filter_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel="noopener noreferrer",
    strip_comments=True,
)


def _rebuild_iframe(match: re.Match[str]) -> str:
    """Every iframe left by nh3 is replaced by one we write: allowed src, nothing else inside."""
    attributes = {
        name.lower(): html.unescape(value or "")
        for name, value in _ATTRIBUTE.findall(match.group(1))
    }
    src = video_embed_url(attributes.get("src", ""))
    if src is None:
        return ""
    title = html.escape(attributes.get("title") or "Embedded video", quote=True)
    return (
        '<div class="ratio ratio-16x9 my-4">'
        f'<iframe src="{html.escape(src, quote=True)}" title="{title}" loading="lazy" '
        'referrerpolicy="strict-origin-when-cross-origin" '
        'allow="encrypted-media; picture-in-picture; fullscreen" allowfullscreen></iframe>'
        "</div>"
    )


def sanitize_html(unsafe_html: str) -> str:
    """Clean HTML to the allow-list; the one door every rendered string goes through."""
    cleaned = _CLEANER.clean(unsafe_html)
    cleaned = _IFRAME.sub(_rebuild_iframe, cleaned)
    # Wide tables scroll inside their own box on a phone, never the whole page.
    cleaned = _TABLE_OPEN.sub('<div class="table-responsive"><table class="table">', cleaned)
    return _TABLE_CLOSE.sub("</table></div>", cleaned)


def _toc_entries(tokens: list[dict[str, Any]]) -> list[TocEntry]:
    return [
        TocEntry(
            id=token["id"],
            title=html.unescape(token["name"]),
            children=_toc_entries(token.get("children", [])),
        )
        for token in tokens
    ]


def _render(text: str) -> Rendered:
    converter = markdown.Markdown(
        extensions=["toc", "tables", "sane_lists", "smarty", "def_list", "abbr"],
        extension_configs={"toc": {"toc_depth": "2-3", "slugify": _heading_id}},
    )
    unsafe_html = converter.convert(text)
    toc = _toc_entries(converter.toc_tokens)  # type: ignore[attr-defined]
    return Rendered(html=sanitize_html(unsafe_html), toc=toc)


def render_markdown(text: str) -> Rendered:
    """Render Markdown to sanitised HTML with a table of contents (cached by content)."""
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = f"education:md:{RENDERER_VERSION}:{digest}"
    rendered = cache.get(key)
    if not isinstance(rendered, Rendered):
        rendered = _render(text)
        cache.set(key, rendered, CACHE_SECONDS)
    return rendered
