"""Plain data in and out of the engine (frozen dataclasses; no Django)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class Finding:
    """One concern from an analysis: skinlab's name, severity 0–100, confidence 0–1."""

    name: str
    severity: int
    confidence: float = 1.0
    explanation: str = ""
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class AnalysisSnapshot:
    analysis_id: str
    taken_at: datetime
    findings: tuple[Finding, ...] = ()

    def finding(self, name: str) -> Finding | None:
        return next((item for item in self.findings if item.name == name), None)


@dataclass(frozen=True)
class Allergy:
    """An allergy as the person wrote it and the names it matches (INCI after aliases)."""

    given: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class ProfileFacts:
    skin_type: str = ""
    sensitive: bool = False
    very_sensitive: bool = False
    pregnant_or_breastfeeding: bool = False
    allergies: tuple[Allergy, ...] = ()
    acne_prone: bool = False
    budget: str = "any"
    prefers_fragrance_free: bool = False
    prefers_vegan: bool = False
    concerns: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()
    age_range: str = ""
    # Fitzpatrick phototype 1-6 from the skin profile's questionnaire (None: not answered).
    phototype: int | None = None
    # The market the person shops in: prices are compared and shown in this currency.
    currency: str = "GBP"


@dataclass(frozen=True)
class Usage:
    amount: str = ""
    time: str = ""  # am | pm | am_pm
    frequency: str = ""
    introduction: str = ""
    warnings: str = ""


@dataclass(frozen=True)
class Candidate:
    """A product the engine may choose, with the facts the rules read."""

    id: str
    name: str
    brand: str
    category: str
    actives: frozenset[str] = frozenset()
    price: Decimal | None = None
    currency: str = "GBP"
    price_band: str = ""
    rating: Decimal | None = None
    size: str = ""
    skin_types: frozenset[str] = frozenset()
    fragrance_free: bool = True
    drying_alcohol_free: bool = True
    max_comedogenic: int | None = 0
    pregnancy_safe: bool = True
    vegan: bool | None = None
    spf: int | None = None
    usage: Usage = Usage()
    # Listed and INCI names; filled when the person has allergies to check against.
    ingredient_names: tuple[str, ...] = ()
    # Actives it is sold as having that its list lacks (an incomplete list): never chosen.
    missing: frozenset[str] = frozenset()
    # (active class, INCI name) for each listed ingredient that gives an active.
    active_ingredients: tuple[tuple[str, str], ...] = ()

    def names_giving(self, active: str) -> list[str]:
        return [name for of, name in self.active_ingredients if of == active]


@dataclass(frozen=True)
class SlotQuery:
    """What one routine step needs from the catalogue (the selector turns it into SQL)."""

    key: str
    categories: tuple[str, ...]
    actives_any: tuple[str, ...] = ()
    forbid_actives: tuple[str, ...] = ()
    min_spf: int | None = None
    # Every one of these must be listed (the sunscreen step: a recognised UV filter).
    require_actives: tuple[str, ...] = ()


@dataclass(frozen=True)
class CandidateFilter:
    """The profile's hard rules, as coarse filters a database can apply first."""

    pregnancy_safe: bool = False
    fragrance_free: bool = False
    drying_alcohol_free: bool = False
    max_comedogenic_leave_on: int | None = None  # keep leave-on products below this
    exclude_not_vegan: bool = False
    allergy_terms: tuple[str, ...] = ()


# --- outputs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RankedConcern:
    name: str
    label: str
    score: float
    severity: int | None
    confidence: float | None
    source: str  # analysis | profile | both
    why: str
    learn_url: str
    # A spot the analysis found without the engine's warning signs: watched, not referred.
    watch_only: bool = False


@dataclass(frozen=True)
class Tip:
    concern: str
    title: str
    text: str


@dataclass(frozen=True)
class Exclusion:
    item: str
    reason: str
    rule: str
    term: str | None = None  # glossary key for /learn/term/<key>/


@dataclass(frozen=True)
class HowToUse:
    amount: str
    when: str
    frequency: str
    introduction: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    step: str  # cleanse | treat | eye_care | moisturise | protect
    slot: str
    product: Candidate
    why: str
    how_to_use: HowToUse
    alternatives: tuple[Candidate, ...] = ()
    cheaper_alternative_id: str | None = None


@dataclass(frozen=True)
class Referral:
    urgency: str  # routine | soon | promptly
    specialty: str
    reason: str


@dataclass(frozen=True)
class Plan:
    concerns: tuple[RankedConcern, ...]
    am_treat: tuple[str, ...]
    pm_treat: tuple[str, ...]
    slots: tuple[SlotQuery, ...]
    candidate_filter: CandidateFilter


@dataclass(frozen=True)
class Recommendation:
    concerns: tuple[RankedConcern, ...]
    tips: tuple[Tip, ...]
    am: tuple[Step, ...]
    pm: tuple[Step, ...]
    excluded: tuple[Exclusion, ...]
    referral: Referral | None
    based_on_analysis: str | None = None
    currency: str = "GBP"
