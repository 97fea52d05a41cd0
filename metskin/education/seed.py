"""Demo content: the articles, videos and glossary in ``content/``, and their demo reviewer."""

from __future__ import annotations

from typing import Any

from metskin.doctors.models import DoctorProfile
from metskin.education.services import content_sync

# The demo content names this profile as its medical reviewer. It is not a real person and
# it is not listed in the dermatologist directory; the article page says so.
DEMO_REVIEWER_SLUG = "metskin-demo-reviewer"
DEMO_REVIEWER = {
    "title": "Dr",
    "first_name": "Demo",
    "last_name": "Reviewer",
    "credentials": "",
    "bio": (
        "A placeholder profile for MetSkin's demo content. It is not a real doctor: before "
        "real use, each article must be reviewed by a qualified dermatologist and credited "
        "to their own profile."
    ),
    "is_listed": False,
    "accepting_new_patients": False,
}


def demo_reviewer() -> DoctorProfile:
    reviewer, _ = DoctorProfile.objects.get_or_create(
        slug=DEMO_REVIEWER_SLUG, defaults=DEMO_REVIEWER
    )
    return reviewer


def seed_demo(*, stdout: Any) -> None:
    demo_reviewer()
    report = content_sync()
    stdout.write(
        f"Education: {len(report.created)} created, {len(report.updated)} updated, "
        f"{report.unchanged} unchanged"
    )
