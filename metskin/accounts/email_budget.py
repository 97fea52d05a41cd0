"""How many account emails (password reset, verification, two-factor set-up) one address
may receive an hour, counted in the shared cache.

Counted per address asked for, whether or not an account uses it, so the answer reveals
nothing about who has an account; rotating client addresses does not reset it.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from rest_framework import status

from metskin.core.exceptions import ApplicationError

HOUR = 3600


def _key(email: str) -> str:
    window = int(time.time()) // HOUR
    return f"account-emails:{window}:" + hashlib.sha256(email.encode()).hexdigest()


def account_email_allowed(email: str) -> bool:
    """Spend one email of ``email``'s hourly budget; False when it is used up."""
    key = _key(email)
    cache.add(key, 0, HOUR)
    try:
        sent = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, HOUR)
        sent = 1
    return sent <= settings.ACCOUNT_EMAILS_PER_HOUR


def too_many_emails() -> ApplicationError:
    wait = HOUR - int(time.time()) % HOUR
    return ApplicationError(
        "We have already sent several emails to this address in the last hour. Check the "
        "inbox and spam folder, or try again later.",
        code="too_many_emails",
        status_code=status.HTTP_429_TOO_MANY_REQUESTS,
        extra={"retry_after_seconds": wait},
    )


def account_email_spend(email: str) -> None:
    """Spend one email of the budget or refuse with a 429 that says when to try again."""
    if not account_email_allowed(email):
        raise too_many_emails()
