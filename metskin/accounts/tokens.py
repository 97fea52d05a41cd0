"""Signed, expiring email-verification tokens.

The token carries the user's id and the address being verified, signed with the secret
key, so nothing is stored. Expiry comes from the signature's timestamp; reuse is told
apart from forgery because a used token still verifies but its address is already
confirmed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core import signing

_SALT = "metskin.accounts.email-verification"


@dataclass(frozen=True)
class VerificationClaim:
    user_id: str
    email: str


class TokenExpired(Exception):
    pass


class TokenInvalid(Exception):
    pass


def make_email_verification_token(*, user_id: str, email: str) -> str:
    return signing.dumps({"u": user_id, "e": email}, salt=_SALT, compress=True)


def read_email_verification_token(token: str) -> VerificationClaim:
    try:
        data = signing.loads(token, salt=_SALT, max_age=settings.EMAIL_VERIFICATION_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise TokenExpired from exc
    except signing.BadSignature as exc:
        raise TokenInvalid from exc
    if not isinstance(data, dict) or not {"u", "e"} <= data.keys():
        raise TokenInvalid
    return VerificationClaim(user_id=str(data["u"]), email=str(data["e"]))
