"""Sign a person out of every session and API token at once."""

from __future__ import annotations

from django.db.models import F
from knox.models import AuthToken

from metskin.accounts.models import User


def user_sign_out_everywhere(*, user: User) -> None:
    """End every session and revoke every API token of ``user``.

    Used by the "sign out everywhere" button, a staff reset of two-factor, and account
    deletion. Sessions are not looked up (the database keeps them by key, not by user):
    raising the user's session generation changes the hash each session was signed in with
    (User.get_session_auth_hash), so Django signs each out on its next request. A caller
    holding a request of this user also ends that session (django.contrib.auth.logout).
    """
    User.objects.filter(pk=user.pk).update(session_generation=F("session_generation") + 1)
    user.refresh_from_db(fields=["session_generation"])
    AuthToken.objects.filter(user=user).delete()
