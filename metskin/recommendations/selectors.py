"""Reads that feed the engine: the person's facts, their analyses, candidate products.

Everything here turns rows into the engine's plain data (``engine.facts``); the rules
themselves live in ``engine`` and never touch the database.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q, QuerySet

import skinlab
from metskin.accounts import fitzpatrick as fitz
from metskin.accounts.models import SkinProfile, User
from metskin.analysis.results import result_of
from metskin.analysis.selectors import analysis_list_done
from metskin.catalog import inci
from metskin.catalog.facts import ListedIngredient, product_facts
from metskin.catalog.inci import compact_key
from metskin.catalog.models import Ingredient, Product, ProductIngredient
from metskin.catalog.selectors import ingredient_index_for
from metskin.catalog.serializers import IngredientLine
from metskin.catalog.version import catalog_version
from metskin.catalog.vocabulary import RINSE_OFF, Category, actives_to_mask, mask_to_actives
from metskin.recommendations.engine.audit import ListedLine, Problem, routine_problems
from metskin.recommendations.engine.changes import RoutineChanges, routine_changes
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
from metskin.recommendations.engine.safety import name_matches

# Candidates fetched per routine step: the best rated, and the best rated in the low band
# (so a cheaper alternative is there to offer).
TOP_PER_SLOT = 16
CHEAP_PER_SLOT = 6
# With allergies, deeper: the engine drops the candidates that contain an allergen.
TOP_PER_SLOT_WITH_ALLERGIES = 24
MIN_ALLERGY_FREE = 4
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
    "missing_actives_mask",
    "active_ingredients",
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
        phototype=_phototype(skin),
        currency=skin.currency,
    )


def _phototype(skin: SkinProfile) -> int | None:
    scored = fitz.from_profile(skin.fitzpatrick_answers, skin.sun_reaction)
    return fitz.ROMAN.index(scored.type) + 1 if scored is not None else None


def snapshot_from_result(
    *, analysis_id: str, taken_at: datetime, result: skinlab.AnalysisResult
) -> AnalysisSnapshot:
    """An analysis result (skinlab's typed result) as the engine's plain data."""
    findings = tuple(
        Finding(
            name=concern.name,
            severity=concern.severity,
            confidence=concern.confidence,
            explanation=concern.explanation,
            details=dict(concern.details),
        )
        for concern in result.concerns
    )
    return AnalysisSnapshot(analysis_id=analysis_id, taken_at=taken_at, findings=findings)


def analysis_history(*, user: User, limit: int = HISTORY_LENGTH) -> list[AnalysisSnapshot]:
    """The person's finished analyses as plain data, newest first (none for a new user:
    then recommendations come from the skin profile alone)."""
    snapshots = []
    for analysis in analysis_list_done(user=user, limit=limit):
        result = result_of(analysis)
        if result is not None:
            snapshots.append(
                snapshot_from_result(
                    analysis_id=str(analysis.id), taken_at=analysis.created_at, result=result
                )
            )
    return snapshots


# --- candidates --------------------------------------------------------------------------


def _prefiltered(rules: CandidateFilter) -> QuerySet[Product]:
    # An incomplete list is never chosen (its missing part may be what the step needs).
    queryset = Product.objects.filter(is_active=True, missing_actives_mask=0)
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
    return queryset


def _without_allergens(queryset: QuerySet[Product], terms: Sequence[str]) -> QuerySet[Product]:
    """Products containing none of the allergens (by ingredient id; names that matched no
    ingredient are left to the engine, which checks every listed name it is given)."""
    allergens = [pk for pk, _ in allergen_names(terms)]
    if not allergens:
        return queryset
    lines = ProductIngredient.objects.filter(product=OuterRef("pk"), ingredient_id__in=allergens)
    return queryset.exclude(Exists(lines))


# Candidate ids are computed again at least this often, whatever the catalogue's version.
CANDIDATES_CACHE_SECONDS = 600
# Allergy terms → allergen ingredients: a scan of the ingredient names, so it is cached.
ALLERGEN_CACHE_SECONDS = 600


def allergen_names(terms: Sequence[str]) -> list[tuple[Any, str]]:
    """(id, INCI name) of the ingredients whose INCI name contains an allergy term as
    whole words."""
    found: list[tuple[Any, str]] = []
    for term in dict.fromkeys(terms):
        key = f"allergens:v1:{compact_key(term)}"
        cached = cache.get(key)
        if cached is None:
            rows = Ingredient.objects.filter(inci_name__icontains=term).values_list(
                "id", "inci_name"
            )
            cached = [(pk, name) for pk, name in rows if name_matches(term, name)]
            cache.set(key, cached, ALLERGEN_CACHE_SECONDS)
        found.extend(cached)
    return list(dict.fromkeys(found))


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
    if slot.require_actives:
        required = actives_to_mask(set(slot.require_actives))
        queryset = queryset.alias(required_hits=F("actives_mask").bitand(required)).filter(
            required_hits=required
        )
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
        missing=frozenset(mask_to_actives(row["missing_actives_mask"])),
        active_ingredients=tuple(
            (active, name)
            for active, names in sorted((row["active_ingredients"] or {}).items())
            for name in names
        ),
    )


def _ids_for(queryset: QuerySet[Product], top: int) -> list[Any]:
    """The best rated, and the best rated in the low price band: ids only, so the query
    reads nothing but the covering index."""
    ordered = queryset.order_by("-rating", "-id")
    rows = list(ordered.values_list("id", "price_band")[:top])
    ids = [pk for pk, _ in rows]
    if not any(band == "low" for _, band in rows):
        # No budget product among the best: fetch the best budget ones too (the cheaper
        # alternative). Skipped when there is one, as scanning for rare ones costs most.
        cheap = ordered.filter(price_band="low").values_list("id", flat=True)[:CHEAP_PER_SLOT]
        ids.extend(pk for pk in cheap if pk not in ids)
    return ids


def _allergen_names(product_ids: Sequence[Any], terms: Sequence[str]) -> dict[str, list[str]]:
    """For each product, its label text and the INCI names of the allergens it contains
    (matched by ingredient, so "Water" counts for an allergy to "aqua")."""
    allergens = dict(allergen_names(terms))
    names: dict[str, list[str]] = {
        str(pk): [text]
        for pk, text in Product.objects.filter(pk__in=product_ids).values_list(
            "id", "ingredients_text"
        )
    }
    if allergens:
        lines = ProductIngredient.objects.filter(
            product_id__in=product_ids, ingredient_id__in=list(allergens)
        ).values_list("product_id", "ingredient_id")
        for product_id, ingredient_id in lines:
            names.setdefault(str(product_id), []).append(allergens[ingredient_id])
    return names


def _allergy_free(ids: Sequence[Any], names: Mapping[str, list[str]], terms: Sequence[str]) -> int:
    return sum(
        not any(name_matches(term, name) for term in terms for name in names.get(str(pk), ()))
        for pk in ids
    )


def candidates_for(
    *, slots: Sequence[SlotQuery], rules: CandidateFilter
) -> dict[str, list[Candidate]]:
    """For each slot, the best-rated products that pass the coarse filters.

    Which products those are depends only on the catalogue and the filters, so the ids are
    worked out once per catalogue version (``catalog.version``) and filter set and kept in
    the shared cache; people with the same needs share them. Ids come from the covering
    index; the rows of the chosen few are read in one query. Allergies are checked on the
    candidates themselves (their label text and their allergen ingredients): the top of each
    step is fetched deeper so enough allergy-free products remain, and only a step left with
    too few excludes allergens in SQL.
    """
    key = _candidates_key(slots, rules)
    found = cache.get(key)
    if found is None:
        found = _candidate_ids(slots, rules)
        cache.set(key, found, CANDIDATES_CACHE_SECONDS)
        _wanted_remember(slots, rules)
    ids_by_slot, names = found
    wanted = {pk for ids in ids_by_slot.values() for pk in ids}
    # The rows themselves are read fresh; a product withdrawn since is dropped here too.
    rows = {
        row["id"]: row
        for row in Product.objects.filter(
            pk__in=wanted, is_active=True, missing_actives_mask=0
        ).values(*_CANDIDATE_FIELDS)
    }
    return {
        key: [candidate_from_row(rows[pk], names.get(str(pk), ())) for pk in ids if pk in rows]
        for key, ids in ids_by_slot.items()
    }


def _candidates_key(
    slots: Sequence[SlotQuery], rules: CandidateFilter, version: str | None = None
) -> str:
    # The frozen dataclasses' reprs name every field: a new field is a new key.
    version = catalog_version() if version is None else version
    text = f"{version}|{rules!r}|{sorted(map(repr, slots))!r}"
    return f"candidates:v1:{hashlib.sha256(text.encode()).hexdigest()}"


# The filter sets whose candidates were worked out lately (most recent last), so a catalogue
# change recomputes them before anyone asks (candidates_rewarm).
WANTED_KEY = "candidates:wanted:v1"
WANTED_MAX = 200
WANTED_SECONDS = 7 * 24 * 3600


def _wanted_remember(slots: Sequence[SlotQuery], rules: CandidateFilter) -> None:
    """Add a filter set to the remembered ones (one cache entry: a lost race between two
    writers forgets one filter set, which is then worked out by its next request)."""
    wanted: dict[str, tuple[tuple[SlotQuery, ...], CandidateFilter]] = cache.get(WANTED_KEY) or {}
    digest = _candidates_key(slots, rules, version="")
    wanted.pop(digest, None)
    wanted[digest] = (tuple(slots), rules)
    while len(wanted) > WANTED_MAX:
        wanted.pop(next(iter(wanted)))
    cache.set(WANTED_KEY, wanted, WANTED_SECONDS)


def candidates_rewarm() -> int:
    """Work out, for the current catalogue version, the candidate ids of every remembered
    filter set not cached yet; how many were worked out. Run by a worker after each catalogue
    change (``recommendations.candidates_rewarm``), so the first person after an import or
    a staff edit is not the one who waits for them."""
    made = 0
    wanted = cache.get(WANTED_KEY) or {}
    for slots, rules in wanted.values():
        key = _candidates_key(slots, rules)
        if cache.get(key) is None:
            cache.set(key, _candidate_ids(slots, rules), CANDIDATES_CACHE_SECONDS)
            made += 1
    return made


def _candidate_ids(
    slots: Sequence[SlotQuery], rules: CandidateFilter
) -> tuple[dict[str, list[Any]], dict[str, list[str]]]:
    """For each slot, the ids of its candidates; for each of those, the allergen names it
    lists (only with allergies)."""
    base = _prefiltered(rules)
    terms = rules.allergy_terms
    top = TOP_PER_SLOT_WITH_ALLERGIES if terms else TOP_PER_SLOT
    querysets = {slot.key: _for_slot(base, slot) for slot in slots}
    ids_by_slot = {key: _ids_for(queryset, top) for key, queryset in querysets.items()}
    names: dict[str, list[str]] = {}
    if terms:
        names = _allergen_names(list({pk for ids in ids_by_slot.values() for pk in ids}), terms)
        for key, ids in ids_by_slot.items():
            if len(ids) >= top and _allergy_free(ids, names, terms) < MIN_ALLERGY_FREE:
                ids_by_slot[key] = _ids_for(_without_allergens(querysets[key], terms), top)
                names.update(_allergen_names(ids_by_slot[key], terms))
    return ids_by_slot, names


def _recommendation(
    user: User,
) -> tuple[ProfileFacts, list[AnalysisSnapshot], Recommendation]:
    """The person's facts, their analysis history and what the engine recommends from them."""
    profile = profile_facts(user=user)
    history = analysis_history(user=user)
    planned = plan(profile, history)
    candidates = candidates_for(slots=planned.slots, rules=planned.candidate_filter)
    return profile, history, recommend(profile, history, candidates, planned)


def recommendation_for_user(*, user: User) -> Recommendation:
    return _recommendation(user)[2]


@dataclass(frozen=True)
class ChangesSinceLastAnalysis:
    based_on_analysis: str | None
    previous_analysis: str | None  # None: there was no routine from an analysis before
    changes: RoutineChanges


def routine_changes_for_user(*, user: User) -> ChangesSinceLastAnalysis:
    """The routine now against the routine the person had before their latest analysis.

    A separate read from the routine itself: it costs a second engine run, which only the
    result page asks for."""
    profile = profile_facts(user=user)
    history = analysis_history(user=user)
    recommendations = []
    for past in (history[1:], history):
        planned = plan(profile, past)
        candidates = candidates_for(slots=planned.slots, rules=planned.candidate_filter)
        recommendations.append(recommend(profile, past, candidates, planned))
    before, after = recommendations
    return ChangesSinceLastAnalysis(
        based_on_analysis=after.based_on_analysis,
        previous_analysis=before.based_on_analysis,
        changes=routine_changes(before, after),
    )


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
        profile, history, routine = _recommendation(user)
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


# --- checking routines ------------------------------------------------------------------


def product_lists(*, product_ids: Iterable[Any]) -> dict[str, list[ListedLine]]:
    """The full ingredient list of each product (as printed, INCI name, active class), in
    order: what ``engine.audit`` checks a routine against."""
    lists: dict[str, list[ListedLine]] = {}
    rows = (
        ProductIngredient.objects.filter(product_id__in=list(product_ids))
        .order_by("product_id", "position")
        .values_list(
            "product_id", "listed_name", "ingredient__inci_name", "ingredient__active_class"
        )
    )
    for product_id, listed_name, inci_name, active_class in rows:
        lists.setdefault(str(product_id), []).append(
            ListedLine(listed_name, inci_name or "", active_class or "")
        )
    return lists


def recommendation_audit(
    *, profile: ProfileFacts, history: Sequence[AnalysisSnapshot]
) -> tuple[Recommendation, list[Problem]]:
    """A routine for plain facts (no account needed) and what is wrong with it."""
    planned = plan(profile, history)
    candidates = candidates_for(slots=planned.slots, rules=planned.candidate_filter)
    made = recommend(profile, history, candidates, planned)
    chosen = {step.product.id for step in [*made.am, *made.pm]}
    problems = routine_problems(
        profile=with_acne_from_analysis(profile, history[0] if history else None),
        recommendation=made,
        lists=product_lists(product_ids=chosen),
    )
    return made, problems
