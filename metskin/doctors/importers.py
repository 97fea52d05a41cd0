"""Reading doctors from CSV: MetSkin's own columns, or the CMS NPPES registry layout."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.text import slugify

from metskin.doctors.models import DoctorProfile, Language, Specialty

# NPPES taxonomy codes (207N…) → our specialties.
NPPES_TAXONOMIES = {
    "207N00000X": "general",  # Dermatology
    "207ND0900X": "general",  # Dermatopathology
    "207ND0101X": "skin_cancer",  # MOHS-Micrographic Surgery
    "207NP0225X": "paediatric",  # Pediatric Dermatology
    "207NS0135X": "cosmetic",  # Procedural Dermatology
    "207NI0002X": "general",  # Clinical & Laboratory Dermatological Immunology
}
# A practice's state → its time zone (the zone most of the state keeps).
_ZONE_STATES = {
    "America/New_York": "CT DC DE FL GA MA MD ME MI NC NH NJ NY OH PA RI SC VA VT WV",
    "America/Indiana/Indianapolis": "IN",
    "America/Kentucky/Louisville": "KY",
    "America/Chicago": "TN AL AR IA IL LA MN MO MS OK WI KS NE ND SD TX",
    "America/Denver": "CO MT NM UT WY ID",
    "America/Phoenix": "AZ",
    "America/Los_Angeles": "CA NV OR WA",
    "America/Anchorage": "AK",
    "Pacific/Honolulu": "HI",
}
US_STATE_ZONES = {state: zone for zone, states in _ZONE_STATES.items() for state in states.split()}
OWN_COLUMNS = (
    "first_name",
    "last_name",
    "title",
    "credentials",
    "licence_number",
    "npi",
    "board_certification",
    "specialties",
    "languages",
    "clinic_name",
    "address_line",
    "city",
    "region",
    "postcode",
    "country",
    "latitude",
    "longitude",
    "time_zone",
    "offers_in_person",
    "offers_video",
    "fee_amount",
    "fee_currency",
    "bio",
    "accepting_new_patients",
)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)


def _text(value: str | None) -> str:
    return (value or "").strip()


def _float_text(value: str | None) -> str:
    """NPPES' export wrote integers as floats: '430239135.0' → '430239135'."""
    text = _text(value)
    return text[:-2] if text.endswith(".0") else text


def _zip5(value: str | None) -> str:
    digits = _float_text(value)
    if not digits.isdigit():
        return digits
    # Leading zeros were lost: ZIP+4 has 9 digits and a plain ZIP 5.
    digits = digits.zfill(9) if len(digits) > 5 else digits.zfill(5)
    return digits[:5]


def _title_case(value: str | None) -> str:
    return " ".join(part.capitalize() for part in _text(value).split())


def is_nppes(header: Iterable[str]) -> bool:
    names = set(header)
    return "NPI" in names and "Healthcare Provider Taxonomy Code_1" in names


def nppes_rows(rows: Iterable[dict[str, str]]) -> Iterator[tuple[str, dict[str, Any] | None]]:
    """(label, fields) per row; fields is None for a row that is not a dermatologist."""
    for row in rows:
        npi = _float_text(row.get("NPI"))
        if _float_text(row.get("Entity Type Code")) != "1":
            yield npi, None  # organisations and deactivated NPIs
            continue
        primary = None
        for index in range(1, 16):
            code = _text(row.get(f"Healthcare Provider Taxonomy Code_{index}"))
            switch = _text(row.get(f"Healthcare Provider Primary Taxonomy Switch_{index}"))
            if code.startswith("207N") and switch == "Y":
                primary = (index, code)
                break
        if primary is None:
            yield npi, None  # dermatology is not their primary taxonomy
            continue
        index, code = primary
        state = _text(row.get("Provider Business Practice Location Address State Name"))
        address = " ".join(
            part
            for part in (
                _title_case(row.get("Provider First Line Business Practice Location Address")),
                _title_case(row.get("Provider Second Line Business Practice Location Address")),
            )
            if part
        )
        licence = _text(row.get(f"Provider License Number_{index}")) or _text(
            row.get("Provider License Number_1")
        )
        yield (
            npi,
            {
                "npi": npi,
                "title": "Dr",
                "first_name": _title_case(row.get("Provider First Name")),
                "last_name": _title_case(row.get("Provider Last Name (Legal Name)")),
                "credentials": _text(row.get("Provider Credential Text")),
                "licence_number": licence,
                "address_line": address,
                "city": _title_case(
                    row.get("Provider Business Practice Location Address City Name")
                ),
                "region": state,
                "postcode": _zip5(
                    row.get("Provider Business Practice Location Address Postal Code")
                ),
                "country": _text(
                    row.get(
                        "Provider Business Practice Location Address Country Code (If outside U.S.)"
                    )
                )
                or "US",
                "time_zone": US_STATE_ZONES.get(state, "America/New_York"),
                "specialties": [NPPES_TAXONOMIES.get(code, "general")],
                "languages": [],
                "offers_in_person": True,
            },
        )


def _bool(value: str | None, default: bool) -> bool:
    text = _text(value).lower()
    if not text:
        return default
    return text in ("1", "true", "yes", "y")


def own_rows(rows: Iterable[dict[str, str]]) -> Iterator[tuple[str, dict[str, Any] | None]]:
    for number, row in enumerate(rows, start=2):
        fields: dict[str, Any] = {name: _text(row.get(name)) for name in OWN_COLUMNS}
        for name in ("latitude", "longitude"):
            fields[name] = float(fields[name]) if fields[name] else None
        try:
            fields["fee_amount"] = Decimal(fields["fee_amount"]) if fields["fee_amount"] else None
        except InvalidOperation:
            fields["fee_amount"] = "not a number"  # full_clean names the field
        for name, default in (
            ("offers_in_person", True),
            ("offers_video", False),
            ("accepting_new_patients", True),
        ):
            fields[name] = _bool(row.get(name), default)
        fields["specialties"] = [s for s in fields["specialties"].split(";") if s.strip()]
        fields["languages"] = [s for s in fields["languages"].split(";") if s.strip()]
        fields["npi"] = fields["npi"] or None
        fields["title"] = fields["title"] or "Dr"
        fields["country"] = fields["country"] or "US"
        fields["fee_currency"] = fields["fee_currency"] or "USD"
        fields["time_zone"] = fields["time_zone"] or "UTC"
        yield f"line {number}", fields


def _save(fields: dict[str, Any]) -> bool:
    """Create or update one doctor; True when created."""
    specialty_codes = fields.pop("specialties")
    language_codes = fields.pop("languages")
    npi = fields.get("npi")
    slug = slugify(f"{fields['first_name']} {fields['last_name']} {npi or fields['city']}")[:120]
    doctor = (DoctorProfile.objects.filter(npi=npi).first() if npi else None) or (
        DoctorProfile.objects.filter(slug=slug).first()
    )
    created = doctor is None
    doctor = doctor or DoctorProfile(slug=slug)
    for name, value in fields.items():
        setattr(doctor, name, value)
    doctor.full_clean()
    doctor.save()
    specialties = list(Specialty.objects.filter(code__in=specialty_codes))
    unknown = set(specialty_codes) - {s.code for s in specialties}
    if unknown:
        raise DjangoValidationError({"specialties": [f"Unknown: {', '.join(sorted(unknown))}"]})
    doctor.specialties.set(specialties)
    languages = [
        Language.objects.get_or_create(code=code.strip().lower(), defaults={"name": code})[0]
        for code in language_codes
    ]
    doctor.languages.set(languages)
    return created


def doctors_import(*, path: Path) -> ImportResult:
    """Import a CSV file; each row is saved or reported, never half-saved."""
    result = ImportResult()
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        rows = nppes_rows(reader) if is_nppes(reader.fieldnames or []) else own_rows(reader)
        for label, fields in rows:
            if fields is None:
                result.skipped.append(f"{label}: not a dermatologist (primary taxonomy)")
                continue
            try:
                with transaction.atomic():
                    created = _save(fields)
            except DjangoValidationError as exc:
                problems = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
                result.skipped.append(f"{label}: {problems}")
                continue
            if created:
                result.created += 1
            else:
                result.updated += 1
    return result
