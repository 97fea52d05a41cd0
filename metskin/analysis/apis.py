"""Upload-and-analyse, analyses, history and compare under /api/v1/.

POST /uploads/ lives here (not in ``uploads``) because it is this app's use case: store the
file through ``uploads``, then start an analysis (docs/architecture.md).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from metskin.accounts.caller import request_user
from metskin.analysis import selectors, services
from metskin.analysis.compare import analyses_compare
from metskin.analysis.models import Analysis, AnalysisStatus
from metskin.analysis.serializers import (
    AnalysisDetailOutput,
    AnalysisListItemOutput,
    CompareInput,
    CompareOutput,
    SpotToRecheckOutput,
    UploadCreateInput,
    UploadCreateOutput,
    UploadDetailOutput,
)
from metskin.core.access_log import DataRead, Grounds, ReadKind, reads_announce
from metskin.core.exceptions import ApplicationError
from metskin.core.pagination import DefaultPagination, paginated
from metskin.uploads.services import upload_body_check, upload_body_limit_install


class UploadCreateApi(APIView):
    parser_classes = (MultiPartParser,)
    throttle_classes = (ScopedRateThrottle,)
    throttle_scope = "uploads"

    def initialize_request(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Request:
        # Before anything reads the body (the CSRF check of session auth reads the form).
        upload_body_limit_install(request)
        return super().initialize_request(request, *args, **kwargs)

    @extend_schema(
        operation_id="uploads_create",
        tags=["uploads"],
        request={"multipart/form-data": UploadCreateInput},
        responses={
            201: UploadCreateOutput,
            400: OpenApiResponse(
                description="Empty, damaged, too long or suspicious file; answers about the "
                "spot of the wrong shape (fields.answers names the key); an unknown "
                "same_spot_as"
            ),
            403: OpenApiResponse(description="Storage quota reached"),
            413: OpenApiResponse(description="File or image too large"),
            415: OpenApiResponse(description="Not a photo or video we accept"),
        },
    )
    def post(self, request: Request) -> Response:
        data = UploadCreateInput(data=request.data)
        upload_body_check(request._request)
        data.is_valid(raise_exception=True)
        analysis = services.analysis_request(
            owner=request_user(request),
            uploaded=data.validated_data["file"],
            spot_answers=data.validated_data.get("answers"),
            same_spot_as=data.validated_data.get("same_spot_as"),
        )
        return Response(UploadCreateOutput(analysis.upload).data, status=status.HTTP_201_CREATED)


class UploadDetailApi(APIView):
    @extend_schema(operation_id="uploads_retrieve", tags=["uploads"], responses=UploadDetailOutput)
    def get(self, request: Request, upload_id: str) -> Response:
        upload = selectors.upload_get_for_viewer(user=request_user(request), upload_id=upload_id)
        return Response(UploadDetailOutput(upload, context={"request": request}).data)


class SpotsToRecheckApi(APIView):
    @extend_schema(
        operation_id="analyses_spots_to_recheck",
        tags=["analyses"],
        responses=SpotToRecheckOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        spots = selectors.spots_to_recheck(user=request_user(request))
        return Response(SpotToRecheckOutput(spots, many=True).data)


def _announce_reads(request: Request, analyses: list[Analysis]) -> None:
    """A doctor reading an analysis shared with them is recorded for the patient."""
    reads_announce(
        viewer=request.user,
        reads=[
            DataRead(analysis.owner_id, ReadKind.ANALYSIS, analysis.pk, Grounds.DOCTOR_SHARE)
            for analysis in analyses
        ],
    )


class AnalysisListApi(APIView):
    @extend_schema(
        operation_id="analyses_list",
        tags=["analyses"],
        parameters=[
            OpenApiParameter("status", enum=AnalysisStatus.values, required=False),
            OpenApiParameter("page", int, required=False),
            OpenApiParameter("page_size", int, required=False),
        ],
        responses={200: paginated("AnalysisPage", AnalysisListItemOutput(many=True))},
    )
    def get(self, request: Request) -> Response:
        analyses = selectors.analysis_list(user=request_user(request))
        wanted = request.query_params.get("status")
        if wanted:
            if wanted not in AnalysisStatus.values:
                raise ApplicationError(
                    f"Unknown status “{wanted}”.", fields={"status": ["Not a valid choice."]}
                )
            analyses = analyses.filter(status=wanted)
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(analyses, request, view=self)
        output = AnalysisListItemOutput(page, many=True, context={"request": request})
        return paginator.get_paginated_response(output.data)


class AnalysisDetailApi(APIView):
    @extend_schema(
        operation_id="analyses_retrieve", tags=["analyses"], responses=AnalysisDetailOutput
    )
    def get(self, request: Request, analysis_id: str) -> Response:
        analysis = selectors.analysis_get_for_viewer(
            user=request_user(request), analysis_id=analysis_id
        )
        _announce_reads(request, [analysis])
        response = Response(AnalysisDetailOutput(analysis, context={"request": request}).data)
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(operation_id="analyses_destroy", tags=["analyses"], responses={204: None})
    def delete(self, request: Request, analysis_id: str) -> Response:
        analysis = selectors.analysis_get_for_owner(
            user=request_user(request), analysis_id=analysis_id
        )
        services.analysis_delete(analysis=analysis)
        return Response(status=status.HTTP_204_NO_CONTENT)


class AnalysisCompareApi(APIView):
    @extend_schema(
        operation_id="analyses_compare",
        tags=["analyses"],
        parameters=[CompareInput],
        responses=CompareOutput,
    )
    def get(self, request: Request) -> Response:
        query = CompareInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        comparison = analyses_compare(
            viewer=request_user(request),
            first_id=query.validated_data["first"],
            second_id=query.validated_data["second"],
        )
        _announce_reads(request, [comparison.first, comparison.second])
        return Response(CompareOutput(comparison, context={"request": request}).data)
