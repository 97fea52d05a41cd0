"""The reasons an upload is refused: each says what went wrong and what to do."""

from __future__ import annotations

from rest_framework import status

from metskin.core.exceptions import ApplicationError

ACCEPTED = "a JPEG, PNG, WebP or HEIC photo, or an MP4, MOV or WebM video"


def _mb(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{size / 1024:.0f} KB"


def empty_file() -> ApplicationError:
    return ApplicationError(
        f"The file is empty. Choose {ACCEPTED} and try again.", code="empty_file"
    )


def unsupported_media() -> ApplicationError:
    return ApplicationError(
        f"This is not a photo or video we accept. Upload {ACCEPTED}.",
        code="unsupported_media",
        status_code=status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
    )


def file_too_large(kind: str, limit: int) -> ApplicationError:
    advice = (
        "Send a smaller photo (your phone's normal camera setting is fine)."
        if kind == "photo"
        else "Record a shorter video or a lower resolution."
    )
    return ApplicationError(
        f"This {kind} is larger than {_mb(limit)}. {advice}",
        code="file_too_large",
        status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    )


def too_many_pixels(size: tuple[int, int] | None, limit: int) -> ApplicationError:
    measured = f" is {size[0]}×{size[1]} pixels," if size else ""
    return ApplicationError(
        f"This image{measured} has more than the {limit / 1e6:.0f} megapixels we accept. "
        "Resize it, or send the photo as your phone's camera took it.",
        code="image_too_large",
        status_code=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
    )


def corrupt_media(kind: str) -> ApplicationError:
    return ApplicationError(
        f"This {kind} is damaged or incomplete and cannot be opened. "
        f"Take or export the {kind} again and upload the new file.",
        code="corrupt_media",
    )


def suspicious_content(kind: str) -> ApplicationError:
    return ApplicationError(
        f"This file is a {kind} with other content hidden inside it (a web page, a script, "
        f"an archive or a document), so we do not accept it. Upload the {kind} as your "
        "camera saved it.",
        code="suspicious_content",
    )


def video_too_long(duration_s: float, limit_s: float) -> ApplicationError:
    return ApplicationError(
        f"This video lasts {duration_s:.0f} seconds; we accept up to {limit_s:.0f}. "
        "Record a shorter video: 10 to 20 seconds turning your face slowly is enough.",
        code="video_too_long",
    )


def quota_exceeded(files: int, size: int) -> ApplicationError:
    return ApplicationError(
        f"You have reached your storage limit ({files} photos and videos, {_mb(size)}). "
        "Delete old analyses in your history to make room.",
        code="quota_exceeded",
        status_code=status.HTTP_403_FORBIDDEN,
    )
