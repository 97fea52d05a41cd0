"""Account reads."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from metskin.accounts.models import Profile, SkinProfile, User


def profile_get(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def skin_profile_get(*, user: User) -> SkinProfile:
    skin_profile, _ = SkinProfile.objects.get_or_create(user=user)
    return skin_profile


def profile_zone(profile: Profile | None) -> ZoneInfo:
    """The person's time zone; UTC without a profile or when the stored name is not a zone."""
    try:
        return ZoneInfo(profile.time_zone if profile else "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")
