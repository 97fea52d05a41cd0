"""Reads for uploaded media."""

from __future__ import annotations

from django.db.models import Count, Sum

from metskin.accounts.models import User
from metskin.uploads.models import Upload


def upload_usage(*, owner: User) -> tuple[int, int]:
    """How many files ``owner`` keeps and how many bytes they take."""
    usage = Upload.objects.filter(owner=owner).aggregate(files=Count("id"), size=Sum("size_bytes"))
    return int(usage["files"] or 0), int(usage["size"] or 0)
