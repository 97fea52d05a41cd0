"""Photos: decode to check them, then re-encode without any metadata.

The stored photo is a new JPEG made from the decoded pixels only: no EXIF (GPS, camera,
time), no XMP, no comments, no ICC profile, nothing appended. What the analysis needs is
applied before the metadata is dropped: the EXIF orientation (so the pixels stand upright)
and the colour profile (pixels are converted to sRGB, so a Display P3 iPhone photo keeps
its colours).
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from PIL import Image, ImageCms, ImageOps

from metskin.uploads import errors

# Pillow's format names for what skinlab sniffs; Pillow may open only the sniffed format,
# so a file cannot be one thing to the allow-list and another to the decoder.
_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "heic": "HEIF"}
JPEG_QUALITY = 95
THUMBNAIL_LONG_SIDE = 480
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class CleanPhoto:
    """A re-encoded photo and its thumbnail, both JPEG without metadata."""

    data: bytes
    width: int
    height: int
    thumbnail: bytes


def register_heif() -> None:
    import pillow_heif

    pillow_heif.register_heif_opener()


def _open(data: bytes, source_format: str) -> Image.Image:
    if source_format == "heic":
        register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[source_format]])
    except Image.DecompressionBombError as exc:
        raise errors.too_many_pixels(None, settings.UPLOAD_PHOTO_MAX_PIXELS) from exc
    except Exception as exc:  # Pillow raises many kinds on bad data; all mean "cannot open"
        raise errors.corrupt_media("photo") from exc


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """RGB pixels in sRGB: colour-managed when the photo carries a profile."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        image = Image.alpha_composite(background, rgba)
    if image.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = 65535.0 if values.max(initial=0) > 255 else 255.0
        image = Image.fromarray(np.clip(values / top * 255.0, 0, 255).astype(np.uint8))
    if icc_profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            converted = ImageCms.profileToProfile(image, source, _SRGB, outputMode="RGB")
            if converted is not None:
                return converted
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable profile: fall back to treating the pixels as sRGB
    return image.convert("RGB")


def _jpeg(image: Image.Image, *, quality: int) -> bytes:
    # A fresh image holds the pixels only: no info dict (EXIF, XMP, ICC, comments) to carry.
    bare = Image.frombytes("RGB", image.size, image.tobytes())
    buffer = io.BytesIO()
    bare.save(buffer, "JPEG", quality=quality, subsampling=0 if quality >= 90 else 2)
    return buffer.getvalue()


def photo_clean(data: bytes, source_format: str) -> CleanPhoto:
    """Decode, orient, convert to sRGB and re-encode; raise an upload error when unusable."""
    image = _open(data, source_format)
    width, height = image.size
    max_pixels = settings.UPLOAD_PHOTO_MAX_PIXELS
    if width <= 0 or height <= 0:
        raise errors.corrupt_media("photo")
    if width * height > max_pixels:
        raise errors.too_many_pixels((width, height), max_pixels)
    long_side = settings.UPLOAD_PHOTO_STORED_LONG_SIDE
    if source_format == "jpeg" and max(width, height) >= 2 * long_side:
        # Let the JPEG decoder scale down by a power of two (much less work and memory).
        scale = long_side / max(width, height)
        image.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
    icc_profile = image.info.get("icc_profile")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            image.load()
            oriented = ImageOps.exif_transpose(image) or image
            rgb = _to_srgb(oriented, icc_profile)
    except Exception as exc:  # truncated data, broken streams, unsupported modes
        raise errors.corrupt_media("photo") from exc
    if max(rgb.size) > long_side:
        rgb.thumbnail((long_side, long_side), Image.Resampling.LANCZOS)
    thumbnail = rgb.copy()
    thumbnail.thumbnail((THUMBNAIL_LONG_SIDE, THUMBNAIL_LONG_SIDE), Image.Resampling.LANCZOS)
    return CleanPhoto(
        data=_jpeg(rgb, quality=JPEG_QUALITY),
        width=rgb.width,
        height=rgb.height,
        thumbnail=_jpeg(thumbnail, quality=82),
    )
