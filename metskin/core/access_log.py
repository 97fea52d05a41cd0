"""Reads of a patient's data by someone else, announced to whoever records them.

Every app that lets a doctor or staff read a patient's analysis, photo, overlay or the
reason for a visit announces the read here; ``metskin.privacy`` listens and writes the
"Who has seen your data" record (docs/privacy.md). The apps below privacy cannot import it
(docs/architecture.md), so they send these signals instead: a read by nobody listening is
simply not recorded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.dispatch import Signal

# kwargs: viewer (a User), reads (a sequence of DataRead)
data_read = Signal()
# kwargs: viewer (a User), file_name (a stored file's name): privacy finds whose file it is.
media_read = Signal()


class Grounds:
    DOCTOR_SHARE = "doctor_share"  # the patient shared it with this doctor for a visit
    DOCTOR_APPOINTMENT = "doctor_appointment"  # the patient booked this doctor
    STAFF_ADMIN = "staff_admin"  # a staff member in the admin


class ReadKind:
    ANALYSIS = "analysis"
    PHOTO = "photo"
    VIDEO = "video"
    OVERLAY = "overlay"
    APPOINTMENT_REASON = "appointment_reason"
    # An upload's details without its picture (the admin's metadata page): when, what kind,
    # size, format. Less than a photo, still the patient's to know about.
    UPLOAD_DETAILS = "upload_details"


@dataclass(frozen=True)
class DataRead:
    patient_id: Any
    kind: str
    object_id: Any
    grounds: str


def reads_announce(*, viewer: Any, reads: Sequence[DataRead]) -> None:
    """Announce reads; the patient's own reads are not announced."""
    others = [read for read in reads if str(read.patient_id) != str(getattr(viewer, "pk", ""))]
    if others:
        data_read.send(sender=DataRead, viewer=viewer, reads=others)


def media_read_announce(*, viewer: Any, file_name: str) -> None:
    media_read.send(sender=DataRead, viewer=viewer, file_name=file_name)
