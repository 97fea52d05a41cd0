"""Template helpers for the /learn/ pages."""

from __future__ import annotations

import html
from typing import Any

from django import template
from django.utils.html import strip_tags

from metskin.education.rendering import render_markdown

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context: dict[str, Any], path: str | None = None) -> str:
    """An absolute URL for Open Graph and canonical links (the current path by default)."""
    request = context["request"]
    return str(request.build_absolute_uri(path if path is not None else request.path))


@register.filter
def markdown_plain(value: str) -> str:
    """Markdown as plain text (for excerpts and meta descriptions); escaped by the template."""
    return html.unescape(strip_tags(render_markdown(value).html)).strip()
