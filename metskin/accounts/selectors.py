"""Account reads."""

from __future__ import annotations

from metskin.accounts.models import Profile, SkinProfile, User


def profile_get(*, user: User) -> Profile:
    profile, _ = Profile.objects.get_or_create(user=user)
    return profile


def skin_profile_get(*, user: User) -> SkinProfile:
    skin_profile, _ = SkinProfile.objects.get_or_create(user=user)
    return skin_profile
