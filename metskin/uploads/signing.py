"""Short-lived signed links to private media, each valid for one person only.

A link carries the stored file's name and content type, the id of the person it was made
for, and when it was made, signed with SECRET_KEY (django.core.signing). It is made only
after an access check (the owner, or a doctor the owner shared the analysis with), works
for ``UPLOAD_SIGNED_URL_MAX_AGE`` seconds, and only for a request signed in as that person:
a copied link is useless to anyone else, and to its owner once it has expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.urls import reverse

_SALT = "metskin.uploads.media-link"


@dataclass(frozen=True)
class MediaGrant:
    file_name: str
    content_type: str
    viewer_id: str
    download_name: str


class LinkInvalid(Exception):
    """Not a link we made, or made for someone else."""


class LinkExpired(Exception):
    """A link we made for this person, but too old."""


def media_url(*, file_name: str, content_type: str, viewer: Any, download_name: str) -> str:
    """A relative URL that serves ``file_name`` decrypted to ``viewer`` for a few minutes."""
    payload = {"n": file_name, "t": content_type, "v": str(viewer.pk), "d": download_name}
    token = signing.dumps(payload, salt=_SALT, compress=True)
    return reverse("uploads:media", kwargs={"token": token})


def media_grant_read(*, token: str, viewer: Any) -> MediaGrant:
    """The grant in ``token`` for ``viewer``; raise LinkInvalid or LinkExpired."""
    try:
        payload = signing.loads(token, salt=_SALT)
    except signing.BadSignature as exc:
        raise LinkInvalid() from exc
    if not isinstance(payload, dict) or payload.get("v") != str(viewer.pk):
        raise LinkInvalid()
    try:
        signing.loads(token, salt=_SALT, max_age=settings.UPLOAD_SIGNED_URL_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise LinkExpired() from exc
    return MediaGrant(
        file_name=str(payload["n"]),
        content_type=str(payload["t"]),
        viewer_id=str(payload["v"]),
        download_name=str(payload.get("d", "media")),
    )
