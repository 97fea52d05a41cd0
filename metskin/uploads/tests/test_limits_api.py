"""GET /api/v1/uploads/limits/: the upload page shows the server's own limits."""

from __future__ import annotations

from typing import Any

import pytest
from rest_framework.test import APIClient

from metskin.accounts.models import User
from metskin.uploads.models import Upload
from metskin.uploads.tests.factories import UploadFactory

URL = "/api/v1/uploads/limits/"


@pytest.mark.django_db
def test_the_limits_are_the_settings_the_checks_use(
    patient_client: APIClient, settings: Any
) -> None:
    settings.UPLOAD_PHOTO_MAX_BYTES = 7 * 1024 * 1024
    settings.UPLOAD_VIDEO_MAX_BYTES = 55 * 1024 * 1024
    settings.UPLOAD_VIDEO_MAX_SECONDS = 30.0
    settings.UPLOAD_QUOTA_FILES = 12

    body = patient_client.get(URL).json()

    assert body["photo_max_bytes"] == 7 * 1024 * 1024
    assert body["video_max_bytes"] == 55 * 1024 * 1024
    assert body["video_max_seconds"] == 30.0
    assert body["quota_files"] == 12
    assert body["photo_formats"] == ["JPEG", "PNG", "WebP", "HEIC"]
    assert body["video_formats"] == ["MP4", "MOV", "WebM"]


@pytest.mark.django_db
def test_usage_counts_only_the_callers_own_files(patient: User, patient_client: APIClient) -> None:
    mine: Upload = UploadFactory.create(owner=patient)
    UploadFactory()  # someone else's

    body = patient_client.get(URL).json()

    assert body["used_files"] == 1
    assert body["used_bytes"] == mine.size_bytes


@pytest.mark.django_db
def test_visitors_are_asked_to_sign_in(api_client: APIClient) -> None:
    assert api_client.get(URL).status_code == 401
