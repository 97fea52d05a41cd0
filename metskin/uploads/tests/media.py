"""Files for upload tests, made here (no downloads): photos, videos and bad input."""

from __future__ import annotations

import io
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path

import cv2
import numpy as np
import skimage.data
from PIL import Image

GPS_LATITUDE = (48, 51, 30)  # Paris, 48°51'30" N


def astronaut(size: tuple[int, int] | None = None) -> Image.Image:
    """scikit-image's astronaut portrait (public domain, NASA), shipped with the package."""
    image = Image.fromarray(skimage.data.astronaut())
    return image.resize(size, Image.Resampling.LANCZOS) if size else image


def exif_with_gps(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Phone 15"  # Model
    exif[0x0132] = "2026:11:25 09:30:00"  # DateTime
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = GPS_LATITUDE
    gps[3] = "E"
    gps[4] = (2, 17, 40)
    return exif


def jpeg(
    image: Image.Image | None = None,
    *,
    quality: int = 90,
    exif: Image.Exif | None = None,
    comment: bytes | None = None,
) -> bytes:
    image = image if image is not None else astronaut()
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": quality}
    if exif is not None:
        options["exif"] = exif.tobytes()
    if comment is not None:
        options["comment"] = comment
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def png(image: Image.Image | None = None) -> bytes:
    buffer = io.BytesIO()
    (image if image is not None else astronaut()).save(buffer, "PNG")
    return buffer.getvalue()


def webp(image: Image.Image | None = None) -> bytes:
    buffer = io.BytesIO()
    (image if image is not None else astronaut()).save(buffer, "WEBP", quality=90)
    return buffer.getvalue()


def heic(image: Image.Image | None = None, *, exif: Image.Exif | None = None) -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    options: dict[str, object] = {"quality": 90}
    if exif is not None:
        options["exif"] = exif.tobytes()
    (image if image is not None else astronaut()).save(buffer, "HEIF", **options)
    return buffer.getvalue()


def svg_with_script() -> bytes:
    return (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
        b"<script>alert(document.cookie)</script></svg>"
    )


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a photo")
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_bomb(width: int = 10_000, height: int = 10_000) -> bytes:
    """A tiny PNG whose header promises width × height pixels of grey."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width + 1) * 16, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_zip_polyglot() -> bytes:
    """A valid JPEG that is also a valid ZIP (an archive appended after the image)."""
    return jpeg(astronaut((256, 256))) + zip_archive()


def jpeg_script_polyglot() -> bytes:
    """A valid JPEG carrying a web page in its comment segment."""
    return jpeg(astronaut((256, 256)), comment=b"<html><script>alert(1)</script></html>")


def png_html_polyglot() -> bytes:
    """A valid PNG with a web page after its end."""
    return png(astronaut((256, 256))) + b"<!DOCTYPE html><body onload=alert(1)></body>"


def video(
    seconds: float,
    *,
    fps: float = 10.0,
    size: tuple[int, int] = (320, 240),
    face: bool = True,
    fourcc: str = "mp4v",
    suffix: str = ".mp4",
) -> bytes:
    """A video of ``seconds`` (MP4 unless ``fourcc``/``suffix`` say otherwise): the astronaut
    drifting slowly, or a plain gradient (no face)."""
    width, height = size
    portrait = cv2.cvtColor(
        np.asarray(astronaut((int(width * 1.1), int(height * 1.1)))), cv2.COLOR_RGB2BGR
    )
    gradient = np.tile(np.linspace(40, 200, width, dtype=np.uint8), (height, 1))
    plain = cv2.merge([gradient, np.full_like(gradient, 90), 255 - gradient])
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / f"clip{suffix}")
        writer = cv2.VideoWriter(path, cv2.VideoWriter.fourcc(*fourcc), fps, size)
        assert writer.isOpened()
        for index in range(max(1, round(seconds * fps))):
            if face:
                shift = index % 10
                frame = portrait[shift : shift + height, shift : shift + width]
            else:
                frame = np.roll(plain, index * 3, axis=1)
            writer.write(np.ascontiguousarray(frame))
        writer.release()
        return Path(path).read_bytes()


def mov(seconds: float = 2.0, **options: object) -> bytes:
    """A real QuickTime file (``ftyp qt``, MPEG-4 part 2 video), as OpenCV's FFmpeg writes it."""
    return video(seconds, fourcc="mp4v", suffix=".mov", **options)  # type: ignore[arg-type]


def webm(seconds: float = 2.0, **options: object) -> bytes:
    """A real WebM file (Matroska ``webm`` doctype, VP8 video), as phones' browsers record."""
    return video(seconds, fourcc="VP80", suffix=".webm", **options)  # type: ignore[arg-type]


def with_location_box(mp4: bytes) -> bytes:
    """An MP4 with a top-level user-data box holding a GPS location, as phones write it."""
    location = b"\xa9xyz" + struct.pack(">HH", 18, 0) + b"+48.8583+002.2945/"
    udta_payload = struct.pack(">I", 8 + len(location)) + location
    return mp4 + struct.pack(">I", 8 + len(udta_payload)) + b"udta" + udta_payload


# --- the hostile corpus, videos and modern images (issue 11 §2) ---------------------------


def webm_without_duration(seconds: float = 2.0) -> bytes:
    """A WebM as a browser's MediaRecorder writes it: no Duration in the segment info.

    The Duration element (ID 0x4489, an 8-byte float) becomes a Void element of the same
    length, so every other offset in the file stays right.
    """
    return _without_duration(webm(seconds))


def _without_duration(webm_data: bytes) -> bytes:
    data = bytearray(webm_data)
    at = data.find(b"\x44\x89\x88")
    assert at > 0, "no 8-byte Duration element in the WebM"
    data[at : at + 11] = b"\xec\x89" + bytes(9)
    return bytes(data)


def webm_endless_without_duration() -> bytes:
    """A duration-less WebM far over the 60-second limit (the length is found by counting)."""
    return _without_duration(webm(75.0, fps=2, size=(160, 120), face=False))


def webm_huge(width: int = 8200, height: int = 64) -> bytes:
    """A real, playable WebM wider than the 8,192 px we accept (VP8 goes up to 16,383)."""
    return video(1.0, fps=2, size=(width, height), face=False, fourcc="VP80", suffix=".webm")


def mp4_html_polyglot() -> bytes:
    """A playable MP4 with a web page after its last box."""
    return video(2) + b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def webm_truncated() -> bytes:
    """The first bytes of a WebM: its header, no frame."""
    return webm(2)[:1500]


def webp_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A small WebP whose extended header (VP8X) claims a canvas of ``width`` × ``height``."""
    buffer = io.BytesIO()
    Image.new("RGBA", (64, 64), (200, 150, 120, 255)).save(buffer, "WEBP", lossless=True)
    data = bytearray(buffer.getvalue())
    if data[12:16] != b"VP8X":  # Pillow wrote the simple format: add the extended header
        vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x10\x00\x00\x00" + bytes(6)
        data = bytearray(data[:12] + vp8x + data[12:])
        data[4:8] = struct.pack("<I", len(data) - 8)
    data[24:27] = (width - 1).to_bytes(3, "little")
    data[27:30] = (height - 1).to_bytes(3, "little")
    return bytes(data)


def heic_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A small HEIC whose image extents (the ``ispe`` box) claim ``width`` × ``height``."""
    data = bytearray(heic(astronaut((64, 64))))
    at = data.find(b"ispe")
    assert at > 0, "no ispe box in the HEIC"
    # size(4) 'ispe'(4) version+flags(4) width(4) height(4)
    data[at + 8 : at + 16] = struct.pack(">II", width, height)
    return bytes(data)
