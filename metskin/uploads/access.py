"""Who may still read a stored file, asked again each time a signed link is used.

A link (``signing.py``) is minted only after an access check, but that check can stop being
true while the link is young: a share ends with its appointment, an analysis is deleted.
So the media view asks again when the link is read. ``uploads`` cannot import the apps
above it (docs/architecture.md), so each app that mints links for its files registers a
check here in its ``AppConfig.ready``; a file no check allows is not served.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q

from metskin.uploads.models import Upload

MediaCheck = Callable[[Any, str], bool]

_checks: list[MediaCheck] = []


def media_access_register(check: MediaCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def media_viewable(*, viewer: Any, file_name: str) -> bool:
    """Whether ``viewer`` may read ``file_name`` now, by any registered check."""
    if not file_name or not getattr(viewer, "is_authenticated", False):
        return False
    return any(check(viewer, file_name) for check in _checks)


def upload_owner_may_view(viewer: Any, file_name: str) -> bool:
    """The person who uploaded a photo or video may read it and its thumbnail."""
    return (
        Upload.objects.filter(owner=viewer)
        .filter(Q(file_name=file_name) | Q(thumbnail_name=file_name))
        .exists()
    )
