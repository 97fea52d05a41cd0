"""The privacy endpoints: delete my account, who has seen my data, export my data.

Thin views: parse, call one service, answer (docs/privacy.md).
"""

from __future__ import annotations

from django.conf import settings
from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.accounts import apis as accounts_apis
from metskin.accounts.caller import request_user
from metskin.core.pagination import DefaultPagination
from metskin.core.throttles import WriteScopedRateThrottle
from metskin.privacy import export as exports
from metskin.privacy.access_log import access_log_for_patient
from metskin.privacy.deletion import account_deletion_request
from metskin.privacy.serializers import (
    AccessRecordOutput,
    AccountDeleteInput,
    AccountDeleteOutput,
    DataExportOutput,
)
from metskin.uploads.services import media_file_open


class MeApi(accounts_apis.MeApi):
    """Who is signed in; DELETE (with the password, and for doctors and staff a two-factor
    code) deletes the account after a grace period."""

    @extend_schema(
        request=AccountDeleteInput, responses={202: AccountDeleteOutput}, tags=["privacy"]
    )
    def delete(self, request: Request) -> Response:
        data = AccountDeleteInput(data=request.data)
        data.is_valid(raise_exception=True)
        when = account_deletion_request(
            request=request._request,
            user=request_user(request),
            password=data.validated_data["password"],
            code=data.validated_data.get("code", ""),
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
            access_log_for_patient(user=request_user(request)), request, view=self
        )
        return paginator.get_paginated_response(AccessRecordOutput(page, many=True).data)


class DataExportApi(APIView):
    """Export my data: POST starts building one zip; GET shows the latest one's progress and,
    once ready, its download link."""

    # Only starting an export costs a worker; reading its progress is free.
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "data_export"

    @extend_schema(
        operation_id="me_export_status",
        responses={200: DataExportOutput, 404: OpenApiResponse(description="No export yet")},
        tags=["privacy"],
    )
    def get(self, request: Request) -> Response:
        export = exports.data_export_latest(user=request_user(request))
        if export is None:
            return Response(
                {"error": {"code": "not_found", "message": "No export yet.", "fields": {}}},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(DataExportOutput(export).data)

    @extend_schema(
        operation_id="me_export_start",
        request=None,
        responses={202: DataExportOutput},
        tags=["privacy"],
    )
    def post(self, request: Request) -> Response:
        export = exports.data_export_start(user=request_user(request))
        return Response(DataExportOutput(export).data, status=status.HTTP_202_ACCEPTED)


class DataExportDownloadApi(APIView):
    """The zip, once, for its owner, through the signed link (expires, then 410)."""

    @extend_schema(
        operation_id="me_export_download",
        responses={
            (200, "application/zip"): OpenApiResponse(OpenApiTypes.BINARY, description="The zip"),
            404: OpenApiResponse(description="Not a link for you"),
            410: OpenApiResponse(description="Already downloaded, or expired"),
        },
        tags=["privacy"],
    )
    def get(self, request: Request, token: str) -> StreamingHttpResponse:
        export = exports.data_export_claim_download(user=request_user(request), token=token)
        size, pieces = media_file_open(export.file_name)
        response = StreamingHttpResponse(pieces, content_type="application/zip")
        response["Content-Length"] = str(size)
        stamp = export.created_at.strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="metskin-export-{stamp}.zip"'
        response["Cache-Control"] = "private, no-store"
        return response
