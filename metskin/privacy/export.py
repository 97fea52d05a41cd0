"""Export everything MetSkin keeps about a person as one zip (GDPR art. 15 and 20).

POST /api/v1/me/export/ creates a DataExport and queues ``privacy.export_build``. The worker
writes the zip to a temporary file entry by entry: the JSON documents, then each original
photo, video and overlay decrypted a chunk at a time (uploads' media_file_read), so memory
holds one chunk, never a whole file or the whole zip. The zip is then stored encrypted in
the private storage, like the photos. It is downloaded once, through a signed link that
expires after DATA_EXPORT_LINK_HOURS, by the signed-in owner only.
"""

from __future__ import annotations

import json
import logging
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files.base import File
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from metskin.accounts.models import Consent, User
from metskin.accounts.serializers import ProfileSerializer, SkinProfileSerializer
from metskin.analysis.models import Analysis
from metskin.appointments.models import Appointment, WaitlistEntry
from metskin.core.enqueue import enqueue_on_commit
from metskin.core.exceptions import ApplicationError
from metskin.privacy.models import AccessRecord, DataExport, ExportStatus
from metskin.uploads.models import Upload
from metskin.uploads.services import media_file_read, media_file_save, media_name

logger = logging.getLogger("metskin.privacy")

_SALT = "metskin.privacy.export"
LIVE = (ExportStatus.PENDING, ExportStatus.RUNNING)


# --- services ------------------------------------------------------------------------------


def data_export_start(*, user: User) -> DataExport:
    """A new export, queued; one already being built is returned instead."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one start at a time
        live = DataExport.objects.filter(user=user, status__in=LIVE).first()
        if live is not None:
            return live
        export = DataExport.objects.create(user=user)
        enqueue_on_commit("privacy.export_build", str(export.pk))
    return export


def data_export_latest(*, user: User) -> DataExport | None:
    return DataExport.objects.filter(user=user).order_by("-created_at").first()


def export_link_token(export: DataExport) -> str:
    return signing.dumps({"e": str(export.pk), "u": str(export.user_id)}, salt=_SALT)


def data_export_claim_download(*, user: User, token: str) -> DataExport:
    """The export a link names, claimed for its one download (a second use is refused)."""
    max_age = settings.DATA_EXPORT_LINK_HOURS * 3600
    try:
        claim = signing.loads(token, salt=_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise ApplicationError(
            "This download link has expired. Ask for a new export from your account page.",
            code="link_expired",
            status_code=410,
        ) from exc
    except signing.BadSignature as exc:
        raise ApplicationError("Not a download link.", code="not_found", status_code=404) from exc
    if claim.get("u") != str(user.pk):
        raise ApplicationError("Not a download link.", code="not_found", status_code=404)
    now = timezone.now()
    claimed = DataExport.objects.filter(
        pk=claim.get("e"), user=user, status=ExportStatus.READY, expires_at__gt=now
    ).update(status=ExportStatus.DOWNLOADED, downloaded_at=now)
    if claimed != 1:
        raise ApplicationError(
            "This export was already downloaded or has expired. Ask for a new one from your "
            "account page.",
            code="link_used",
            status_code=410,
        )
    return DataExport.objects.get(pk=claim["e"])


# --- the worker's part ---------------------------------------------------------------------


def _json(data: Any) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()


def _documents(user: User) -> Iterator[tuple[str, Any]]:
    yield (
        "account.json",
        {
            "account": {
                "id": user.pk,
                "email": user.email,
                "role": user.role,
                "date_joined": user.date_joined,
                "email_verified_at": user.email_verified_at,
            },
            "profile": ProfileSerializer(user.profile).data,
            "skin_profile": SkinProfileSerializer(user.skin_profile).data,
        },
    )
    analyses = Analysis.objects.filter(owner=user).select_related("upload").order_by("created_at")
    yield (
        "analyses.json",
        [
            {
                "id": a.pk,
                "created_at": a.created_at,
                "finished_at": a.finished_at,
                "status": a.status,
                "result": a.result,
                "spot_answers": a.spot_answers,
                "lesion_urgency": a.lesion_urgency,
                "error_message": a.error_message,
                # None: the worker refused the file and deleted it (error_message says why).
                "media_file": None if a.upload.discarded_at else _media_path(a.upload),
                "overlay_file": _overlay_path(a.pk, a.overlay_name) if a.overlay_name else None,
            }
            for a in analyses
        ],
    )
    appointments = (
        Appointment.objects.filter(patient=user)
        .select_related("doctor")
        .prefetch_related("shared_analyses")
        .order_by("start")
    )
    yield (
        "appointments.json",
        [
            {
                "id": a.pk,
                "doctor": a.doctor.display_name,
                "start": a.start,
                "end": a.end,
                "consultation_type": a.consultation_type,
                "status": a.status,
                "reason": a.reason,
                "cancelled_at": a.cancelled_at,
                "cancelled_by": a.cancelled_by,
                "cancel_reason": a.cancel_reason,
                "shared_analyses": [str(s.pk) for s in a.shared_analyses.all()],
            }
            for a in appointments
        ],
    )
    yield (
        "waitlist.json",
        [
            {
                "created_at": w.created_at,
                "doctor": w.doctor.display_name,
                "consultation_type": w.consultation_type,
                "reason": w.reason,
                "status": w.status,
            }
            for w in WaitlistEntry.objects.filter(patient=user)
            .select_related("doctor")
            .order_by("created_at")
        ],
    )
    yield (
        "consents.json",
        list(
            Consent.objects.filter(user=user)
            .order_by("given_at")
            .values("kind", "notice_version", "given_at")
        ),
    )
    yield (
        "access_log.json",
        list(
            AccessRecord.objects.filter(patient=user)
            .order_by("created_at")
            .values("created_at", "viewer_label", "kind", "object_id", "grounds")
        ),
    )


def _media_path(upload: Upload) -> str:
    return f"media/{upload.pk}.{upload.source_format}"


def _overlay_path(pk: object, stored_name: str) -> str:
    """The overlay's path in the zip, with its stored format's extension (JPEG; PNG before
    skinlab 0.5.2)."""
    return f"overlays/{pk}{PurePosixPath(stored_name).suffix or '.jpg'}"


def _media(user: User) -> list[tuple[str, str]]:
    """(path in the zip, stored name) of every original photo, video and overlay."""
    kept = Upload.objects.filter(owner=user, discarded_at__isnull=True)
    files = [(_media_path(u), u.file_name) for u in kept]
    files += [
        (_overlay_path(pk, name), name)
        for pk, name in Analysis.objects.filter(owner=user)
        .exclude(overlay_name="")
        .values_list("pk", "overlay_name")
    ]
    return files


def _set_progress(export: DataExport, progress: int) -> None:
    DataExport.objects.filter(pk=export.pk).update(progress=min(progress, 99))


def data_export_build(*, export_id: str) -> DataExport | None:
    """Build the zip of one export (idempotent: only the claim of a pending export works)."""
    claimed = DataExport.objects.filter(pk=export_id, status=ExportStatus.PENDING).update(
        status=ExportStatus.RUNNING, progress=0
    )
    if claimed != 1:
        return None
    export = DataExport.objects.select_related("user__profile", "user__skin_profile").get(
        pk=export_id
    )
    try:
        media = _media(export.user)
        with tempfile.TemporaryFile() as scratch:
            with zipfile.ZipFile(scratch, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(
                    "README.txt",
                    "Everything MetSkin keeps about you, exported on "
                    f"{timezone.now():%Y-%m-%d %H:%M} UTC. The JSON files hold your account, "
                    "analyses, appointments, consents and who has seen your data; media/ "
                    "holds your original photos and videos, overlays/ the analysis overlays.\n",
                )
                for name, data in _documents(export.user):
                    archive.writestr(name, _json(data))
                for done, (path, stored) in enumerate(media, start=1):
                    # Photos are already compressed: stored as they are, a chunk at a time.
                    with archive.open(
                        zipfile.ZipInfo(path, date_time=timezone.now().timetuple()[:6]),
                        "w",
                        force_zip64=True,
                    ) as entry:
                        for piece in media_file_read(stored):
                            entry.write(piece)
                    if done % 5 == 0 or done == len(media):
                        _set_progress(export, 5 + int(90 * done / len(media)))
            size = scratch.tell()
            scratch.seek(0)
            name = media_file_save(media_name("exports", "zip"), File(scratch, name="export.zip"))
    except Exception as exc:
        logger.exception("data export %s failed", export_id)
        DataExport.objects.filter(pk=export_id).update(
            status=ExportStatus.FAILED,
            error_message="The export could not be built. Please try again later.",
        )
        raise exc
    expires = timezone.now() + timedelta(hours=settings.DATA_EXPORT_LINK_HOURS)
    DataExport.objects.filter(pk=export_id).update(
        status=ExportStatus.READY,
        progress=100,
        file_name=name,
        size_bytes=size,
        expires_at=expires,
    )
    export.refresh_from_db()
    return export
