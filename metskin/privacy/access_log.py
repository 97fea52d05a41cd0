"""Writes the "Who has seen your data" records (metskin.core.access_log announces reads).

Written in the request that reads, as one INSERT of all its rows into an append-only table
without foreign-key constraints (models.AccessRecord): it takes no lock another request
could hold, so it does not wait. A Celery task was considered and rejected: the broker's
round trip would cost the read as much as the insert, and a record lost with a broker
outage would be a read nobody can see. Should the insert fail all the same, the read still
happens and the failure is logged loudly (metskin.privacy), never swallowed quietly.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Q, QuerySet

from metskin.accounts.models import Role, User
from metskin.analysis.models import Analysis
from metskin.core.access_log import DataRead, Grounds, ReadKind
from metskin.privacy.models import AccessRecord
from metskin.uploads.models import MediaKind, Upload

logger = logging.getLogger("metskin.privacy")


def viewer_label(viewer: User) -> str:
    doctor = getattr(viewer, "doctor_profile", None)
    if viewer.role == Role.DERMATOLOGIST and doctor is not None:
        return str(doctor.display_name)
    if viewer.is_staff or viewer.role == Role.STAFF:
        return f"MetSkin staff ({viewer.email})"
    return viewer.email


def access_records_write(*, viewer: User, reads: Sequence[DataRead]) -> None:
    label = viewer_label(viewer)
    rows = [
        AccessRecord(
            patient_id=read.patient_id,
            viewer=viewer,
            viewer_label=label,
            kind=read.kind,
            object_id=str(read.object_id),
            grounds=read.grounds,
        )
        for read in reads
        if str(read.patient_id) != str(viewer.pk)
    ]
    if not rows:
        return
    try:
        with transaction.atomic():
            AccessRecord.objects.bulk_create(rows)
    except DatabaseError:
        logger.exception(
            "ACCESS LOG NOT WRITTEN: %s read %d item(s) of patient(s) %s",
            viewer.pk,
            len(rows),
            sorted({str(row.patient_id) for row in rows}),
        )


def media_read_to_record(*, viewer: User, file_name: str) -> DataRead | None:
    """Whose file ``file_name`` is and what it is; None for one's own file."""
    if viewer.role == Role.PATIENT and not viewer.is_staff:
        return None  # a patient is only ever served their own files (uploads/access.py)
    grounds = Grounds.DOCTOR_SHARE if viewer.role == Role.DERMATOLOGIST else Grounds.STAFF_ADMIN
    upload = (
        Upload.objects.filter(Q(file_name=file_name) | Q(thumbnail_name=file_name))
        .values("id", "owner_id", "kind")
        .first()
    )
    if upload is not None:
        kind = ReadKind.VIDEO if upload["kind"] == MediaKind.VIDEO else ReadKind.PHOTO
        return DataRead(upload["owner_id"], kind, upload["id"], grounds)
    analysis = Analysis.objects.filter(overlay_name=file_name).values("id", "owner_id").first()
    if analysis is not None:
        return DataRead(analysis["owner_id"], ReadKind.OVERLAY, analysis["id"], grounds)
    return None


def on_data_read(sender: Any, *, viewer: User, reads: Sequence[DataRead], **kwargs: Any) -> None:
    access_records_write(viewer=viewer, reads=reads)


def on_media_read(sender: Any, *, viewer: User, file_name: str, **kwargs: Any) -> None:
    read = media_read_to_record(viewer=viewer, file_name=file_name)
    if read is not None:
        access_records_write(viewer=viewer, reads=[read])


def access_log_for_patient(*, user: User) -> QuerySet[AccessRecord]:
    return AccessRecord.objects.filter(patient=user).order_by("-created_at")
