"""Writes of the analysis use case: upload and analyse, run, fail, delete, share."""

from __future__ import annotations

import dataclasses
import logging
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

import skinlab
from metskin.accounts.models import User
from metskin.analysis.lease import LeaseKeeper
from metskin.analysis.models import Analysis, AnalysisShare, AnalysisStatus, LesionUrgency
from metskin.analysis.results import result_of
from metskin.core.enqueue import enqueue
from metskin.core.exceptions import ApplicationError
from metskin.uploads.models import MediaKind
from metskin.uploads.services import (
    MediaUnreadable,
    media_file_save,
    media_files_delete,
    media_name,
    upload_accept,
    upload_delete,
    upload_local_copy,
    upload_original_discard,
    upload_video_clean,
)

logger = logging.getLogger(__name__)

# Errors worth another try later: the database, the broker or the storage hiccuped.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    OperationalError,
    InterfaceError,
    ConnectionError,
    TimeoutError,
)
MESSAGE_OUR_SIDE = (
    "We could not finish this analysis because of a problem on our side. "
    "Please upload the photo again in a few minutes."
)
MESSAGE_TOO_SLOW = (
    "This took too long to analyse. Try again with a photo, or a shorter video (10 to 20 seconds)."
)
MESSAGE_VIDEO_UNREADABLE = (
    "We could not read the frames of this video. Record it again with your phone's camera app "
    "and upload the new file."
)
# Progress is written at most this often, so a run costs a handful of small UPDATEs.
PROGRESS_INTERVAL_S = 0.4


def analysis_enqueue(*, analysis_id: str) -> bool:
    """Queue the analysis task; False, and logged, when the broker cannot take it now.

    Never raises: it runs once the upload is committed, where an error would turn a stored
    upload into a 500. What could not be queued stays ``pending`` and the sweeper
    (:func:`analysis_requeue_stuck`, every minute from beat) queues it again.
    """
    try:
        enqueue("analysis.run", analysis_id)
    except Exception:  # the broker's errors come in many kinds; none may fail the upload
        logger.exception("Could not queue analysis %s; the sweeper will retry", analysis_id)
        return False
    return True


def _earlier_photo(*, owner: User, analysis_id: uuid.UUID | None) -> Analysis | None:
    """The owner's finished analysis of the same spot, or a 400 naming ``same_spot_as``."""
    if analysis_id is None:
        return None
    earlier = Analysis.objects.filter(
        pk=analysis_id, owner=owner, status=AnalysisStatus.DONE
    ).first()
    if earlier is None:
        raise ApplicationError(
            "The earlier photo of this spot was not found among your finished analyses.",
            fields={"same_spot_as": ["Not one of your finished analyses."]},
        )
    return earlier


def analysis_request(
    *,
    owner: User,
    uploaded: UploadedFile,
    spot_answers: skinlab.SpotAnswers | None = None,
    same_spot_as: uuid.UUID | None = None,
) -> Analysis:
    """Check and store an uploaded photo or video, and queue its analysis.

    ``spot_answers``: what the person said about the spot (already checked by
    ``skinlab.parse_answers``); ``same_spot_as``: the id of their earlier analysis of the
    same spot. Both are checked before anything is stored.
    """
    earlier = _earlier_photo(owner=owner, analysis_id=same_spot_as)
    with upload_accept(owner=owner, uploaded=uploaded) as upload:
        analysis = Analysis(
            owner=owner,
            upload=upload,
            spot_answers=spot_answers.to_dict() if spot_answers else None,
            same_spot_as=earlier,
        )
        analysis.full_clean()
        analysis.save()
        analysis_id = str(analysis.id)
        transaction.on_commit(lambda: analysis_enqueue(analysis_id=analysis_id))
    return analysis


def analysis_delete(*, analysis: Analysis) -> None:
    """Delete an analysis with its upload; the files go once that is committed."""
    with transaction.atomic():
        upload = analysis.upload
        analysis.delete()
        upload_delete(upload=upload)


# --- sharing with a dermatologist ---------------------------------------------------------


def analysis_share_grant(
    *, analysis: Analysis, doctor_user: User, expires_at: datetime | None = None
) -> AnalysisShare:
    """Let a dermatologist see ``analysis`` until ``expires_at`` (None: until revoked).

    Granting again keeps one share and sets its end to the one given now.
    """
    if not doctor_user.is_dermatologist or not doctor_user.is_active:
        raise ApplicationError(
            "Analyses can only be shared with a dermatologist.", code="not_a_dermatologist"
        )
    if doctor_user.pk == analysis.owner_id:
        raise ApplicationError("You cannot share an analysis with yourself.", code="invalid")
    with transaction.atomic():
        share, created = AnalysisShare.objects.select_for_update().get_or_create(
            analysis=analysis, doctor_user=doctor_user, defaults={"expires_at": expires_at}
        )
        if not created and (share.revoked_at is not None or share.expires_at != expires_at):
            if share.revoked_at is not None:
                share.granted_at = timezone.now()
                share.revoked_at = None
            share.expires_at = expires_at
            share.full_clean()
            share.save(update_fields=("granted_at", "revoked_at", "expires_at", "updated_at"))
    return share


def analysis_share_revoke(*, analysis: Analysis, doctor_user: User) -> None:
    """Stop sharing ``analysis`` with a doctor (nothing happens if it was not shared)."""
    AnalysisShare.objects.filter(
        analysis=analysis, doctor_user=doctor_user, revoked_at__isnull=True
    ).update(revoked_at=timezone.now(), updated_at=timezone.now())


# --- running an analysis (called by the Celery task) ---------------------------------------


@dataclass(frozen=True)
class RunOutcome:
    """What a delivery of the task did: ``done``, ``failed``, ``skipped`` or ``busy``."""

    state: str
    retry_in_s: float = 0.0


@dataclass(frozen=True)
class _Claim:
    analysis: Analysis
    token: uuid.UUID

    def rows(self) -> Any:
        return Analysis.objects.filter(pk=self.analysis.pk, claim_token=self.token)


def _claimable(now: datetime) -> Q:
    """No live run holds these: ``pending``, or ``running`` with an expired lease."""
    return Q(status=AnalysisStatus.PENDING) | Q(
        status=AnalysisStatus.RUNNING, claimed_until__lt=now
    )


def analysis_claim(*, analysis_id: str) -> _Claim | RunOutcome:
    """Claim the analysis for this run with one conditional UPDATE.

    Claimable: ``pending``, or ``running`` with an expired lease (its worker crashed).
    A finished or deleted analysis is skipped; one that another run holds is ``busy``.
    """
    now = timezone.now()
    token = uuid.uuid4()
    claimed = (
        Analysis.objects.filter(pk=analysis_id)
        .filter(_claimable(now))
        .update(
            status=AnalysisStatus.RUNNING,
            claim_token=token,
            claimed_until=now + timedelta(seconds=settings.ANALYSIS_CLAIM_SECONDS),
            attempts=F("attempts") + 1,
            started_at=now,
            stage="starting",
            updated_at=now,
        )
    )
    if claimed == 1:
        analysis = Analysis.objects.select_related("upload").get(pk=analysis_id)
        return _Claim(analysis=analysis, token=token)
    current = Analysis.objects.filter(pk=analysis_id).first()
    if current is None or current.is_finished or current.claimed_until is None:
        return RunOutcome("skipped")
    return RunOutcome("busy", retry_in_s=max(1.0, (current.claimed_until - now).total_seconds()))


class _Progress:
    """Writes progress (0–100) and stage on the row: only forward, and not too often."""

    def __init__(self, claim: _Claim) -> None:
        self.claim = claim
        self.percent = 0
        self.stage = "starting"
        self.written_at = 0.0

    def __call__(self, stage: str, percent: float, *, force: bool = False) -> None:
        percent_int = max(self.percent, min(99, int(percent)))
        stage = stage[:32]
        now = time.monotonic()
        if not force and (
            (percent_int == self.percent and stage == self.stage)
            or now - self.written_at < PROGRESS_INTERVAL_S
        ):
            return
        self.claim.rows().filter(progress__lte=percent_int).update(
            progress=percent_int, stage=stage
        )
        self.percent, self.stage, self.written_at = percent_int, stage, now

    def span(self, start: float, end: float) -> Callable[[str, float], None]:
        """An ``on_progress(stage, fraction)`` for one step, mapped onto [start, end]."""

        def report(stage: str, fraction: float) -> None:
            self(stage, start + (end - start) * max(0.0, min(1.0, fraction)))

        return report


def _options() -> skinlab.AnalysisOptions:
    return skinlab.AnalysisOptions(
        overlay=True,
        max_pixels=settings.UPLOAD_PHOTO_MAX_PIXELS,
        # The upload was checked already; allow the container's rounding.
        video_max_duration_s=settings.UPLOAD_VIDEO_MAX_SECONDS + 1,
    )


def _fail(claim: _Claim, *, code: str, message: str) -> RunOutcome:
    now = timezone.now()
    claim.rows().update(
        status=AnalysisStatus.FAILED,
        error_code=code[:40],
        error_message=message,
        finished_at=now,
        claimed_until=None,
        stage="failed",
        updated_at=now,
    )
    return RunOutcome("failed")


def _release(claim: _Claim) -> None:
    """Give the claim back so the retry of this task can take it at once."""
    claim.rows().filter(status=AnalysisStatus.RUNNING).update(
        status=AnalysisStatus.PENDING,
        claim_token=None,
        claimed_until=None,
        stage="retrying",
        updated_at=timezone.now(),  # the sweeper leaves a row touched this recently alone
    )


def analysis_execute(*, analysis_id: str) -> RunOutcome:
    """Run skinlab on the analysis' upload and store the result, exactly once.

    Safe to call any number of times for one analysis (a re-delivered task, a retry, two
    deliveries at once): the conditional claim lets one run work, the fencing token lets only
    that run write, and a finished analysis is never touched again.
    """
    claim = analysis_claim(analysis_id=analysis_id)
    if isinstance(claim, RunOutcome):
        return claim
    progress = _Progress(claim)
    try:
        with LeaseKeeper(claim.rows):
            _forget_orphan_overlay(claim)
            return _run(claim, progress)
    except TRANSIENT_ERRORS:
        _release(claim)
        raise
    except SoftTimeLimitExceeded:
        return _too_slow(claim)
    except skinlab.InternalError as exc:
        # skinlab lets no foreign exception out: Celery's soft time limit, raised while
        # skinlab decodes or measures (most of a run), arrives wrapped in its InternalError.
        if isinstance(exc.__cause__, SoftTimeLimitExceeded):
            return _too_slow(claim)
        logger.exception("skinlab failed on analysis %s", analysis_id)
        return _fail(claim, code="internal_error", message=MESSAGE_OUR_SIDE)
    except skinlab.ConfigurationError as exc:
        # The engine's message tells an operator what to do ("reinstall ... make install");
        # the person who uploaded the photo can do nothing about it and is told so.
        logger.error("Analysis %s: the engine is misconfigured: %s", analysis_id, exc.message)
        return _fail(claim, code=exc.code, message=MESSAGE_OUR_SIDE)
    except skinlab.SkinlabError as exc:
        if exc.code in _MEDIA_REFUSED:
            _raw_video_drop(claim)
        message = exc.message
        if isinstance(exc, skinlab.VideoTooLong):  # skinlab's limit has a second of slack
            message = (
                f"This video lasts more than {settings.UPLOAD_VIDEO_MAX_SECONDS:.0f} seconds, "
                "the longest we accept. Record a shorter video: 10 to 20 seconds turning "
                "your face slowly is enough."
            )
        return _fail(claim, code=exc.code, message=message)
    except MediaUnreadable:
        logger.exception("Media of analysis %s could not be read back", analysis_id)
        return _fail(claim, code="storage_error", message=MESSAGE_OUR_SIDE)
    except Exception:
        logger.exception("Analysis %s failed", analysis_id)
        return _fail(claim, code="internal_error", message=MESSAGE_OUR_SIDE)


# The media itself is refused (what the web process could not see from the header alone:
# a duration-less video found too long, frames that do not decode): its original goes.
_MEDIA_REFUSED = frozenset(
    {"video_too_long", "corrupt_media", "unsupported_media", "empty_input", "image_too_large"}
)


def _too_slow(claim: _Claim) -> RunOutcome:
    """A run stopped by the time limit is never tried again, so a video's raw original (its
    metadata not yet stripped) goes now rather than with the retention sweep a day later."""
    _raw_video_drop(claim)
    return _fail(claim, code="too_slow", message=MESSAGE_TOO_SLOW)


def _raw_video_drop(claim: _Claim) -> None:
    """Delete the raw original of a video the worker refused; the failed row says why."""
    upload = claim.analysis.upload
    if upload.kind == MediaKind.VIDEO and not upload.sanitized:
        logger.info("Video %s refused by the worker: its original is deleted", upload.pk)
        upload_original_discard(upload=upload)


def _forget_orphan_overlay(claim: _Claim) -> None:
    """A run that crashed after saving its overlay left the name on the row: delete it."""
    if claim.analysis.overlay_name:
        media_files_delete([claim.analysis.overlay_name])
        claim.rows().update(overlay_name="")


# A profile's age range tells which side of 50 the person is on (the triage's age feature)
# except for 45–54: a representative age on the right side, or None.
_AGE_FROM_RANGE = {
    "under_18": 17,
    "18_24": 24,
    "25_34": 34,
    "35_44": 44,
    "55_64": 55,
    "65_plus": 65,
}


def _answers_for_run(analysis: Analysis) -> skinlab.SpotAnswers | None:
    """The stored answers, with the age taken from the profile when it was not given."""
    if analysis.spot_answers is None:
        return None
    answers = skinlab.parse_answers(analysis.spot_answers)
    if answers.age is None:
        profile = getattr(analysis.owner, "profile", None)
        age = _AGE_FROM_RANGE.get(getattr(profile, "age_range", "") or "")
        if age is not None:
            answers = dataclasses.replace(answers, age=age)
    return answers


def _earlier_lesion(analysis: Analysis) -> dict[str, Any] | None:
    """The lesion details of the earlier photo of the same spot, if it has them."""
    earlier = analysis.same_spot_as
    result = result_of(earlier) if earlier is not None else None
    lesion = result.concern(skinlab.Concern.LESION) if result is not None else None
    return dict(lesion.details) if lesion is not None else None


def _run(claim: _Claim, progress: _Progress) -> RunOutcome:
    upload = claim.analysis.upload
    is_video = upload.kind == MediaKind.VIDEO
    progress("reading", 3, force=True)
    with upload_local_copy(upload=upload) as path:
        result = skinlab.analyze(
            path,
            options=_options(),
            on_progress=progress.span(5, 60 if is_video else 94),
            answers=_answers_for_run(claim.analysis),
            previous_lesion=_earlier_lesion(claim.analysis),
        )
        if is_video:
            try:
                upload_video_clean(
                    upload=upload,
                    source_path=path,
                    on_progress=progress.span(60, 95),
                )
            except ValueError:
                logger.exception("Could not re-encode the video of analysis %s", upload.pk)
                _raw_video_drop(claim)
                return _fail(claim, code="video_unreadable", message=MESSAGE_VIDEO_UNREADABLE)
    progress("saving", 96, force=True)
    return _finish(claim, result)


def _lesion_urgency(result: skinlab.AnalysisResult) -> str:
    lesion = result.concern("lesion")
    urgency = lesion.details.get("urgency") if lesion is not None else None
    return str(urgency) if urgency in LesionUrgency.values else ""


def _finish(claim: _Claim, result: skinlab.AnalysisResult) -> RunOutcome:
    overlay_name = ""
    if result.overlay_jpeg:
        overlay_name = media_name("overlays", "jpg")
        # Write-ahead: record the name first, so a crash after the save leaves no orphan.
        if claim.rows().update(overlay_name=overlay_name) != 1:
            return RunOutcome("skipped")
        media_file_save(overlay_name, result.overlay_jpeg)
    now = timezone.now()
    finished = (
        claim.rows()
        .filter(status=AnalysisStatus.RUNNING)
        .update(
            status=AnalysisStatus.DONE,
            result=result.to_dict(),
            lesion_urgency=_lesion_urgency(result),
            progress=100,
            stage="done",
            finished_at=now,
            claimed_until=None,
            error_code="",
            error_message="",
            updated_at=now,
        )
    )
    if finished != 1:
        # Deleted meanwhile, or our lease ran out and another run took over: not ours to keep.
        if overlay_name:
            media_files_delete([overlay_name])
        return RunOutcome("skipped")
    return RunOutcome("done")


def _give_up(rows: QuerySet[Analysis], now: datetime) -> int:
    """Fail ``rows`` as "our side, try later", releasing any claim; returns how many."""
    return rows.update(
        status=AnalysisStatus.FAILED,
        error_code="temporarily_unavailable",
        error_message=MESSAGE_OUR_SIDE,
        finished_at=now,
        claim_token=None,
        claimed_until=None,
        stage="failed",
        updated_at=now,
    )


def analysis_fail_after_retries(*, analysis_id: str) -> None:
    """The task gave up on a transient error: say so on the row, whoever held it."""
    _give_up(
        Analysis.objects.filter(
            pk=analysis_id, status__in=(AnalysisStatus.PENDING, AnalysisStatus.RUNNING)
        ),
        timezone.now(),
    )


# --- the sweeper (a beat task) ---------------------------------------------------------------
# At most this many analyses are queued again per sweep; the next sweep takes the rest.
REQUEUE_BATCH = 200


def analysis_requeue_stuck() -> list[str]:
    """Queue again the analyses no run is working on; returns the ids queued.

    Stuck means: ``pending`` and untouched for ANALYSIS_REQUEUE_AFTER_SECONDS (its task never
    reached the broker), or ``running`` with a lease that ran out (its worker died, so the
    lease keeper stopped renewing it; metskin/analysis/lease.py). The task's own claim decides
    who runs it, so a duplicate delivery is harmless. Each row is taken with a conditional
    UPDATE of ``updated_at``, so it is queued at most once per period even when two sweeps
    overlap. An analysis that has used ANALYSIS_MAX_ATTEMPTS (a file that keeps killing its
    worker) fails with a message.
    """
    now = timezone.now()
    pending_cutoff = now - timedelta(seconds=settings.ANALYSIS_REQUEUE_AFTER_SECONDS)
    # A row queued again is left alone for one lease, time for a worker to claim it.
    running_cutoff = now - timedelta(seconds=settings.ANALYSIS_CLAIM_SECONDS)
    stuck = Analysis.objects.filter(
        Q(status=AnalysisStatus.PENDING, updated_at__lt=pending_cutoff)
        | Q(status=AnalysisStatus.RUNNING, claimed_until__lt=now, updated_at__lt=running_cutoff)
    )
    given_up = _give_up(stuck.filter(attempts__gte=settings.ANALYSIS_MAX_ATTEMPTS), now)
    if given_up:
        logger.error(
            "Gave up %d analyses after %d attempts", given_up, settings.ANALYSIS_MAX_ATTEMPTS
        )
    candidates = stuck.order_by("created_at").values_list("pk", flat=True)[:REQUEUE_BATCH]
    requeued: list[str] = []
    for analysis_id in list(candidates):
        taken = stuck.filter(pk=analysis_id).update(updated_at=now)
        # The rows are committed already (autocommit): the worker finds them at once.
        if taken == 1 and analysis_enqueue(analysis_id=str(analysis_id)):
            requeued.append(str(analysis_id))
    if requeued:
        logger.warning("Queued %d stuck analyses again: %s", len(requeued), requeued)
    return requeued
