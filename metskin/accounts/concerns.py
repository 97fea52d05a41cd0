"""Every concern a person can name: skinlab's, plus those people report that it does not measure.

The measured concerns and their labels come from ``skinlab.concerns`` (the one source); this is
the lowest app that needs the wider list (the skin profile), so the self-reported-only ones are
defined here, once. Catalogue search, articles, recommendations and the front end (through
``make api-types``, which writes ``frontend/src/lib/vocabulary.ts``) all read these names.
"""

from __future__ import annotations

from skinlab.concerns import CONCERN_LABELS as SKINLAB_CONCERN_LABELS
from skinlab.concerns import Concern

# The names skinlab measures, in the order results list them.
MEASURED_CONCERNS: tuple[str, ...] = tuple(concern.value for concern in Concern)
# Concerns people report in their skin profile that skinlab does not measure, with their labels.
SELF_REPORTED_ONLY_LABELS: dict[str, str] = {"dryness": "Dryness"}
# Every concern's one label, the measured ones first.
CONCERN_LABELS: dict[str, str] = {
    **{concern.value: label for concern, label in SKINLAB_CONCERN_LABELS.items()},
    **SELF_REPORTED_ONLY_LABELS,
}
CONCERNS: tuple[str, ...] = tuple(CONCERN_LABELS)
