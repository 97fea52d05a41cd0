"""Education videos: where their files live, upload limits, the transcoding time limit.

The videos are public education content, not medical data: they are kept apart from the
encrypted skin photos (``STORAGES["uploads"]``) in a storage of their own and served to
anyone at ``/learn/media/`` with byte ranges, so a player can seek (docs/adr/0020).
"""

from pathlib import Path
from typing import Any

from config.env import VAR_DIR, env

EDUCATION_MEDIA_ROOT = Path(env.str("EDUCATION_MEDIA_ROOT", default=str(VAR_DIR / "education")))
EDUCATION_MEDIA_URL = "/learn/media/"
EDUCATION_STORAGE: dict[str, Any] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": EDUCATION_MEDIA_ROOT, "base_url": EDUCATION_MEDIA_URL},
}
# What staff may upload in the admin, and what the worker makes of it.
EDUCATION_VIDEO_UPLOAD_MAX_BYTES = env.int(
    "EDUCATION_VIDEO_UPLOAD_MAX_BYTES", default=500 * 1024 * 1024
)
EDUCATION_VIDEO_MAX_SECONDS = env.float("EDUCATION_VIDEO_MAX_SECONDS", default=600.0)
EDUCATION_VIDEO_LONG_SIDE = env.int("EDUCATION_VIDEO_LONG_SIDE", default=1280)
# The transcoding task's soft time limit (seconds); each ffmpeg run is stopped by then too.
EDUCATION_TRANSCODE_TIME_LIMIT = env.int("EDUCATION_TRANSCODE_TIME_LIMIT", default=900)
