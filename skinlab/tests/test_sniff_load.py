# mypy: disable-error-code="no-untyped-def"
# (pytest tests and fixtures: arguments are fixtures, results are asserted, not returned)
import io
import zipfile

import numpy as np
import pytest
from PIL import Image

import skinlab
from skinlab.errors import CorruptMedia, EmptyInput, ImageTooLarge, UnsupportedMedia
from skinlab.load import load_image
from skinlab.sniff import sniff_media_type
from skinlab.tests.conftest import jpeg_bytes


def test_sniff_magic_bytes():
    assert sniff_media_type(b"\xff\xd8\xff\xe0rest") == "jpeg"
    assert sniff_media_type(b"\x89PNG\r\n\x1a\n....") == "png"
    assert sniff_media_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "webp"
    assert sniff_media_type(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic") == "heic"
    assert sniff_media_type(b"\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00qt  ") == "mov"
    assert sniff_media_type(b"\x00\x00\x00\x1cftypisom\x00\x00\x02\x00isomiso2mp41") == "mp4"
    webm = (
        b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01"
        b"\x42\xf2\x81\x04\x42\xf3\x81\x08\x42\x82\x84webm"
    )
    assert sniff_media_type(webm) == "webm"
    assert sniff_media_type(b"hello world") is None
    assert sniff_media_type(b"<svg xmlns='http://www.w3.org/2000/svg'/>") is None
    assert sniff_media_type(b"GIF89a") is None
    assert sniff_media_type(b"") is None


def _oriented_jpeg(orientation: int) -> bytes:
    arr = np.zeros((40, 80, 3), np.uint8)
    arr[:, :40] = (255, 0, 0)  # left half red
    im = Image.fromarray(arr)
    exif = im.getexif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    im.save(buf, format="JPEG", quality=95, exif=exif.tobytes())
    return buf.getvalue()


def test_exif_orientation_is_applied():
    img = load_image(_oriented_jpeg(6), max_pixels=10**7, long_side=1024)
    # orientation 6 = rotate 90° clockwise to display: 80x40 becomes 40x80, red on top
    assert img.rgb.shape[:2] == (80, 40)
    assert (img.orig_width, img.orig_height) == (40, 80)
    assert img.orientation == 6
    assert img.rgb[10, 20, 0] > 200 and img.rgb[70, 20, 0] < 60


def test_heic_round_trip():
    import pillow_heif

    pillow_heif.register_heif_opener()
    arr = np.full((64, 96, 3), (200, 150, 120), np.uint8)
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="HEIF", quality=90)
    data = buf.getvalue()
    assert sniff_media_type(data) == "heic"
    img = load_image(data, max_pixels=10**7, long_side=1024)
    assert img.media_type == "heic"
    assert img.rgb.shape == (64, 96, 3)
    assert np.abs(img.rgb.astype(int).mean(axis=(0, 1)) - (200, 150, 120)).max() < 8


def _webp(arr: np.ndarray, **kw: object) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="WEBP", **kw)
    return buf.getvalue()


def test_webp_decodes_to_the_pixels_it_holds():
    # given a real WebP made by Pillow: red left half, blue right half, lossless
    arr = np.zeros((40, 80, 3), np.uint8)
    arr[:, :40] = (255, 0, 0)
    arr[:, 40:] = (0, 0, 255)
    data = _webp(arr, lossless=True)
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    assert sniff_media_type(data) == "webp"
    img = load_image(data, max_pixels=10**7, long_side=1024)
    assert img.media_type == "webp" and img.rgb.shape == (40, 80, 3)
    assert (img.rgb[:, :40] == (255, 0, 0)).all() and (img.rgb[:, 40:] == (0, 0, 255)).all()
    # a WebP with transparency comes out as RGB
    rgba = np.dstack([arr, np.full((40, 80), 128, np.uint8)])
    img = load_image(_webp(rgba, lossless=True), max_pixels=10**7, long_side=1024)
    assert img.rgb.shape == (40, 80, 3)


def test_a_lossy_webp_photo_is_analysed():
    from skimage import data as skdata

    r = skinlab.analyze_image(
        _webp(skdata.astronaut(), quality=90),
        options=skinlab.AnalysisOptions(tone_only=True, overlay=False),
    )
    assert r.source_format == "webp" and r.face.detected
    assert r.tone is not None and r.tone.monk in (1, 2, 3)


def test_bomb_refused_from_header_without_decoding():
    # A PNG header declaring 30000x30000 pixels; the pixel data is absent, so any attempt to
    # decode would fail with CorruptMedia — ImageTooLarge proves the header check came first.
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 30000, 30000, 8, 2, 0, 0, 0)

    def chunk_bytes(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    png = (
        b"\x89PNG\r\n\x1a\n"
        + chunk_bytes(b"IHDR", ihdr)
        + chunk_bytes(b"IDAT", b"")
        + chunk_bytes(b"IEND", b"")
    )
    with pytest.raises(ImageTooLarge):
        skinlab.analyze_image(png)


def test_jpeg_draft_decodes_reduced():
    arr = np.random.default_rng(0).integers(0, 255, (3000, 4000, 3), dtype=np.uint8)
    img = load_image(jpeg_bytes(arr), max_pixels=5 * 10**7, long_side=1024)
    assert max(img.rgb.shape[:2]) <= 1024
    assert (img.orig_width, img.orig_height) == (4000, 3000)
    assert img.scale == pytest.approx(4000 / img.rgb.shape[1])


def test_truncated_jpeg_is_corrupt(astronaut_jpeg):
    with pytest.raises(CorruptMedia):
        skinlab.analyze_image(astronaut_jpeg[: len(astronaut_jpeg) // 2])


def test_png_named_jpg_decodes(tmp_path, astronaut_png):
    p = tmp_path / "photo.jpg"
    p.write_bytes(astronaut_png)
    r = skinlab.analyze_image(p, options=skinlab.AnalysisOptions(tone_only=True, overlay=False))
    assert r.source_format == "png"


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (b"", EmptyInput),
        (b"just some text\n", UnsupportedMedia),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><rect/></svg>", UnsupportedMedia),
    ],
)
def test_bad_inputs(payload, error):
    with pytest.raises(error):
        skinlab.analyze(payload)


def test_zip_is_unsupported():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hi")
    with pytest.raises(UnsupportedMedia):
        skinlab.analyze(buf.getvalue())


def test_missing_path_is_typed(tmp_path):
    with pytest.raises(skinlab.SkinlabError):
        skinlab.analyze(tmp_path / "nope.jpg")


def test_heic_orientation_is_applied_once():
    import pillow_heif

    pillow_heif.register_heif_opener()
    arr = np.zeros((40, 80, 3), np.uint8)
    arr[:, :40] = (255, 0, 0)
    im = Image.fromarray(arr)
    exif = im.getexif()
    exif[0x0112] = 6
    buf = io.BytesIO()
    im.save(buf, format="HEIF", exif=exif.tobytes(), quality=95)
    img = load_image(buf.getvalue(), max_pixels=10**7, long_side=1024)
    # pillow-heif turns the tag into a HEIF rotation and applies it; we must not rotate again
    assert img.rgb.shape[:2] == (80, 40)
    assert (img.orig_width, img.orig_height) == (40, 80)
    assert img.rgb[10, 20, 0] > 200 and img.rgb[70, 20, 0] < 60
