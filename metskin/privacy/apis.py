"""The privacy endpoints: delete my account, who has seen my data, export my data.

Thin views: parse, call one service, answer (docs/privacy.md).
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from metskin.accounts import apis as accounts_apis
from metskin.accounts.models import User
from metskin.privacy.deletion import account_deletion_request
from metskin.privacy.serializers import AccountDeleteInput, AccountDeleteOutput


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


class MeApi(accounts_apis.MeApi):
    """Who is signed in; DELETE (with the password) deletes the account after a grace period."""

    @extend_schema(
        request=AccountDeleteInput, responses={202: AccountDeleteOutput}, tags=["privacy"]
    )
    def delete(self, request: Request) -> Response:
        data = AccountDeleteInput(data=request.data)
        data.is_valid(raise_exception=True)
        when = account_deletion_request(
            request=request._request, user=_user(request), password=data.validated_data["password"]
        )
        days = settings.ACCOUNT_DELETION_GRACE_DAYS
        detail = (
            f"You are signed out everywhere. Your account and all its data will be deleted in "
            f"{days} days. Changed your mind? Sign in again before then to keep it."
        )
        return Response(
            AccountDeleteOutput({"deletion_scheduled_for": when, "detail": detail}).data,
            status=status.HTTP_202_ACCEPTED,
        )
