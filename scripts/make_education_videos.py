"""Draw MetSkin's short educational videos frame by frame and encode them for the web.

    .venv/bin/python scripts/make_education_videos.py            # all of them
    .venv/bin/python scripts/make_education_videos.py checking-your-moles

Each video is an animated diagram drawn with Pillow (no camera, no stock footage, no font
file: Pillow's own embedded font), encoded by the ffmpeg inside the imageio-ffmpeg wheel
to WebM (VP9) and MP4 (H.264). Its captions (WebVTT) come from the same cue list the
drawing follows, and the poster is one of its frames. The outputs go to
``metskin/education/content/videos/<slug>/`` and are committed; ``seed_demo`` loads them
(docs/adr/0020). The transcript in ``<slug>.md`` is the captions' text, as prose; a test
checks that every caption line appears in it. The videos are silent: the captions carry
the narration, and the pictures say the same in a few words.

Same code → same frames; the encoders run single-threaded so the files come out the same.
"""

from __future__ import annotations

import math
import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from metskin.education.recordings import encode_frames, probe  # noqa: E402

OUT = ROOT / "metskin" / "education" / "content" / "videos"
W, H, FPS = 960, 540, 24

RGB = tuple[int, int, int]
PAPER = (248, 244, 238)
INK = (31, 42, 68)
MUTED = (96, 104, 122)
TEAL = (18, 115, 110)
RED = (190, 40, 40)
CREAM = (255, 255, 255)
SKIN = (222, 178, 140)
SKIN_DARK = (196, 150, 112)
BROWN = (110, 70, 45)
SKY = (205, 228, 245)
SUN = (250, 196, 60)

_fonts: dict[int, ImageFont.FreeTypeFont] = {}


def font(size: int) -> ImageFont.FreeTypeFont:
    if size not in _fonts:
        loaded = ImageFont.load_default(size=size)
        assert isinstance(loaded, ImageFont.FreeTypeFont)
        _fonts[size] = loaded
    return _fonts[size]


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Film:
    slug: str
    cues: tuple[Cue, ...]
    draw: Callable[[ImageDraw.ImageDraw, Image.Image, float], None]
    poster_at: float

    @property
    def duration(self) -> float:
        return self.cues[-1].end


def span(t: float, start: float, end: float) -> float:
    """0 before ``start``, 1 after ``end``, eased in between."""
    x = min(1.0, max(0.0, (t - start) / (end - start)))
    return x * x * (3 - 2 * x)


def centred(d: ImageDraw.ImageDraw, xy: tuple[float, float], text: str, size: int,
            fill: tuple[int, int, int] = INK) -> None:  # fmt: skip
    d.text(xy, text, font=font(size), fill=fill, anchor="mm")


def header(d: ImageDraw.ImageDraw, section: str) -> None:
    d.rectangle((0, 0, W, 54), fill=TEAL)
    d.text((24, 27), "MetSkin · Learn", font=font(22), fill=CREAM, anchor="lm")
    d.text((W - 24, 27), section, font=font(22), fill=CREAM, anchor="rm")


def title_card(d: ImageDraw.ImageDraw, title: str, subtitle: str, t: float) -> None:
    k = span(t, 0, 1)
    centred(d, (W / 2, 230 - 20 * (1 - k)), title, 54)
    centred(d, (W / 2, 310), subtitle, 32, TEAL)


def cross(d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], k: float) -> None:
    """A red diagonal line drawn across ``box`` (k = how much of it)."""
    x0, y0, x1, y1 = box
    d.line((x0, y0, x0 + (x1 - x0) * k, y0 + (y1 - y0) * k), fill=RED, width=8)


def check(d: ImageDraw.ImageDraw, x: float, y: float, s: float, colour: RGB = TEAL) -> None:
    d.line((x - s, y, x - s / 3, y + s * 0.7, x + s, y - s * 0.8), fill=colour, width=9,
           joint="curve")  # fmt: skip


def face(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, skin: RGB = SKIN) -> None:
    d.rectangle((cx - r * 0.35, cy + r * 0.9, cx + r * 0.35, cy + r * 1.6), fill=skin)  # neck
    d.ellipse((cx - r * 1.05, cy - r * 0.25, cx - r * 0.8, cy + r * 0.25), fill=skin)  # ears
    d.ellipse((cx + r * 0.8, cy - r * 0.25, cx + r * 1.05, cy + r * 0.25), fill=skin)
    d.ellipse((cx - r * 0.85, cy - r * 1.1, cx + r * 0.85, cy + r * 1.1), fill=skin)
    d.chord((cx - r * 0.9, cy - r * 1.25, cx + r * 0.9, cy + r * 0.1), 180, 360, fill=BROWN)
    for side in (-1, 1):
        d.ellipse((cx + side * r * 0.35 - 8, cy + 5, cx + side * r * 0.35 + 8, cy + 21), fill=INK)
    d.arc((cx - r * 0.3, cy + r * 0.35, cx + r * 0.3, cy + r * 0.7), 20, 160, fill=INK, width=4)


def phone(d: ImageDraw.ImageDraw, x: float, y: float, w: float = 110, h: float = 200) -> None:
    d.rounded_rectangle((x, y, x + w, y + h), radius=18, fill=INK)
    d.rounded_rectangle((x + 8, y + 18, x + w - 8, y + h - 18), radius=8, fill=SKY)
    d.ellipse((x + w / 2 - 6, y + 4, x + w / 2 + 6, y + 14), fill=MUTED)


# ------------------------------------------------------------------ the two-finger rule

SUNSCREEN = (
    Cue(0, 4, "How much sunscreen? Use the two-finger rule."),
    Cue(4, 10, "Squeeze a line of sunscreen along two fingers, from base to tip."),
    Cue(10, 15, "That is enough for your face and neck."),
    Cue(15, 20, "Spread it evenly. Don't forget your ears, neck and hairline."),
    Cue(20, 25, "Choose SPF 30 or higher, with UVA protection."),
    Cue(25, 31, "Put it on again every two hours in the sun, and after swimming or sweating."),
)


def hand(d: ImageDraw.ImageDraw, x: float, y: float, fill: float) -> None:
    """A hand seen from the palm side, index and middle finger up, cream along both."""
    d.rounded_rectangle((x - 80, y + 150, x + 80, y + 330), radius=40, fill=SKIN)  # palm
    d.rounded_rectangle((x - 120, y + 190, x - 70, y + 290), radius=25, fill=SKIN_DARK)  # thumb
    for fx in (x - 55, x + 5):
        d.rounded_rectangle((fx, y, fx + 50, y + 190), radius=25, fill=SKIN)
        d.line((fx + 4, y + 60, fx + 46, y + 60), fill=SKIN_DARK, width=2)
        d.line((fx + 4, y + 120, fx + 46, y + 120), fill=SKIN_DARK, width=2)
        if fill > 0:
            top = y + 180 - 165 * fill  # from base to tip
            d.rounded_rectangle((fx + 12, top, fx + 38, y + 180), radius=13, fill=CREAM,
                                outline=(200, 200, 200), width=2)  # fmt: skip


def draw_sunscreen(d: ImageDraw.ImageDraw, image: Image.Image, t: float) -> None:
    header(d, "Sunscreen")
    if t < 4:
        title_card(d, "How much sunscreen?", "The two-finger rule", t)
        return
    if t < 10:
        k = span(t, 5, 9.5)
        hand(d, 300, 110, k)
        # the tube's nozzle follows the line up the fingers
        ny = 110 + 180 - 165 * k
        d.rounded_rectangle((380, ny - 30, 560, ny + 10), radius=12, fill=TEAL)
        d.polygon(((380, ny - 20), (355, ny - 12), (355, ny - 8), (380, ny)), fill=TEAL)
        centred(d, (720, 200), "Two fingers", 40)
        centred(d, (720, 250), "base to tip", 32, TEAL)
        return
    if t < 15:
        hand(d, 230, 110, 1)
        centred(d, (480, 260), "=", 80, TEAL)
        face(d, 700, 230, 95)
        centred(d, (700, 460), "face and neck", 34)
        return
    if t < 20:
        face(d, W / 2, 250, 120)
        coverage = span(t, 15.3, 18)
        layer = Image.new("RGBA", (W, H), (0, 0, 0, 0))
        ld = ImageDraw.Draw(layer)
        alpha = int(130 * coverage)
        ld.ellipse((W / 2 - 102, 118, W / 2 + 102, 382), fill=(255, 255, 255, alpha))
        ld.rectangle((W / 2 - 42, 360, W / 2 + 42, 442), fill=(255, 255, 255, alpha))
        image.paste(Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB"))
        if t > 18:
            blink = (int(t * 3) % 2) == 0
            colour = RED if blink else TEAL
            marks = (
                ((W / 2 - 135, 215, W / 2 - 90, 285), "ears", 250),
                ((W / 2 - 45, 395, W / 2 + 45, 445), "neck", 650),
                ((W / 2 - 105, 100, W / 2 + 105, 150), "hairline", 690),
            )
            for box, label, lx in marks:
                d.ellipse(box, outline=colour, width=5)
                centred(d, (lx, box[1] + 20), label, 30, colour)
        centred(d, (W / 2, 490), "Spread evenly", 34)
        return
    if t < 25:
        k = span(t, 20, 21)
        d.rounded_rectangle((330, 150 - 20 * (1 - k), 470, 440), radius=30, fill=TEAL)
        d.rectangle((370, 110, 430, 155), fill=INK)
        centred(d, (400, 270), "SPF", 34, CREAM)
        centred(d, (400, 320), "30+", 48, CREAM)
        d.ellipse((560, 200, 720, 360), outline=INK, width=8)
        centred(d, (640, 280), "UVA", 46)
        if t > 22:
            check(d, 800, 280, 40)
        centred(d, (W / 2, 490), "SPF 30 or higher + UVA protection", 32)
        return
    # every two hours
    cx, cy, r = 330, 270, 130
    d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=CREAM, outline=INK, width=8)
    for hour in range(12):
        a = math.radians(hour * 30)
        outer = (cx + math.sin(a) * (r - 12), cy - math.cos(a) * (r - 12))
        inner = (cx + math.sin(a) * (r - 28), cy - math.cos(a) * (r - 28))
        d.line((*outer, *inner), fill=INK, width=4)
    turn = span(t, 25.5, 29) * 60  # the hour hand moves two hours
    a = math.radians(300 + turn)
    d.pieslice((cx - r + 20, cy - r + 20, cx + r - 20, cy + r - 20), 210, 210 + turn,
               fill=(255, 226, 140))  # fmt: skip
    d.line((cx, cy, cx + math.sin(a) * 75, cy - math.cos(a) * 75), fill=INK, width=9)
    d.line((cx, cy, cx, cy - 105), fill=INK, width=5)
    centred(d, (cx, cy + r + 40), "every 2 hours", 34)
    for i, (x, y) in enumerate(((640, 210), (700, 260), (760, 200))):  # drops
        if t > 27 + i * 0.5:
            d.polygon(((x, y - 40), (x - 22, y), (x + 22, y)), fill=(70, 140, 210))
            d.ellipse((x - 22, y - 22, x + 22, y + 22), fill=(70, 140, 210))
    if t > 27:
        centred(d, (700, 330), "after swimming", 30)
        centred(d, (700, 370), "or sweating", 30)


# ------------------------------------------------------------------ photographing your skin

PHOTO = (
    Cue(0, 4, "How to take a photo of your skin for MetSkin."),
    Cue(4, 9, "Face a window in daylight. Avoid direct sun and strong shadows."),
    Cue(9, 14, "Hold the phone about 30 centimetres away."),
    Cue(14, 19, "Turn off filters, beauty modes and the flash."),
    Cue(19, 24, "Keep the lens clean and hold still, so the photo is sharp."),
    Cue(24, 30, "MetSkin checks the light and tells you when a photo should be taken again."),
)

_sharp: Image.Image | None = None


def _sharp_and_blurred() -> tuple[Image.Image, Image.Image]:
    global _sharp
    if _sharp is None:
        _sharp = Image.new("RGB", (220, 260), SKY)
        face(ImageDraw.Draw(_sharp), 110, 120, 70)
    return _sharp, _sharp.filter(ImageFilter.GaussianBlur(7))


def window(d: ImageDraw.ImageDraw, x: float, y: float, glow: float) -> None:
    d.rectangle((x, y, x + 200, y + 280), fill=SKY, outline=INK, width=8)
    d.line((x + 100, y, x + 100, y + 280), fill=INK, width=6)
    d.line((x, y + 140, x + 200, y + 140), fill=INK, width=6)
    for i in range(4):
        yy = y + 50 + i * 60
        d.line((x + 215, yy, x + 215 + 90 * glow, yy + 10), fill=SUN, width=6)


def draw_photo(d: ImageDraw.ImageDraw, image: Image.Image, t: float) -> None:
    header(d, "Taking a photo")
    if t < 4:
        title_card(d, "Photographing your skin", "for MetSkin", t)
        phone(d, 300, 370, 70, 120)
        face(d, 640, 410, 45)
        return
    if t < 9:
        window(d, 90, 120, span(t, 4.2, 6))
        face(d, 560, 250, 110)
        d.ellipse((800, 90, 880, 170), fill=SUN)
        if t > 6.5:
            cross(d, (790, 80, 890, 180), span(t, 6.5, 7.5))
            centred(d, (840, 210), "no direct sun", 26, RED)
        centred(d, (W / 2, 490), "Daylight from a window", 34)
        return
    if t < 14:
        phone(d, 130, 170)
        face(d, 760, 250, 100)
        k = span(t, 9.3, 11)
        x0, x1 = 250, 250 + (630 - 250) * k
        d.line((x0, 270, x1, 270), fill=TEAL, width=6)
        d.polygon(((x1, 255), (x1 + 22, 270), (x1, 285)), fill=TEAL)
        d.polygon(((x0, 255), (x0 - 22, 270), (x0, 285)), fill=TEAL)
        if k > 0.9:
            centred(d, (440, 225), "about 30 cm", 40)
        return
    if t < 19:
        items = (("filters", 200), ("beauty mode", 480), ("flash", 760))
        for i, (label, x) in enumerate(items):
            y = 250
            if label == "flash":
                d.polygon(((x + 10, y - 80), (x - 40, y + 10), (x, y + 10), (x - 15, y + 80),
                           (x + 45, y - 15), (x + 5, y - 15)), fill=SUN)  # fmt: skip
            else:
                for j in range(5 if i == 0 else 3):
                    a = math.radians(j * 72 + 90 * i)
                    px, py = x + math.cos(a) * 50, y + math.sin(a) * 50
                    d.regular_polygon((px, py, 18), 4, rotation=45, fill=(160, 120, 220))
                d.ellipse((x - 22, y - 22, x + 22, y + 22), fill=(200, 170, 240))
            cross(d, (x - 80, y - 80, x + 80, y + 80), span(t, 14.5 + i, 15.3 + i))
            centred(d, (x, 380), label, 32)
        centred(d, (W / 2, 470), "Off", 40, RED)
        return
    if t < 24:
        sharp, blurred = _sharp_and_blurred()
        image.paste(blurred, (140, 130))
        image.paste(sharp, (600, 130))
        cross(d, (140, 130, 360, 390), 1)
        check(d, 860, 250, 35)
        centred(d, (250, 430), "moved", 30, RED)
        centred(d, (710, 430), "held still", 30, TEAL)
        centred(d, (W / 2, 490), "Clean lens · hold still", 34)
        return
    phone(d, 330, 120, 300, 330)
    ok = t < 27
    message = "Light is good" if ok else "Too dark: move to daylight"
    d.rounded_rectangle((360, 330, 600, 400), radius=12, fill=CREAM)
    centred(d, (480, 365), message, 20 if not ok else 26, TEAL if ok else RED)
    face(d, 480, 220, 60, SKIN if ok else (120, 96, 78))
    if ok:
        check(d, 760, 280, 40)
    else:
        centred(d, (760, 280), "retake", 40, RED)


# ------------------------------------------------------------------ ABCDE

MOLES = (
    Cue(0, 5, "Check your moles once a month with the ABCDE rule."),
    Cue(5, 10, "A is for asymmetry: the two halves do not match."),
    Cue(10, 15, "B is for border: ragged, notched or blurred edges."),
    Cue(15, 20, "C is for colour: several shades in one mole."),
    Cue(20, 25, "D is for diameter: wider than about six millimetres."),
    Cue(25, 30, "E is for evolving: any change in size, shape or colour."),
    Cue(30, 36, "If a mole shows any of these signs, it is worth showing a dermatologist."),
    Cue(36, 41, "Only a doctor can say what a mole is. MetSkin can help you book one."),
)


def blob(cx: float, cy: float, r: float, *, wobble: float, seed: int,
         stretch: float = 1.0) -> list[tuple[float, float]]:  # fmt: skip
    """A closed outline around (cx, cy): a circle when ``wobble`` is 0, ragged above."""
    rng = random.Random(seed)
    bumps = [rng.uniform(-1, 1) for _ in range(48)]
    points = []
    for i, bump in enumerate(bumps):
        a = 2 * math.pi * i / len(bumps)
        radius = r * (1 + wobble * bump) * (stretch if math.cos(a) > 0 else 1)
        points.append((cx + math.cos(a) * radius, cy + math.sin(a) * radius))
    return points


def usual_mole(d: ImageDraw.ImageDraw) -> None:
    d.ellipse((220, 200, 320, 300), fill=BROWN)
    centred(d, (270, 350), "usual", 30, MUTED)


def letter(d: ImageDraw.ImageDraw, char: str, word: str) -> None:
    d.rounded_rectangle((40, 80, 140, 180), radius=20, fill=TEAL)
    centred(d, (90, 130), char, 64, CREAM)
    d.text((160, 130), word, font=font(44), fill=INK, anchor="lm")


def skin_patch(d: ImageDraw.ImageDraw) -> None:
    d.rounded_rectangle((120, 190, 880, 420), radius=40, fill=SKIN)


def draw_moles(d: ImageDraw.ImageDraw, image: Image.Image, t: float) -> None:
    header(d, "Checking your moles")
    if t < 5:
        title_card(d, "Checking your moles", "A B C D E · once a month", t)
        for i, ch in enumerate("ABCDE"):
            if t > 1 + i * 0.5:
                x = W / 2 - 240 + i * 120
                d.rounded_rectangle((x - 40, 380, x + 40, 460), radius=16, fill=TEAL)
                centred(d, (x, 420), ch, 48, CREAM)
        return
    if t < 30:
        index = int((t - 5) // 5)
        local = t - 5 - index * 5
        skin_patch(d)
        if index < 3:  # D and E draw their own comparison
            usual_mole(d)
        centred(d, (650, 455), "worth a closer look", 30, RED)
        if index == 0:
            letter(d, "A", "Asymmetry")
            shape = blob(650, 250, 55, wobble=0.05, seed=1, stretch=1.7)
            d.polygon(shape, fill=BROWN)
            k = span(local, 0.5, 2)
            d.line((650, 250 - 95 * k, 650, 250 + 95 * k), fill=CREAM, width=4)
            if local > 2.2:
                centred(d, (650, 355), "halves differ", 28)
        elif index == 1:
            letter(d, "B", "Border")
            wobble = 0.28 * span(local, 0.3, 2)
            d.polygon(blob(650, 250, 60, wobble=wobble, seed=7), fill=BROWN)
            centred(d, (650, 355), "ragged edge", 28)
        elif index == 2:
            letter(d, "C", "Colour")
            d.polygon(blob(650, 250, 65, wobble=0.1, seed=3), fill=(150, 100, 70))
            shades = ((40, 25, 20), (170, 60, 60), (90, 90, 130))
            for i, shade in enumerate(shades):
                if local > 0.5 + i * 0.6:
                    d.polygon(blob(630 + i * 22, 240 + (i % 2) * 25, 24, wobble=0.2, seed=10 + i),
                              fill=shade)  # fmt: skip
            centred(d, (650, 355), "several shades", 28)
        elif index == 3:
            letter(d, "D", "Diameter")
            d.ellipse((200, 215, 270, 285), fill=BROWN)
            centred(d, (235, 350), "usual", 30, MUTED)
            grow = 70 + 60 * span(local, 0.3, 2)
            d.ellipse((650 - grow / 2, 250 - grow / 2, 650 + grow / 2, 250 + grow / 2), fill=BROWN)
            d.rectangle((560, 320, 740, 350), fill=(250, 236, 170), outline=INK, width=2)
            for mm in range(10):
                x = 570 + mm * 18
                d.line((x, 320, x, 332 if mm % 5 else 340), fill=INK, width=2)
            d.line((570, 312, 678, 312), fill=RED, width=4)
            centred(d, (625, 372), "6 mm", 22, RED)
            centred(d, (820, 250), "> 6 mm", 34, RED)
        else:
            letter(d, "E", "Evolving")
            before = blob(330, 260, 45, wobble=0.03, seed=5)
            d.polygon(before, fill=BROWN)
            centred(d, (330, 350), "last month", 28, MUTED)
            k = span(local, 0.5, 3)
            after = blob(650, 260, 45 + 25 * k, wobble=0.03 + 0.2 * k, seed=5)
            d.polygon(after, fill=(int(110 - 40 * k), int(70 - 30 * k), int(45 - 10 * k)))
            centred(d, (650, 370), "now", 28)
            d.line((430, 260, 540, 260), fill=TEAL, width=6)
            d.polygon(((540, 245), (565, 260), (540, 275)), fill=TEAL)
        return
    if t < 36:
        # any sign → show a dermatologist (no name of any condition, ever)
        for i, ch in enumerate("ABCDE"):
            x = 130 + i * 90
            d.rounded_rectangle((x - 35, 200, x + 35, 270), radius=14, fill=TEAL)
            centred(d, (x, 235), ch, 40, CREAM)
        k = span(t, 30.5, 32)
        d.line((560, 235, 560 + 90 * k, 235), fill=INK, width=6)
        if k > 0.95:
            d.polygon(((650, 220), (675, 235), (650, 250)), fill=INK)
            d.ellipse((720, 150, 840, 270), fill=SKIN)  # the dermatologist
            d.pieslice((690, 260, 870, 440), 180, 360, fill=CREAM, outline=INK, width=4)
            d.line((780, 290, 780, 350), fill=TEAL, width=6)
            d.line((750, 320, 810, 320), fill=TEAL, width=6)
        centred(d, (W / 2, 470), "Worth showing a dermatologist", 38, TEAL)
        return
    centred(d, (W / 2, 210), "Only a doctor can say", 44)
    centred(d, (W / 2, 270), "what a mole is.", 44)
    d.rounded_rectangle((W / 2 - 200, 340, W / 2 + 200, 410), radius=35, fill=TEAL)
    centred(d, (W / 2, 375), "Book in MetSkin", 34, CREAM)


FILMS = (
    Film("applying-sunscreen", SUNSCREEN, draw_sunscreen, poster_at=8.0),
    Film("photographing-your-skin", PHOTO, draw_photo, poster_at=11.5),
    Film("checking-your-moles", MOLES, draw_moles, poster_at=3.5),
)


def render(film: Film, t: float) -> Image.Image:
    image = Image.new("RGB", (W, H), PAPER)
    film.draw(ImageDraw.Draw(image), image, t)
    return image


def frames(film: Film) -> Iterator[bytes]:
    for index in range(round(film.duration * FPS)):
        yield render(film, index / FPS).tobytes()


def _stamp(seconds: float) -> str:
    whole = int(seconds)
    millis = round((seconds - whole) * 1000)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}.{millis:03d}"


def webvtt(cues: tuple[Cue, ...]) -> str:
    blocks = ["WEBVTT\n"]
    for number, cue in enumerate(cues, start=1):
        blocks.append(f"{number}\n{_stamp(cue.start)} --> {_stamp(cue.end)}\n{cue.text}\n")
    return "\n".join(blocks)


def make(film: Film) -> None:
    folder = OUT / film.slug
    folder.mkdir(parents=True, exist_ok=True)
    encode_frames(frames(film), size=(W, H), fps=FPS, mp4=folder / "video.mp4",
                  webm=folder / "video.webm")  # fmt: skip
    render(film, film.poster_at).save(folder / "poster.jpg", quality=85, optimize=True)
    (folder / "captions.vtt").write_text(webvtt(film.cues), encoding="utf-8")
    for name in ("video.mp4", "video.webm"):
        facts = probe(folder / name)
        size = (folder / name).stat().st_size
        print(f"{film.slug}/{name}: {facts.video_codec} {facts.width}x{facts.height} "
              f"{facts.duration_s:.2f} s, {size / 1024:.0f} KiB")  # fmt: skip


def main(argv: list[str]) -> None:
    chosen = [film for film in FILMS if not argv or film.slug in argv]
    for film in chosen:
        make(film)


if __name__ == "__main__":
    main(sys.argv[1:])
