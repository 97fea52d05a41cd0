"""Send an email rendered from a pair of templates, ``<template>.txt`` and ``<template>.html``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def site_link(path: str) -> str:
    """An absolute link for an email: always on SITE_URL, never on the Host a request named
    (a forged Host would send the secret in a reset or set-up link to someone else's server)."""
    return f"{settings.SITE_URL}{path}"


# (filename, content, mimetype), as EmailMessage.attach takes them.
Attachment = tuple[str, bytes | str, str]


def send_templated_email(
    *,
    to: str,
    subject: str,
    template: str,
    context: dict[str, Any],
    attachments: Iterable[Attachment] = (),
) -> None:
    """Render ``template`` (a path without extension) as text with an HTML alternative and
    send it from DEFAULT_FROM_EMAIL to one address, with any ``attachments``."""
    text = render_to_string(f"{template}.txt", context)
    html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
