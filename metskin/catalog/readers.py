"""Readers for product files: each row becomes a ProductRecord or a RowError (pure).

Formats, told apart by their header (or the ``.jsonl`` suffix):

- ``metskin``: our own CSV, ``brand,name,category,price,currency,ingredients`` and the
  optional ``external_id,size,rating,url,image_url,skin_types`` (skin types separated
  by ``|``);
- ``sephora``: the Kaggle "cosmetics.csv" (``Label,Brand,Name,Price,Rank,Ingredients,...``);
- ``lookfantastic``: the Kaggle "skincare_products_clean.csv";
- ``obf``: Open Beauty Facts JSONL (one product object per line).

A malformed row is reported with its line number and skipped whole.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from metskin.catalog.models import Brand, Product, validate_web_url
from metskin.catalog.vocabulary import Category

# Rows whose "ingredients" say there are none.
_NO_LIST = re.compile(r"^\s*(no info|visit the .*boutique|#name\?|n/?a|none)?\s*\.?\s*$", re.I)
_SIZE = re.compile(r"\(?\b(\d+(?:\.\d+)?\s?(?:ml|g|oz|fl\.? ?oz))\b\)?\s*$", re.IGNORECASE)
_SKIN_TYPES = ("dry", "oily", "combination", "normal", "sensitive")

SEPHORA_CATEGORIES = {
    "Moisturizer": Category.MOISTURISER,
    "Cleanser": Category.CLEANSER,
    "Face Mask": Category.MASK,
    "Treatment": Category.TREATMENT,
    "Eye cream": Category.EYE_CARE,
    "Sun protect": Category.SUNSCREEN,
}
LOOKFANTASTIC_CATEGORIES = {
    "Mask": Category.MASK,
    "Moisturiser": Category.MOISTURISER,
    "Cleanser": Category.CLEANSER,
    "Serum": Category.SERUM,
    "Eye Care": Category.EYE_CARE,
    "Mist": Category.TONER,
    "Oil": Category.MOISTURISER,
    "Toner": Category.TONER,
    "Balm": Category.MOISTURISER,
    "Exfoliator": Category.EXFOLIANT,
    "Peel": Category.EXFOLIANT,
}
# Body and bath products: MetSkin's routines are for the face.
LOOKFANTASTIC_SKIPPED_TYPES = {"Body Wash", "Bath Salts", "Bath Oil"}
# LookFantastic names start with the brand; these brands have more than one word.
LOOKFANTASTIC_BRANDS = (
    "La Roche-Posay",
    "L'Oréal Paris",
    "L’Oréal Paris",
    "Estée Lauder",
    "Holika Holika",
    "Elizabeth Arden",
    "Sanctuary Spa",
    "Molton Brown",
    "The Ordinary",
    "REN Clean Skincare",
    "First Aid Beauty",
    "Aromatherapy Associates",
    "Peter Thomas Roth",
    "Bubble T",
    "Liz Earle",
    "Neal's Yard Remedies",
    "Frank Body",
    "Sea Magik",
    "The INKEY List",
    "Pai Skincare",
    "Bondi Sands",
    "Burt's Bees",
    "Jo Malone London",
    "Mama Mio",
    "Erno Laszlo",
    "Bobbi Brown",
    "Indeed Labs",
    "Manuka Doctor",
    "Revolution Skincare",
    "Eve Lom",
    "Oh K!",
    "L:A BRUKET",
    "Fade Out",
    "By Terry",
    "Sarah Chapman",
    "Balance Me",
    "Natura Bissé",
    "Laura Mercier",
    "The Chemistry Brand",
    "The Organic Pharmacy",
    "BBB London",
    "Emma Hardie",
    "Avant Skincare",
    "Dr. PAWPAW",
    "Spa Magik",
    "Shea Moisture",
    "Egyptian Magic",
    "Radical Skincare",
    "Sol de Janeiro",
    "Bloom and Blossom",
    "Comfort Zone",
    "Dr. Dennis Gross",
    "Skin Proud",
    "yes to",
    "Dear, Klairs",
)


@dataclass
class ProductRecord:
    source: str
    external_id: str
    brand: str
    name: str
    category: str
    ingredients_text: str
    price: Decimal | None = None
    currency: str = "GBP"
    size: str = ""
    rating: Decimal | None = None
    url: str = ""
    image_url: str = ""
    skin_types: frozenset[str] = frozenset()
    vegan: bool | None = None
    ingredient_names: list[str] | None = None  # when the source already split the list
    line: int = 0


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ReadResult:
    format: str
    records: list[ProductRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    skipped: list[RowError] = field(default_factory=list)  # well-formed but out of scope


class RowProblem(ValueError):
    """A row that cannot be imported; the message says why."""


class _OutOfScope(RowProblem):
    """Well-formed, but not a product MetSkin recommends (body wash, bath salts)."""


def _number(value: str, what: str) -> Decimal:
    """A finite decimal: "nan" and "inf" parse as Decimals but are no price or rating (and
    comparing a NaN raises), so they are a row problem like any other non-number."""
    try:
        number = Decimal(value)
    except InvalidOperation as exc:
        raise RowProblem(f"the {what} “{value[:20]}” is not a number") from exc
    if not number.is_finite():
        raise RowProblem(f"the {what} “{value[:20]}” is not a number")
    return number


def _money(value: str) -> Decimal | None:
    value = value.strip().replace("£", "").replace("$", "").replace("€", "").replace(",", "")
    if not value:
        return None
    try:
        # Rounded first, so 999999.995 cannot slip past the range check as 1000000.00.
        price = _number(value, "price").quantize(Decimal("0.01"))
    except InvalidOperation as exc:  # too many digits to round to cents
        raise RowProblem(f"the price “{value[:20]}” is out of range") from exc
    if price < 0 or price >= Decimal("1000000"):
        raise RowProblem(f"the price {price} is out of range")
    return price


def _rating(value: str) -> Decimal | None:
    value = value.strip()
    if not value:
        return None
    rating = _number(value, "rating")
    if not 0 <= rating <= 5:
        raise RowProblem(f"the rating {rating} is not between 0 and 5")
    return rating.quantize(Decimal("0.01"))


def _flag(value: str, column: str) -> bool:
    value = value.strip()
    if value in ("", "0"):
        return False
    if value == "1":
        return True
    raise RowProblem(f"{column} must be 0 or 1, not “{value[:10]}”")


def _require(value: str | None, what: str) -> str:
    value = (value or "").strip()
    if not value:
        raise RowProblem(f"no {what}")
    return value


def _ingredients(value: str | None) -> str:
    value = (value or "").strip()
    if _NO_LIST.match(value):
        raise RowProblem("no ingredient list")
    return value


def _size_from_name(name: str) -> tuple[str, str]:
    match = _SIZE.search(name)
    if not match:
        return name, ""
    return name[: match.start()].strip(" -–("), match.group(1).replace(" ", "")


def _slug(*parts: str) -> str:
    text = "-".join(parts).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:255]


def _sephora_category(label: str, name: str) -> str:
    category = SEPHORA_CATEGORIES.get(label.strip())
    if category is None:
        raise RowProblem(f"unknown category “{label[:30]}”")
    lowered = name.lower()
    if category == Category.TREATMENT:
        if "peel" in lowered or "exfoliat" in lowered or "resurfacing" in lowered:
            return Category.EXFOLIANT
        if "toner" in lowered or "tonic" in lowered:
            return Category.TONER
        if "serum" in lowered or "essence" in lowered or "concentrate" in lowered:
            return Category.SERUM
    return category


def _sephora(row: dict[str, str], line: int) -> ProductRecord:
    brand = _require(row.get("Brand"), "brand")
    name = _require(row.get("Name"), "product name")
    skin_types = frozenset(
        kind for kind in _SKIN_TYPES if _flag(row.get(kind.capitalize()) or "", kind.capitalize())
    )
    return ProductRecord(
        source="sephora",
        external_id=_slug(brand, name),
        brand=brand,
        name=name,
        category=_sephora_category(row.get("Label") or "", name),
        ingredients_text=_ingredients(row.get("Ingredients")),
        price=_money(row.get("Price") or ""),
        currency="USD",
        rating=_rating(row.get("Rank") or ""),
        skin_types=skin_types,
        line=line,
    )


def _split_brand(full_name: str) -> tuple[str, str]:
    lowered = full_name.lower()
    for brand in sorted(LOOKFANTASTIC_BRANDS, key=len, reverse=True):
        if lowered.startswith(brand.lower() + " "):
            return full_name[: len(brand)], full_name[len(brand) :].strip()
    first, _, rest = full_name.partition(" ")
    return first, rest or full_name


def _lookfantastic_category(product_type: str, name: str) -> str:
    lowered = name.lower()
    category = LOOKFANTASTIC_CATEGORIES.get(product_type.strip())
    if category is None:
        raise RowProblem(f"unknown product type “{product_type[:30]}”")
    if "cleansing" in lowered and category in (Category.MOISTURISER,):
        return Category.CLEANSER
    return category


def _lookfantastic(row: dict[str, str], line: int) -> ProductRecord:
    full_name = _require(row.get("product_name"), "product name")
    url = _require(row.get("product_url"), "product URL")
    product_type = (row.get("product_type") or "").strip()
    if product_type in LOOKFANTASTIC_SKIPPED_TYPES or " body " in f" {full_name.lower()} ":
        raise _OutOfScope("a body or bath product")
    raw = _require(row.get("clean_ingreds"), "ingredient list")
    try:
        names = ast.literal_eval(raw)
    except (ValueError, SyntaxError) as exc:
        raise RowProblem("the ingredient list is not a list") from exc
    if not isinstance(names, list) or not all(isinstance(item, str) for item in names):
        raise RowProblem("the ingredient list is not a list of names")
    if not names:
        raise RowProblem("no ingredient list")
    brand, rest = _split_brand(full_name)
    name, size = _size_from_name(rest)
    return ProductRecord(
        source="lookfantastic",
        external_id=url,
        brand=brand,
        name=name or rest,
        category=_lookfantastic_category(product_type, full_name),
        ingredients_text=", ".join(names),
        ingredient_names=[item.strip() for item in names if item.strip()],
        price=_money(row.get("price") or ""),
        currency="GBP",
        size=size,
        url=url,
        line=line,
    )


def _metskin(row: dict[str, str], line: int) -> ProductRecord:
    brand = _require(row.get("brand"), "brand")
    name = _require(row.get("name"), "product name")
    category = (row.get("category") or "").strip()
    if category not in Category.values:
        raise RowProblem(
            f"unknown category “{category[:30]}” (use one of {', '.join(Category.values)})"
        )
    currency = (row.get("currency") or "GBP").strip().upper()
    if currency not in ("GBP", "USD", "EUR"):
        raise RowProblem(f"unknown currency “{currency[:10]}”")
    skin_types = frozenset(
        kind.strip() for kind in (row.get("skin_types") or "").split("|") if kind.strip()
    )
    unknown = skin_types - set(_SKIN_TYPES)
    if unknown:
        raise RowProblem(f"unknown skin type “{sorted(unknown)[0][:20]}”")
    return ProductRecord(
        source=(row.get("source") or "metskin").strip()[:40] or "metskin",
        external_id=(row.get("external_id") or "").strip() or _slug(brand, name),
        brand=brand,
        name=name,
        category=category,
        ingredients_text=_ingredients(row.get("ingredients")),
        price=_money(row.get("price") or ""),
        currency=currency,
        size=(row.get("size") or "").strip()[:40],
        rating=_rating(row.get("rating") or ""),
        url=(row.get("url") or "").strip(),
        image_url=(row.get("image_url") or "").strip(),
        skin_types=skin_types,
        line=line,
    )


def _max_length(model: type[Brand | Product], name: str) -> int:
    field = model._meta.get_field(name)
    assert isinstance(field, models.CharField) and field.max_length is not None
    return field.max_length


# Longer values cannot be stored as they are; cutting them would store a value other than
# the one the next import looks up (and a duplicate would follow), so the row is refused.
_LIMITS = (
    ("brand name", "brand", _max_length(Brand, "name")),
    ("product name", "name", _max_length(Product, "name")),
    ("external_id", "external_id", _max_length(Product, "external_id")),
)


_LINKS = (
    ("link", "url", _max_length(Product, "url")),
    ("image link", "image_url", _max_length(Product, "image_url")),
)


def _quoted(value: str, width: int = 20) -> str:
    return f"“{value if len(value) <= width else value[:width] + '…'}”"


def _checked(record: ProductRecord) -> ProductRecord:
    """What every format must satisfy before a record is imported."""
    for what, attribute, limit in _LIMITS:
        if len(getattr(record, attribute)) > limit:
            raise RowProblem(f"the {what} is longer than {limit} characters")
    # The same check as the model's: the product page shows these as links.
    for what, attribute, limit in _LINKS:
        link = getattr(record, attribute)
        if not link:
            continue
        if len(link) > limit:
            raise RowProblem(f"the {what} is longer than {limit} characters")
        try:
            validate_web_url(link)
        except ValidationError as exc:
            raise RowProblem(
                f"the {what} {_quoted(link)} is not a web address (http:// or https://)"
            ) from exc
    return record


HEADERS: dict[str, set[str]] = {
    "sephora": {"Label", "Brand", "Name", "Price", "Rank", "Ingredients"},
    "lookfantastic": {"product_name", "product_url", "product_type", "clean_ingreds", "price"},
    "metskin": {"brand", "name", "category", "ingredients"},
}
_ROW_READERS = {"sephora": _sephora, "lookfantastic": _lookfantastic, "metskin": _metskin}


def _read_csv(text: str) -> ReadResult:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")), strict=True)
    try:
        header = set(reader.fieldnames or [])
    except csv.Error as exc:
        result = ReadResult(format="unknown")
        result.errors.append(RowError(1, f"the header cannot be read ({exc})"))
        return result
    fmt = next((name for name, needed in HEADERS.items() if needed <= header), None)
    if fmt is None:
        result = ReadResult(format="unknown")
        needed = ", ".join(sorted(HEADERS["metskin"]))
        result.errors.append(RowError(1, f"unknown columns; a MetSkin CSV needs {needed}"))
        return result
    result = ReadResult(format=fmt)
    read_row = _ROW_READERS[fmt]
    width = len(reader.fieldnames or [])
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            result.errors.append(RowError(start, f"the row cannot be read ({exc})"))
            continue
        line = start
        if None in row or len(row) != width or any(value is None for value in row.values()):
            result.errors.append(
                RowError(line, f"expected {width} fields, found a different number")
            )
            continue
        try:
            result.records.append(_checked(read_row(row, line)))
        except _OutOfScope as exc:
            result.skipped.append(RowError(line, f"skipped: {exc}"))
        except RowProblem as exc:
            result.errors.append(RowError(line, str(exc)))
    return result


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _obf_category(tags: list[str], name: str) -> str:
    joined = " ".join(tags).lower() + " " + name.lower()
    for words, category in (
        (("sunscreen", "sun-protection", "spf"), Category.SUNSCREEN),
        (("cleanser", "cleansing", "face-wash", "micellar"), Category.CLEANSER),
        (("toner", "tonic", "lotion-tonique"), Category.TONER),
        (("serum",), Category.SERUM),
        (("exfoliant", "exfoliat", "peel", "scrub"), Category.EXFOLIANT),
        (("eye",), Category.EYE_CARE),
        (("mask",), Category.MASK),
        (("moisturi", "cream", "creme", "day-care", "night-care"), Category.MOISTURISER),
    ):
        if any(word in joined for word in words):
            return category
    raise RowProblem("no skin-care category among its categories")


def _obf(item: Any, line: int) -> ProductRecord:
    if not isinstance(item, dict):
        raise RowProblem("not a product object")
    code = _require(_text(item.get("code")), "code")
    name = _require(
        _text(item.get("product_name_en")) or _text(item.get("product_name")), "product name"
    )
    brand = _require(_text(item.get("brands")).split(",")[0], "brand")
    text = _text(item.get("ingredients_text_en")) or _text(item.get("ingredients_text"))
    tags = item.get("categories_tags") or []
    labels = item.get("labels_tags") or []
    if not isinstance(tags, list) or not isinstance(labels, list):
        raise RowProblem("categories_tags and labels_tags must be lists")
    vegan = True if "en:vegan" in labels else (False if "en:non-vegan" in labels else None)
    return ProductRecord(
        source="openbeautyfacts",
        external_id=code,
        brand=brand,
        name=name,
        category=_obf_category([str(tag) for tag in tags], name),
        ingredients_text=_ingredients(text),
        size=_text(item.get("quantity"))[:40],
        url=_text(item.get("url")),
        image_url=_text(item.get("image_url")) or _text(item.get("image_front_url")),
        vegan=vegan,
        line=line,
    )


def _read_jsonl(text: str) -> ReadResult:
    result = ReadResult(format="obf")
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
        except json.JSONDecodeError as exc:
            result.errors.append(RowError(line, f"not valid JSON ({exc.msg})"))
            continue
        try:
            result.records.append(_checked(_obf(item, line)))
        except RowProblem as exc:
            result.errors.append(RowError(line, str(exc)))
    return result


def read_products(path: Path) -> ReadResult:
    """Read a product file; the format comes from the suffix (JSONL) or the CSV header."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if path.suffix.lower() in (".jsonl", ".ndjson") or text.lstrip().startswith("{"):
        return _read_jsonl(text)
    return _read_csv(text)


def iter_chunks(records: list[ProductRecord], size: int) -> Iterator[list[ProductRecord]]:
    for start in range(0, len(records), size):
        yield records[start : start + size]
