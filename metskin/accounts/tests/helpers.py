"""Helpers for account tests: read links out of the emails the app sent."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

from django.core.mail import EmailMessage


def link_in(message: EmailMessage, path: str) -> str:
    match = re.search(rf"https?://\S+{re.escape(path)}\?\S+", str(message.body))
    assert match, f"no {path} link in: {message.body}"
    return match.group(0)


def query_of(link: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlparse(link).query).items()}
