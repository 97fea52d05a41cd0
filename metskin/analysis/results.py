"""The one reader of stored results: an Analysis row's JSON as skinlab's typed result.

The worker stores ``skinlab.AnalysisResult.to_dict()``; everything in ``metskin`` that reads
a result goes through :func:`result_of` (or :func:`result_from_stored`) and works with the
typed, frozen dataclasses, never with ``.get(...) or {}`` on the dict. A stored result that
does not fit the dataclasses (a renamed or dropped field, an unknown vocabulary value) raises
:class:`StoredResultMismatch` instead of reading as None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import skinlab
from metskin.analysis.models import Analysis, AnalysisStatus

_CACHE_ATTRIBUTE = "_typed_result"


class StoredResultMismatch(Exception):
    """A stored result does not match skinlab's result dataclasses."""


def result_from_stored(data: Mapping[str, Any]) -> skinlab.AnalysisResult:
    """A stored result dict as skinlab's typed result; raises StoredResultMismatch."""
    try:
        return skinlab.AnalysisResult.from_dict(dict(data))
    except (KeyError, TypeError, ValueError) as exc:
        raise StoredResultMismatch(
            f"A stored analysis result does not match skinlab's result (schema "
            f"{data.get('schema_version')!r}): {exc!r}"
        ) from exc


def result_of(analysis: Analysis) -> skinlab.AnalysisResult | None:
    """The typed result of a finished analysis, or None before it is done.

    Built once per row object (a serializer reads it for the summary, the phototype and the
    result itself).
    """
    if analysis.status != AnalysisStatus.DONE or not analysis.result:
        return None
    cached = analysis.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is not None and cached[0] is analysis.result:
        result: skinlab.AnalysisResult = cached[1]
        return result
    result = result_from_stored(analysis.result)
    analysis.__dict__[_CACHE_ATTRIBUTE] = (analysis.result, result)
    return result
