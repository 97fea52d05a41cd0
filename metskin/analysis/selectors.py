"""Reads of analyses. Access helpers answer the same 404 for "missing" and "not yours"."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from metskin.accounts.models import User
from metskin.analysis.models import Analysis, AnalysisShare, AnalysisStatus, LesionUrgency
from metskin.uploads.models import Upload


def _as_uuid(value: Any) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


def _with_upload(queryset: QuerySet[Analysis]) -> QuerySet[Analysis]:
    return queryset.select_related("upload")


def analysis_list(*, user: User) -> QuerySet[Analysis]:
    """Every analysis of ``user``, newest first."""
    return _with_upload(Analysis.objects.filter(owner=user)).order_by("-created_at")


def analysis_list_done(*, user: User, limit: int | None = None) -> list[Analysis]:
    """The finished analyses of ``user``, newest first (``limit`` of them when given)."""
    queryset = analysis_list(user=user).filter(status=AnalysisStatus.DONE)
    return list(queryset[:limit] if limit is not None else queryset)


def analysis_latest_done(*, user: User) -> Analysis | None:
    """The newest finished analysis of ``user``, or None."""
    return analysis_list(user=user).filter(status=AnalysisStatus.DONE).first()


def _shared_with(user: User) -> Q:
    if not (user.is_active and user.is_dermatologist):
        return Q(pk__in=[])
    active = AnalysisShare.objects.filter(doctor_user=user, revoked_at__isnull=True)
    return Q(pk__in=active.values("analysis_id"))


def analysis_viewable_by(*, user: User) -> QuerySet[Analysis]:
    """Analyses ``user`` may see: their own, and (as a dermatologist) those shared with them."""
    return _with_upload(Analysis.objects.filter(Q(owner=user) | _shared_with(user)))


def analysis_get_for_viewer(*, user: User, analysis_id: Any) -> Analysis:
    """The analysis for its owner or a doctor it is shared with; 404 for anyone else."""
    analysis = analysis_viewable_by(user=user).filter(pk=_as_uuid(analysis_id)).first()
    if analysis is None:
        raise Http404
    return analysis


def analysis_get_for_owner(*, user: User, analysis_id: Any) -> Analysis:
    """The analysis for its owner only (to delete it); 404 for anyone else."""
    analysis = analysis_list(user=user).filter(pk=_as_uuid(analysis_id)).first()
    if analysis is None:
        raise Http404
    return analysis


def upload_get_for_viewer(*, user: User, upload_id: Any) -> Upload:
    """An upload for whoever may see its analysis; 404 for anyone else."""
    analysis = analysis_viewable_by(user=user).filter(upload_id=_as_uuid(upload_id)).first()
    if analysis is None:
        raise Http404
    return analysis.upload


def analyses_to_recheck(*, since: datetime) -> QuerySet[Analysis]:
    """Finished analyses whose spot the triage called ``routine`` (photograph it again in
    4-8 weeks), finished after ``since``, whose spot has not been photographed again."""
    return (
        Analysis.objects.filter(
            status=AnalysisStatus.DONE,
            lesion_urgency=LesionUrgency.ROUTINE,
            finished_at__gte=since,
        )
        .exclude(later_photos__status=AnalysisStatus.DONE)
        .select_related("owner__profile")
    )


#: A "routine" spot is photographed again 4-8 weeks later: reminders and the dashboard ask
#: for it from the middle of that window.
SPOT_RECHECK_AFTER = timedelta(weeks=6)


def spots_to_recheck(*, user: User) -> list[Analysis]:
    """``user``'s analyses whose spot the triage asked to photograph again and that have not
    been photographed again yet, oldest first (the most overdue on top)."""
    return list(
        Analysis.objects.filter(
            owner=user, status=AnalysisStatus.DONE, lesion_urgency=LesionUrgency.ROUTINE
        )
        .exclude(later_photos__status=AnalysisStatus.DONE)
        .order_by("finished_at")
    )


def analysis_spot_photographed_again(*, analysis_id: Any) -> bool:
    """True when a finished later analysis says it shows the same spot."""
    return Analysis.objects.filter(same_spot_as_id=analysis_id, status=AnalysisStatus.DONE).exists()
