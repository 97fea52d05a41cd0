"""The objects every access-matrix request is made against, created through real services.

One owner (a patient) with a photo, a finished analysis, an upcoming appointment with the
doctor it is shared with, and a waitlist entry; another patient; a doctor the owner has not
shared anything with; the doctor with consent (who also owns the time-off entry); a staff
member. Doctors and staff hold a session that passed two-factor, signed in as a person does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from rest_framework.test import APIClient

from metskin.accounts.models import Role, User
from metskin.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from metskin.accounts.tests.helpers import sign_in_with_totp
from metskin.accounts.tests.test_signup_and_verification import csrf_client
from metskin.analysis.models import Analysis
from metskin.analysis.tests.factories import AnalysisFactory
from metskin.appointments.models import Appointment, WaitlistEntry
from metskin.appointments.services import appointment_book
from metskin.appointments.tests.helpers import doctor_user_with_device, doctor_with_hours
from metskin.appointments.waitlist import waitlist_join
from metskin.catalog.models import Brand, Product
from metskin.doctors.models import AvailabilityException, DoctorProfile
from metskin.doctors.services import time_off_add
from metskin.education.tests.factories import ArticleFactory, GlossaryTermFactory, VideoFactory

ACTORS = ("anon", "owner", "other", "doctor", "consent", "staff")
MEDIA_LINK = re.compile(r"/api/v1/media/([^/\"]+)/")


def _patient_client(user: User) -> APIClient:
    """A patient's session, signed in with the password through the API like the front end."""
    client = csrf_client()
    response = client.post(
        "/api/v1/auth/login/", {"email": user.email, "password": DEFAULT_PASSWORD}, format="json"
    )
    assert response.status_code == 200, response.content
    client.credentials(HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value)
    return client


@dataclass
class World:
    owner: User
    other: User
    doctor: DoctorProfile  # the doctor the owner booked and shared with
    stranger_doctor: DoctorProfile  # a doctor without consent
    analysis: Analysis
    appointment: Appointment
    entry: WaitlistEntry
    time_off: AvailabilityException
    product: Product
    clients: dict[str, APIClient] = field(default_factory=dict)
    params: dict[str, str] = field(default_factory=dict)


def build_world(*, visit: datetime, time_off_day: date) -> World:
    owner: User = UserFactory(role=Role.PATIENT, display_name="Owner")  # type: ignore[assignment]
    other: User = UserFactory(role=Role.PATIENT, display_name="Other")  # type: ignore[assignment]
    doctor = doctor_with_hours()
    doctor_user, doctor_device = doctor_user_with_device(doctor)
    stranger_doctor = doctor_with_hours()
    stranger_user, stranger_device = doctor_user_with_device(stranger_doctor)
    staff: User = UserFactory(role=Role.STAFF)  # type: ignore[assignment]

    analysis: Analysis = AnalysisFactory(owner=owner)  # type: ignore[assignment]
    appointment, _ = appointment_book(
        patient=owner,
        doctor_id=doctor.pk,
        start=visit,
        consultation_type="in_person",
        reason="A mole on my arm has changed shape.",
        shared_analysis_ids=[analysis.pk],
    )
    entry = waitlist_join(patient=owner, doctor_id=doctor.pk, reason="Anything sooner?")
    time_off = time_off_add(doctor=doctor, start_date=time_off_day, end_date=time_off_day)
    brand, _ = Brand.objects.get_or_create(name="Matrix Labs")
    product = Product.objects.create(
        brand=brand, name="Plain Cream", category="moisturizer", source="test", external_id="m1"
    )
    article = ArticleFactory()
    video = VideoFactory()
    term = GlossaryTermFactory()

    clients = {
        "anon": APIClient(),
        "owner": _patient_client(owner),
        "other": _patient_client(other),
        "doctor": sign_in_with_totp(stranger_user, stranger_device),
        "consent": sign_in_with_totp(doctor_user, doctor_device),
        "staff": sign_in_with_totp(staff),
    }
    detail = clients["owner"].get(f"/api/v1/analyses/{analysis.pk}/")
    link = MEDIA_LINK.search(detail.content.decode())
    assert link, f"no media link in the owner's analysis: {detail.content[:300]!r}"
    shared = clients["consent"].get(f"/api/v1/analyses/{analysis.pk}/")
    doctor_link = MEDIA_LINK.search(shared.content.decode())
    assert doctor_link, f"no media link in the shared analysis: {shared.content[:300]!r}"

    # A route's <name> parameters are filled from here; a new parameter needs one line.
    params: dict[str, str] = {
        "analysis_id": str(analysis.pk),
        "upload_id": str(analysis.upload_id),
        "appointment_id": str(appointment.pk),
        "doctor_id": str(doctor.pk),
        "entry_id": str(entry.pk),
        "exception_id": str(time_off.pk),
        "product_id": str(product.pk),
        "token": link.group(1),
        "doctor_token": doctor_link.group(1),
        "slug": str(article.slug),
        "category": "concerns",
        "concern": "acne",
        "key": "retinoid",
        "name": "missing",
        "video_slug": str(video.slug),
        "term_slug": str(term.slug),
    }
    world = World(
        owner=owner,
        other=other,
        doctor=doctor,
        stranger_doctor=stranger_doctor,
        analysis=analysis,
        appointment=appointment,
        entry=entry,
        time_off=time_off,
        product=product,
        clients=clients,
        params=params,
    )
    return world


def fill(route: str, params: dict[str, str], overrides: dict[str, str] | None = None) -> str:
    """The path for a resolver pattern such as ``api/v1/analyses/<str:analysis_id>/``."""
    values = {**params, **(overrides or {})}

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"no value for <{name}> in {route}: add it to world.params")
        return values[name]

    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", value, route)
