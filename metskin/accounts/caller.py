"""The signed-in person behind an API request."""

from __future__ import annotations

from rest_framework.request import Request

from metskin.accounts.models import User


def request_user(request: Request) -> User:
    """``request.user`` as a :class:`User`, for views whose permissions already refused
    anonymous visitors (the assertion documents that, and narrows the type)."""
    assert isinstance(request.user, User)
    return request.user
