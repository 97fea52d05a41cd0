"""Step 1 — load a photo: sniff, refuse bombs from the header, decode reduced, orient.

JPEGs are decoded with Pillow's ``draft()`` (DCT scaling) so a 12 MP photo decodes at 1/2 to
1/8 of its size: decoding the full 12 MP only to throw most pixels away would cost most of the
time budget. The working image is at most ``long_side`` pixels on its longest side; every
coordinate skinlab reports is mapped back to the original (EXIF-oriented) pixel grid with
``LoadedImage.scale``.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from skinlab._types import U8Array
from skinlab.errors import (
    CorruptMedia,
    EmptyInput,
    ImageTooLarge,
    SkinlabError,
    UnsupportedMedia,
)
from skinlab.sniff import IMAGE_TYPES, sniff_media_type

Source = bytes | bytearray | memoryview | str | os.PathLike[str]

_heif_registered = False


def _register_heif() -> None:
    """Register pillow-heif's opener once per process (it is a global Pillow plug-in)."""
    global _heif_registered
    if not _heif_registered:
        import pillow_heif

        pillow_heif.register_heif_opener()
        _heif_registered = True


@dataclass
class LoadedImage:
    """A decoded, EXIF-oriented RGB image at working resolution."""

    #: uint8 array HxWx3, RGB, working resolution.
    rgb: U8Array
    #: Size of the full image after EXIF orientation, in pixels.
    orig_width: int
    orig_height: int
    #: Multiply a working-image coordinate by this to get an original-image coordinate.
    scale: float
    #: Sniffed format: jpeg, png, webp or heic.
    media_type: str
    #: EXIF orientation tag that was applied (1 = none).
    orientation: int


def read_source(source: Source, *, max_bytes: int) -> bytes:
    """Return the bytes of ``source`` (bytes or a path), refusing empty or oversized files."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            size = path.stat().st_size
            if not path.is_file():
                raise UnsupportedMedia(f"Not a file: {path.name}. Choose a photo or video file.")
            if size > max_bytes:
                raise ImageTooLarge(
                    f"The file is too large ({size // 1_000_000} MB): "
                    "upload a smaller photo or a shorter video."
                )
            data = path.read_bytes()
        except SkinlabError:
            raise
        except FileNotFoundError as exc:
            raise EmptyInput(f"File not found: {path.name}. Check the path and try again.") from exc
        except OSError as exc:
            raise CorruptMedia(f"The file could not be read ({exc.strerror}).") from exc
    else:
        raise UnsupportedMedia("Expected bytes or a file path.")
    if not data:
        raise EmptyInput()
    if len(data) > max_bytes:
        raise ImageTooLarge(
            f"The file is too large ({len(data) // 1_000_000} MB): upload a smaller one."
        )
    return data


# Pillow transpose operations for EXIF orientation values 2..8.
_ORIENT_OPS: dict[int, list[Image.Transpose]] = {
    2: [Image.Transpose.FLIP_LEFT_RIGHT],
    3: [Image.Transpose.ROTATE_180],
    4: [Image.Transpose.FLIP_TOP_BOTTOM],
    5: [Image.Transpose.TRANSPOSE],
    6: [Image.Transpose.ROTATE_270],
    7: [Image.Transpose.TRANSVERSE],
    8: [Image.Transpose.ROTATE_90],
}


def _orientation(im: Image.Image) -> int:
    try:
        value = im.getexif().get(0x0112, 1)
        value = int(value)
    except Exception:  # a broken EXIF block must not stop the analysis
        return 1
    return value if 1 <= value <= 8 else 1


def open_header(data: bytes, *, max_pixels: int) -> tuple[Image.Image, str]:
    """Open ``data`` lazily (header only) and refuse non-images and bombs before decoding."""
    kind = sniff_media_type(data)
    if kind is None:
        raise UnsupportedMedia()
    if kind not in IMAGE_TYPES:
        raise UnsupportedMedia("This is a video: use analyze_video or analyze for videos.")
    if kind == "heic":
        _register_heif()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            im = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise ImageTooLarge() from exc
    except Exception as exc:
        raise CorruptMedia() from exc
    width, height = im.size
    if width <= 0 or height <= 0:
        raise CorruptMedia()
    if width * height > max_pixels:
        raise ImageTooLarge(
            f"The image is too large to analyse ({width}x{height} pixels, "
            f"{width * height / 1e6:.0f} MP): resize it below {max_pixels / 1e6:.0f} megapixels "
            "and try again."
        )
    return im, kind


def load_image(data: bytes, *, max_pixels: int, long_side: int) -> LoadedImage:
    """Decode an image at working resolution (≤ ``long_side``) with EXIF orientation applied.

    Raises :class:`UnsupportedMedia`, :class:`ImageTooLarge` (checked from the header, before
    any pixel is decoded) or :class:`CorruptMedia`.
    """
    im, kind = open_header(data, max_pixels=max_pixels)
    full_w, full_h = im.size
    orientation = _orientation(im)
    try:
        if kind == "jpeg":
            # Ask for ≥ 70 % of the target so DCT scaling may pick the next smaller factor;
            # a slightly smaller working image is far cheaper than decoding twice the pixels.
            factor = max(full_w, full_h) / max(1, long_side)
            if factor > 1:
                req = (max(1, int(full_w / factor * 0.7)), max(1, int(full_h / factor * 0.7)))
                im.draft("RGB", req)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            im.load()
        rgb_im = _to_rgb(im)
        for op in _ORIENT_OPS.get(orientation, []):
            rgb_im = rgb_im.transpose(op)
        arr = np.asarray(rgb_im, dtype=np.uint8)
    except SkinlabError:
        raise
    except MemoryError as exc:
        raise ImageTooLarge() from exc
    except Exception as exc:  # truncated or otherwise undecodable data
        raise CorruptMedia() from exc
    if arr.ndim != 3 or arr.shape[2] != 3 or arr.size == 0:
        raise CorruptMedia()
    orig_w, orig_h = (full_h, full_w) if orientation in (5, 6, 7, 8) else (full_w, full_h)
    h, w = arr.shape[:2]
    if max(h, w) > long_side:
        k = long_side / max(h, w)
        new_size = (max(1, round(w * k)), max(1, round(h * k)))
        arr = np.asarray(cv2.resize(arr, new_size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
        h, w = arr.shape[:2]
    arr = np.ascontiguousarray(arr)
    return LoadedImage(
        rgb=arr,
        orig_width=orig_w,
        orig_height=orig_h,
        scale=orig_w / w,
        media_type=kind,
        orientation=orientation,
    )


def _to_rgb(im: Image.Image) -> Image.Image:
    """Convert any Pillow mode to 8-bit RGB; transparent pixels are composited on white."""
    if im.mode == "RGB":
        return im
    if im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info):
        rgba = im.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        arr = np.asarray(im, dtype=np.float64)
        top = 65535.0 if arr.max() > 255 else 255.0
        gray = np.clip(arr / top * 255.0, 0, 255).astype(np.uint8)
        return Image.fromarray(gray).convert("RGB")
    return im.convert("RGB")
