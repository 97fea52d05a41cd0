"""The INCI parser: split an ingredient list, normalise each name, resolve it.

Pure Python (no Django), so the importers, the ingredient checker and the tests share it.
Real lists are messy: commas inside parentheses (``Water (Aqua, Eau)``) and chemical
names (``1,2-Hexanediol``), "May contain" colour sections, kit labels
(``Day Serum: Water, ...``), strengths (``Salicylic Acid 2%``), trade-mark signs and
trailing full stops. :func:`split_inci` and :func:`resolve` deal with those; whatever
still matches nothing is reported as unknown, never guessed.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

# A name longer than this is a sentence (marketing text), not an ingredient.
MAX_NAME_LENGTH = 120
MAX_NAME_WORDS = 12

_MAY_CONTAIN = re.compile(
    r"(?:\bmay\s+contain\b|\(\s*\+\s*/\s*-\s*\)|\[\s*\+\s*/\s*-\s*\]|\+/-)\s*:?", re.IGNORECASE
)
_LABEL = re.compile(r"^(?:active\s+)?ingredients?\s*:\s*", re.IGNORECASE)
_PERCENT = re.compile(r"(\d{1,2}(?:[.,]\d{1,3})?)\s*%")
# A strength glued to the next name or label ends its name: "Octocrylene 2.70%Ingredients:
# Water", "Salicylic Acid 1.50%Water" (Estée Lauder and Clinique rows of the Sephora list).
_GLUED_AFTER_PERCENT = re.compile(r"(\d\s*%)(?=[^\W\d_])")
# Sephora's kits join their products' lists with a label glued between two names: "...
# Titanium Dioxide (Ci 77891) Rds Product Name: Spf30 Face Cream Division: Cl (Clinique)Water
# , ...". The label separates the lists like a comma; kept, it swallowed the name before it
# and the one after. Where the row was cut inside the label ("... Phenoxyethanol Rds Product
# Name The Brilliance Brightening Mask Division"), the rest of it goes.
_KIT_PRODUCT_LABEL = re.compile(
    r"\s*\bRds Product Name\b(?::[^:]*?\bDivision:\s*\w+\s*\([^()]*\)|.*$)\s*",
    re.IGNORECASE | re.DOTALL,
)
_TRADEMARKS = re.compile(r"[™®©]")
_SPACES = re.compile(r"\s+")
_PARENTHESES = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")
_INSIDE_PARENTHESES = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_NON_ALNUM = re.compile(r"[^A-Z0-9]+")
_NANO = re.compile(r"\b(?:nano)\b", re.IGNORECASE)
# Shop disclaimers appended to lists: everything from here on is not an ingredient.
_DISCLAIMER = re.compile(
    r"please (?:be aware|note|refer)|ingredient lists? (?:may|are subject)", re.I
)


@dataclass(frozen=True)
class ListedName:
    """One name as it appears on the label, in its position (1-based)."""

    position: int
    name: str
    concentration_percent: Decimal | None = None
    may_contain: bool = False


@dataclass(frozen=True)
class Resolved:
    """A listed name and what it resolved to (``key`` None when unknown)."""

    listed: ListedName
    key: str | None


@dataclass
class ParseReport:
    """Everything the parser found in one list."""

    names: list[Resolved] = field(default_factory=list)

    @property
    def known(self) -> list[Resolved]:
        return [item for item in self.names if item.key is not None]

    @property
    def unknown(self) -> list[str]:
        return [item.listed.name for item in self.names if item.key is None]

    @property
    def known_share(self) -> float:
        return len(self.known) / len(self.names) if self.names else 0.0


def clean_text(text: str) -> str:
    """Unicode-normalise and drop control characters, keeping line breaks as spaces."""
    text = unicodedata.normalize("NFKC", _TRADEMARKS.sub("", text))
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)


def compact_key(name: str) -> str:
    """The lookup key of a name: upper case, letters and digits only.

    ``Caprylic/Capric Triglyceride``, ``caprylic capric triglyceride`` and
    ``CAPRYLIC/CAPRIC TRIGLYCERIDE`` all give ``CAPRYLICCAPRICTRIGLYCERIDE``.
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("", folded.upper())


def _split_top_level(text: str) -> list[str]:
    """Split on commas and semicolons outside brackets and not between two digits."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for index, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        is_separator = ch in ",;•" or (
            # A full stop ending a sentence: "... Phenoxyethanol. Water, ..."
            ch == "."
            and text[index + 1 : index + 2] == " "
            and text[index + 2 : index + 3].isupper()
        )
        if is_separator and depth == 0:
            between_digits = (
                ch == ","
                and index > 0
                and text[index - 1].isdigit()
                and index + 1 < len(text)
                and text[index + 1].isdigit()
            )
            if not between_digits:
                parts.append("".join(current))
                current = []
                continue
        current.append(ch)
    parts.append("".join(current))
    return parts


def _tidy(name: str) -> str:
    name = _LABEL.sub("", name.strip())
    # A kit lists several products: "Day Serum: Water, ..." keeps what follows the label.
    if ":" in name:
        name = name.rsplit(":", 1)[1]
    # A footnote mark starts a footnote: "Phenoxyethanol *Essential oil" keeps the name.
    name = re.split(r"\s\*", name, maxsplit=1)[0]
    name = name.strip().strip(".*†‡¹²³•-–—\"'").strip()
    return _SPACES.sub(" ", name)


def split_inci(text: str) -> list[ListedName]:
    """The names of an ingredient list, in order, with strengths and "may contain" marks."""
    text = _KIT_PRODUCT_LABEL.sub(", ", clean_text(text))
    text = _GLUED_AFTER_PERCENT.sub(r"\1,", text)
    disclaimer = _DISCLAIMER.search(text)
    if disclaimer:
        text = text[: disclaimer.start()]
    may_contain_at = None
    match = _MAY_CONTAIN.search(text)
    if match:
        may_contain_at = match.start()
        text = text[: match.start()] + "," + text[match.end() :]
    names: list[ListedName] = []
    offset = 0
    for raw in _split_top_level(text):
        start = offset
        offset += len(raw) + 1
        concentration = None
        percent = _PERCENT.search(raw)
        if percent:
            with contextlib.suppress(InvalidOperation):
                concentration = Decimal(percent.group(1).replace(",", "."))
            raw = _PERCENT.sub("", raw)
        name = _tidy(raw)
        if not name:
            continue
        names.append(
            ListedName(
                position=len(names) + 1,
                name=name[:200],
                concentration_percent=concentration,
                may_contain=may_contain_at is not None and start >= may_contain_at,
            )
        )
    return names


def candidate_keys(name: str) -> list[str]:
    """The keys to try for one listed name, most specific first."""
    keys: list[str] = []

    def add(value: str) -> None:
        key = compact_key(value)
        if key and key not in keys:
            keys.append(key)

    without_nano = _NANO.sub("", name)
    add(name)
    add(without_nano)
    outside = _PARENTHESES.sub(" ", without_nano).strip()
    add(outside)
    for inside in _INSIDE_PARENTHESES.findall(without_nano):
        add(inside)
        for part in inside.split(","):
            add(part)
    for source in (outside, without_nano):
        for separator in ("/", "\\"):
            if separator in source:
                for part in source.split(separator):
                    add(part)
    return keys


def looks_like_a_name(name: str) -> bool:
    return len(name) <= MAX_NAME_LENGTH and len(name.split()) <= MAX_NAME_WORDS


def resolve(names: Iterable[ListedName], lookup: Callable[[str], str | None]) -> ParseReport:
    """Resolve each name with ``lookup`` (a compact key → canonical key, or None)."""
    report = ParseReport()
    for listed in names:
        key = None
        if looks_like_a_name(listed.name):
            for candidate in candidate_keys(listed.name):
                key = lookup(candidate)
                if key is not None:
                    break
        report.names.append(Resolved(listed=listed, key=key))
    return report


def parse(text: str, lookup: Callable[[str], str | None]) -> ParseReport:
    """Split and resolve an ingredient list in one go."""
    return resolve(split_inci(text), lookup)


def all_candidate_keys(names: Iterable[ListedName]) -> set[str]:
    """Every key :func:`resolve` may ask about, so a caller can fetch them in one query."""
    keys: set[str] = set()
    for listed in names:
        if looks_like_a_name(listed.name):
            keys.update(candidate_keys(listed.name))
    return keys
