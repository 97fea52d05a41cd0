"""Consent to the terms and to the processing of skin photos as health data.

Recorded with the time and the privacy notice's version (settings.PRIVACY_NOTICE_VERSION).
A newer notice asks a patient again: the API reports ``consent_required`` on the signed-in
user, the web app shows nothing else until it is given, and the API refuses the patient's
writes meanwhile (permissions.HealthDataConsent; docs/adr/0017).
"""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from metskin.accounts.models import Consent, ConsentKind, Role, User
from metskin.core.exceptions import ApplicationError

REQUIRED_KINDS = (ConsentKind.TERMS, ConsentKind.HEALTH_DATA)


def consent_check_given(*, accept_terms: bool, health_data_consent: bool) -> None:
    """Refuse unless both boxes were ticked (a 400 naming each missing one)."""
    missing: dict[str, list[str]] = {}
    if accept_terms is not True:
        missing["accept_terms"] = ["Please accept the terms of use to continue."]
    if health_data_consent is not True:
        missing["health_data_consent"] = [
            "MetSkin analyses skin photos, which are health data: we need your explicit "
            "consent to process them."
        ]
    if missing:
        raise ApplicationError(
            "Please give the consents below to continue.", code="consent_missing", fields=missing
        )


def consent_record(*, user: User) -> list[Consent]:
    """Record the terms and health-data consents at the current notice version (idempotent)."""
    version = settings.PRIVACY_NOTICE_VERSION
    now = timezone.now()
    recorded = []
    for kind in REQUIRED_KINDS:
        try:
            with transaction.atomic():
                consent, _ = Consent.objects.get_or_create(
                    user=user, kind=kind, notice_version=version, defaults={"given_at": now}
                )
        except IntegrityError:  # the same person agreeing in two tabs at once
            consent = Consent.objects.get(user=user, kind=kind, notice_version=version)
        recorded.append(consent)
    return recorded


def consent_required(*, user: User) -> bool:
    """Whether this person must agree (again) before using the app: patients only, since
    doctors' and staff's processing is covered by their contracts."""
    if user.role != Role.PATIENT:
        return False
    given = set(
        Consent.objects.filter(
            user=user, notice_version__gte=settings.PRIVACY_NOTICE_VERSION
        ).values_list("kind", flat=True)
    )
    return not set(REQUIRED_KINDS) <= given


def consent_list(*, user: User) -> list[Consent]:
    return list(Consent.objects.filter(user=user).order_by("-given_at", "kind"))
