"""Recognise a media type from its first bytes (never from the file name)."""

from __future__ import annotations

IMAGE_TYPES = frozenset({"jpeg", "png", "webp", "heic"})
VIDEO_TYPES = frozenset({"mp4", "mov", "webm"})

# ISO-BMFF brands (the ``ftyp`` box). HEIF stills and image sequences from phones.
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})
_MOV_BRANDS = frozenset({b"qt  "})
_MP4_BRANDS = frozenset(
    {
        b"isom", b"iso2", b"iso3", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1",
        b"M4V ", b"M4VH", b"M4VP", b"dash", b"mmp4", b"MSNV", b"3gp4", b"3gp5", b"3gp6",
        b"3g2a", b"f4v ", b"XAVC", b"NDAS",
    }
)  # fmt: skip
# Old QuickTime files may start without ``ftyp``, directly with one of these atoms.
_MOV_LEADING_ATOMS = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})


def _ftyp_brands(data: bytes) -> list[bytes] | None:
    """Return the major and compatible brands of a leading ``ftyp`` box, or None."""
    if len(data) < 12 or data[4:8] != b"ftyp":
        return None
    size = int.from_bytes(data[0:4], "big")
    end = min(len(data), size if size >= 16 else 16)
    brands = [data[8:12]]
    # compatible brands follow the 4-byte minor version
    brands.extend(data[i : i + 4] for i in range(16, end - 3, 4))
    return brands


def _ebml_doctype(data: bytes) -> bytes | None:
    """Return the DocType of an EBML header (``webm``/``matroska``) found in the first bytes."""
    if not data.startswith(b"\x1a\x45\xdf\xa3"):
        return None
    head = data[:64]
    idx = head.find(b"\x42\x82")  # DocType element id
    if idx < 0 or idx + 3 > len(head):
        return None
    size_byte = head[idx + 2]
    if size_byte & 0x80 == 0:  # only 1-byte sizes are used for DocType in practice
        return None
    length = size_byte & 0x7F
    return head[idx + 3 : idx + 3 + length]


def sniff_media_type(data: bytes) -> str | None:
    """Return ``"jpeg"``, ``"png"``, ``"webp"``, ``"heic"``, ``"mp4"``, ``"mov"``, ``"webm"``
    or None, judged from magic bytes only.

    The upload allow-list calls this; anything else (text, zip, SVG, GIF, AVIF, ...) is None.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        return None
    head = bytes(data[:64])
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(head) >= 12 and head[0:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    brands = _ftyp_brands(head)
    if brands is not None:
        major = brands[0]
        # The major brand decides first: an iPhone .mov lists ``qt  `` as major brand.
        if major in _HEIC_BRANDS:
            return "heic"
        if major in _MOV_BRANDS:
            return "mov"
        if major in _MP4_BRANDS:
            return "mp4"
        if any(b in _HEIC_BRANDS for b in brands[1:]) and b"avif" not in brands:
            return "heic"
        if any(b in _MOV_BRANDS for b in brands[1:]):
            return "mov"
        if any(b in _MP4_BRANDS for b in brands[1:]):
            return "mp4"
        return None
    if len(head) >= 16 and head[4:8] in _MOV_LEADING_ATOMS:
        # A classic QuickTime file: accept only when the first atom size is plausible.
        size = int.from_bytes(head[0:4], "big")
        if size >= 8 and (head[4:8] != b"mdat" or size > 16):
            return "mov"
        return None
    if _ebml_doctype(head) == b"webm":
        return "webm"
    return None
