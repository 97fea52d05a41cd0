"""Reads that feed the engine: the person's facts, their analyses, candidate products.

Everything here turns rows into the engine's plain data (``engine.facts``); the rules
themselves live in ``engine`` and never touch the database.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet

from metskin.accounts.models import SkinProfile, User
from metskin.catalog import inci
from metskin.catalog.facts import ListedIngredient, product_facts
from metskin.catalog.models import Product, ProductIngredient
from metskin.catalog.selectors import ingredient_index_for
from metskin.catalog.serializers import IngredientLine
from metskin.catalog.vocabulary import RINSE_OFF, Category, actives_to_mask, mask_to_actives
from metskin.recommendations.engine.checker import Conflict, conflicts
from metskin.recommendations.engine.facts import (
    Allergy,
    AnalysisSnapshot,
    Candidate,
    CandidateFilter,
    Finding,
    ProfileFacts,
    Recommendation,
    SlotQuery,
    Usage,
)
from metskin.recommendations.engine.recommend import plan, recommend, with_acne_from_analysis

# Candidates fetched per routine step: the best rated, and the best rated in the low band
# (so a cheaper alternative is there to offer).
TOP_PER_SLOT = 16
CHEAP_PER_SLOT = 6
HISTORY_LENGTH = 5
_CANDIDATE_FIELDS = (
    "id",
    "name",
    "brand__name",
    "category",
    "actives_mask",
    "price",
    "currency",
    "price_band",
    "rating",
    "size",
    "suits_dry",
    "suits_oily",
    "suits_combination",
    "suits_normal",
    "suits_sensitive",
    "fragrance_free",
    "drying_alcohol_free",
    "max_comedogenic",
    "pregnancy_safe",
    "vegan",
    "spf",
    "usage_amount",
    "usage_time",
    "usage_frequency",
    "usage_introduction",
    "usage_warnings",
)


# --- the person -------------------------------------------------------------------------


def allergies_resolve(names: Iterable[str]) -> tuple[Allergy, ...]:
    """Each allergy with the INCI name it stands for ("vitamin E" → TOCOPHEROL)."""
    given = [name.strip() for name in names if name and name.strip()]
    keys_by_name = {name: inci.candidate_keys(name) for name in given}
    index = ingredient_index_for(key for keys in keys_by_name.values() for key in keys)
    allergies = []
    for name in given:
        terms = [name]
        for key in keys_by_name[name]:
            resolved = index.lookup(key)
            if resolved:
                inci_name = index.get(resolved).facts.inci_name
                if inci.compact_key(inci_name) != inci.compact_key(name):
                    terms.append(inci_name)
                break
        allergies.append(Allergy(given=name, terms=tuple(terms)))
    return tuple(allergies)


def profile_facts(*, user: User) -> ProfileFacts:
    skin, _ = SkinProfile.objects.select_related("user__profile").get_or_create(user=user)
    profile = getattr(skin.user, "profile", None)
    return ProfileFacts(
        skin_type=skin.skin_type,
        sensitive=skin.is_sensitive,
        very_sensitive=skin.sensitivity == "very",
        pregnant_or_breastfeeding=skin.pregnant_or_breastfeeding,
        allergies=allergies_resolve(skin.allergies or []),
        acne_prone=skin.acne_prone,
        budget=skin.budget,
        prefers_fragrance_free=skin.prefers_fragrance_free,
        prefers_vegan=skin.prefers_vegan,
        concerns=tuple(skin.concerns or ()),
        symptoms=tuple(skin.symptoms or ()),
        age_range=profile.age_range if profile else "",
    )


def snapshot_from_result(
    *, analysis_id: str, taken_at: datetime, result: Mapping[str, Any]
) -> AnalysisSnapshot:
    """An analysis result dict (skinlab's ``to_dict()``) as the engine's plain data."""
    findings = []
    for concern in result.get("concerns") or []:
        if not isinstance(concern, Mapping) or not isinstance(concern.get("name"), str):
            continue
        details = concern.get("details")
        findings.append(
            Finding(
                name=concern["name"],
                severity=int(concern.get("severity") or 0),
                confidence=float(concern.get("confidence") or 0.0),
                explanation=str(concern.get("explanation") or ""),
                details=dict(details) if isinstance(details, Mapping) else {},
            )
        )
    return AnalysisSnapshot(analysis_id=analysis_id, taken_at=taken_at, findings=tuple(findings))


def analysis_history(*, user: User, limit: int = HISTORY_LENGTH) -> list[AnalysisSnapshot]:
    """The person's finished analyses, newest first.

    The analysis app (issue 4) provides ``analysis_list_done``; until it is on main a
    person has no analyses and recommendations come from the skin profile alone.
    """
    return []


# --- candidates --------------------------------------------------------------------------


def _prefiltered(rules: CandidateFilter) -> QuerySet[Product]:
    queryset = Product.objects.filter(is_active=True)
    if rules.pregnancy_safe:
        queryset = queryset.filter(pregnancy_safe=True)
    if rules.fragrance_free:
        queryset = queryset.filter(fragrance_free=True)
    if rules.drying_alcohol_free:
        queryset = queryset.filter(drying_alcohol_free=True)
    if rules.max_comedogenic_leave_on is not None:
        queryset = queryset.filter(
            Q(category__in=RINSE_OFF)
            | Q(max_comedogenic__isnull=True)
            | Q(max_comedogenic__lt=rules.max_comedogenic_leave_on)
        )
    if rules.exclude_not_vegan:
        queryset = queryset.exclude(vegan=False)
    for term in rules.allergy_terms:
        lines = ProductIngredient.objects.filter(product=OuterRef("pk")).filter(
            Q(listed_name__icontains=term) | Q(ingredient__inci_name__icontains=term)
        )
        queryset = queryset.exclude(Exists(lines))
    return queryset


def _for_slot(queryset: QuerySet[Product], slot: SlotQuery) -> QuerySet[Product]:
    queryset = queryset.filter(category__in=slot.categories)
    if slot.actives_any:
        wanted = actives_to_mask(set(slot.actives_any))
        queryset = queryset.alias(wanted_hits=F("actives_mask").bitand(wanted)).filter(
            wanted_hits__gt=0
        )
    if slot.forbid_actives:
        forbidden = actives_to_mask(set(slot.forbid_actives))
        queryset = queryset.alias(forbidden_hits=F("actives_mask").bitand(forbidden)).filter(
            forbidden_hits=0
        )
    if slot.min_spf is not None:
        queryset = queryset.filter(spf__gte=slot.min_spf)
    return queryset


def candidate_from_row(row: Mapping[str, Any], ingredient_names: Sequence[str] = ()) -> Candidate:
    skin_types = frozenset(
        kind
        for kind in ("dry", "oily", "combination", "normal", "sensitive")
        if row[f"suits_{kind}"]
    )
    return Candidate(
        id=str(row["id"]),
        name=row["name"],
        brand=row["brand__name"],
        category=row["category"],
        actives=frozenset(mask_to_actives(row["actives_mask"])),
        price=row["price"],
        currency=row["currency"],
        price_band=row["price_band"],
        rating=row["rating"],
        size=row["size"],
        skin_types=skin_types,
        fragrance_free=row["fragrance_free"],
        drying_alcohol_free=row["drying_alcohol_free"],
        max_comedogenic=row["max_comedogenic"],
        pregnancy_safe=row["pregnancy_safe"],
        vegan=row["vegan"],
        spf=row["spf"],
        usage=Usage(
            amount=row["usage_amount"],
            time=row["usage_time"],
            frequency=row["usage_frequency"],
            introduction=row["usage_introduction"],
            warnings=row["usage_warnings"],
        ),
        ingredient_names=tuple(ingredient_names),
    )


def ingredient_names_of(product_ids: Iterable[Any]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    rows = ProductIngredient.objects.filter(product_id__in=list(product_ids)).values_list(
        "product_id", "listed_name", "ingredient__inci_name"
    )
    for product_id, listed, inci_name in rows:
        bucket = names.setdefault(str(product_id), [])
        bucket.append(listed)
        if inci_name:
            bucket.append(inci_name)
    return names


def candidates_for(
    *, slots: Sequence[SlotQuery], rules: CandidateFilter, with_ingredients: bool
) -> dict[str, list[Candidate]]:
    """For each slot, the best-rated products that pass the coarse filters."""
    base = _prefiltered(rules)
    rows_by_slot: dict[str, list[dict[str, Any]]] = {}
    for slot in slots:
        queryset = _for_slot(base, slot).order_by("-rating", "id").values(*_CANDIDATE_FIELDS)
        rows = list(queryset[:TOP_PER_SLOT])
        seen = {row["id"] for row in rows}
        cheap = queryset.filter(price_band="low")[:CHEAP_PER_SLOT]
        rows.extend(row for row in cheap if row["id"] not in seen)
        rows_by_slot[slot.key] = rows
    names: dict[str, list[str]] = {}
    if with_ingredients:
        names = ingredient_names_of({row["id"] for rows in rows_by_slot.values() for row in rows})
    return {
        key: [candidate_from_row(row, names.get(str(row["id"]), ())) for row in rows]
        for key, rows in rows_by_slot.items()
    }


def recommendation_for_user(*, user: User) -> Recommendation:
    profile = profile_facts(user=user)
    history = analysis_history(user=user)
    planned = plan(profile, history)
    candidates = candidates_for(
        slots=planned.slots,
        rules=planned.candidate_filter,
        with_ingredients=bool(profile.allergies),
    )
    return recommend(profile, history, candidates, planned)


# --- the ingredient checker -------------------------------------------------------------

# Longer lists are cut here: no real product lists more ingredients than this.
MAX_CHECKED_NAMES = 300


@dataclass(frozen=True)
class IngredientCheck:
    ingredients: list[IngredientLine]
    unknown: list[str]
    summary: dict[str, Any]
    conflicts: list[Conflict]
    checked_against_routine: bool


def ingredient_check(*, text: str, user: User | None) -> IngredientCheck:
    """Flags of each pasted ingredient and, for a signed-in person, its conflicts with
    their profile and routine. Any text is accepted; what matches nothing is "unknown"."""
    names = inci.split_inci(text)[:MAX_CHECKED_NAMES]
    index = ingredient_index_for(inci.all_candidate_keys(names))
    report = inci.resolve(names, index.lookup)
    lines = [
        IngredientLine(
            position=item.listed.position,
            listed_name=item.listed.name,
            facts=index.get(item.key).facts if item.key else None,
            concentration_percent=item.listed.concentration_percent,
            may_contain=item.listed.may_contain,
        )
        for item in report.names
    ]
    # Unknown whether it is washed off: judged as a leave-on product (the stricter case).
    facts = product_facts(
        name="",
        category=Category.TREATMENT,
        ingredients=[
            ListedIngredient(
                line.position, line.listed_name, line.facts, line.concentration_percent
            )
            for line in lines
        ],
    )
    summary = {
        "count": len(lines),
        "known": len(report.known),
        "actives": sorted(facts.actives),
        "fragrance_free": facts.fragrance_free,
        "drying_alcohol_free": facts.drying_alcohol_free,
        "pregnancy_safe": facts.pregnancy_safe,
        "max_comedogenic": facts.max_comedogenic,
    }
    found: list[Conflict] = []
    if user is not None and lines:
        pasted = Candidate(
            id="pasted",
            name="This product",
            brand="",
            category=Category.TREATMENT,
            actives=facts.actives,
            fragrance_free=facts.fragrance_free,
            drying_alcohol_free=facts.drying_alcohol_free,
            max_comedogenic=facts.max_comedogenic,
            pregnancy_safe=facts.pregnancy_safe,
            vegan=facts.vegan,
            ingredient_names=tuple(
                name
                for line in lines
                for name in (line.listed_name, line.facts.inci_name if line.facts else "")
                if name
            ),
        )
        profile = profile_facts(user=user)
        history = analysis_history(user=user)
        planned = plan(profile, history)
        candidates = candidates_for(
            slots=planned.slots,
            rules=planned.candidate_filter,
            with_ingredients=bool(profile.allergies),
        )
        routine = recommend(profile, history, candidates, planned)
        found = conflicts(
            profile=with_acne_from_analysis(profile, history[0] if history else None),
            pasted=pasted,
            am=routine.am,
            pm=routine.pm,
        )
    return IngredientCheck(
        ingredients=lines,
        unknown=report.unknown,
        summary=summary,
        conflicts=found,
        checked_against_routine=user is not None,
    )
