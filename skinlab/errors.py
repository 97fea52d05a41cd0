"""Typed errors raised by skinlab's public functions.

Every error carries a stable machine ``code`` (the web app and the command line key on it)
and a ``message`` that a person can read and act on. No other exception type escapes the
public API: unexpected failures are wrapped in :class:`InternalError`.
"""

from __future__ import annotations


class SkinlabError(Exception):
    """Base class of every error skinlab raises on purpose."""

    code: str = "skinlab_error"
    default_message: str = "The analysis could not be completed."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)

    def to_dict(self) -> dict[str, str]:
        """Return ``{"code", "message"}`` for JSON responses."""
        return {"code": self.code, "message": self.message}


class EmptyInput(SkinlabError):
    """The upload or file has no bytes."""

    code = "empty_input"
    default_message = "The file is empty: choose a photo or a short video and try again."


class UnsupportedMedia(SkinlabError):
    """Not a photo or video format skinlab accepts (text, zip, SVG, GIF, ...)."""

    code = "unsupported_media"
    default_message = (
        "This is not a photo or video we can read: upload a JPEG, PNG, WebP or HEIC photo, "
        "or an MP4, MOV or WebM video."
    )


class CorruptMedia(SkinlabError):
    """The content looks like a supported format but cannot be decoded (e.g. truncated)."""

    code = "corrupt_media"
    default_message = (
        "The file is damaged or incomplete and could not be opened: take or export it again."
    )


class ImageTooLarge(SkinlabError):
    """The image header declares more pixels than allowed (decompression bomb guard)."""

    code = "image_too_large"
    default_message = (
        "The image is too large to analyse: resize it below 50 megapixels and try again."
    )


class VideoTooLong(SkinlabError):
    """The video is longer than the configured limit."""

    code = "video_too_long"
    default_message = "The video is too long: record 60 seconds or less and try again."


class NoSkinFound(SkinlabError):
    """No skin area large enough to measure was found."""

    code = "no_skin_found"
    default_message = (
        "No skin was found in the photo: fill the frame with your face or the skin area, "
        "in good light, and try again."
    )


class ConfigurationError(SkinlabError):
    """An option points at something unusable (e.g. a missing face-detector model file)."""

    code = "configuration_error"
    default_message = "The analysis engine is misconfigured."


class InternalError(SkinlabError):
    """An unexpected failure inside the engine, wrapped so callers see one error type."""

    code = "internal_error"
    default_message = "Something went wrong while analysing this file: please try again later."


class BadAnswers(SkinlabError):
    """The answers about a spot are not of the documented shape (the message names the field)."""

    code = "bad_answers"
    default_message = "The answers about the spot are not valid."

    def __init__(self, message: str | None = None, *, field: str | None = None) -> None:
        super().__init__(message)
        #: The answer key at fault (None when the whole object is wrong).
        self.field = field
