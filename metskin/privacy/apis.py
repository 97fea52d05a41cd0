"""The privacy endpoints: delete my account, who has seen my data, export my data.

Thin views: parse, call one service, answer (docs/privacy.md).
"""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.accounts import apis as accounts_apis
from metskin.accounts.models import User
from metskin.core.pagination import DefaultPagination
from metskin.privacy.access_log import access_log_for_patient
from metskin.privacy.deletion import account_deletion_request
from metskin.privacy.serializers import (
    AccessRecordOutput,
    AccountDeleteInput,
    AccountDeleteOutput,
)


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


class AccessLogApi(APIView):
    """Who has seen your data: every read of your analyses, photos, overlays and appointment
    reasons by a doctor or by MetSkin staff, newest first."""

    @extend_schema(
        operation_id="me_access_log",
        parameters=[
            OpenApiParameter("page", int, required=False),
            OpenApiParameter("page_size", int, required=False),
        ],
        responses={
            200: inline_serializer(
                "AccessLogPage",
                {
                    "count": serializers.IntegerField(),
                    "next": serializers.URLField(allow_null=True),
                    "previous": serializers.URLField(allow_null=True),
                    "results": AccessRecordOutput(many=True),
                },
            )
        },
        tags=["privacy"],
    )
    def get(self, request: Request) -> Response:
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(
            access_log_for_patient(user=_user(request)), request, view=self
        )
        return paginator.get_paginated_response(AccessRecordOutput(page, many=True).data)
