"""The names other parts of MetSkin link to: concerns and ingredient-flag glossary keys.

Both are contracts between the parts of MetSkin: the analysis result page links to
``/learn/concern/<name>/`` and the routine and ingredient checker link to
``/learn/term/<key>/``. Concern names come from ``metskin.accounts.concerns`` (skinlab's,
plus the self-reported ones); the glossary keys are the catalogue's flags and active classes.
"""

from __future__ import annotations

from metskin.accounts.concerns import CONCERNS, MEASURED_CONCERNS, SELF_REPORTED_ONLY_LABELS
from metskin.catalog.vocabulary import ActiveClass, Flag

# Concern names the analysis engine reports.
ENGINE_CONCERNS: tuple[str, ...] = MEASURED_CONCERNS
# Concerns a person can report in their skin profile that the engine does not measure.
SELF_REPORTED_CONCERNS: tuple[str, ...] = tuple(SELF_REPORTED_ONLY_LABELS)
CONCERN_NAMES: tuple[str, ...] = CONCERNS

# Ingredient flags and active classes: each links to a glossary entry.
TERM_KEYS: tuple[str, ...] = (*Flag.values, *ActiveClass.values)
