"""The public directory: doctors with their soonest free slots, and a doctor's free slots."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.appointments.directory import directory_entries, directory_search, rows_in_order
from metskin.appointments.selectors import (
    doctor_free_slots,
    slot_dates_check,
)
from metskin.appointments.serializers import (
    DirectoryEntryOutput,
    DirectoryQuery,
    SlotOutput,
    SlotsQuery,
)
from metskin.core.pagination import DefaultPagination, paginated
from metskin.doctors.selectors import Point, doctor_get, doctor_list, postcode_point


class DirectoryApi(APIView):
    """GET /doctors/?specialty=&language=&consultation_type=&near=lat,lng&radius_km=&sort="""

    permission_classes = (AllowAny,)

    @extend_schema(
        operation_id="doctors_list",
        parameters=[DirectoryQuery],
        responses={200: paginated("DirectoryPage", DirectoryEntryOutput(many=True))},
        tags=["doctors"],
    )
    def get(self, request: Request) -> Response:
        query = DirectoryQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        near = None
        if params.get("near"):
            near = Point(*params["near"])
        elif params.get("postcode"):
            near = postcode_point(postcode=params["postcode"])
        specialty = params.get("specialty")
        doctors = doctor_list(
            specialty=specialty.code if specialty else None,
            language=params.get("language"),
            consultation_type=params.get("consultation_type"),
            near=near,
            radius_km=params.get("radius_km"),
            accepting_only=params["accepting"],
            query=params.get("q"),
        )
        ordered = directory_search(
            doctors=doctors,
            sort=params["sort"],
            consultation_type=params.get("consultation_type"),
            available_by=params.get("available_by"),
        )
        paginator = DefaultPagination()
        # The order is found on ids alone (a narrow sort), then this page's rows are read;
        # slots are worked out for this page's doctors only, never for every match.
        ids = paginator.paginate_queryset(ordered.values_list("pk", flat=True), request, self)
        page = directory_entries(
            doctors=rows_in_order(ordered, ids or []),
            consultation_type=params.get("consultation_type"),
            available_by=params.get("available_by"),
        )
        context = {"next_slots": {entry.doctor.pk: entry.next_slots for entry in page}}
        data = DirectoryEntryOutput([entry.doctor for entry in page], many=True, context=context)
        return paginator.get_paginated_response(data.data)


class DoctorSlotsApi(APIView):
    """GET /doctors/{id}/slots/?from=YYYY-MM-DD&to=YYYY-MM-DD (dates in the doctor's zone)."""

    permission_classes = (AllowAny,)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE, description="First day (doctor's zone)"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last day, at most 31 days on"),
            OpenApiParameter("consultation_type", OpenApiTypes.STR),
        ],
        responses={200: SlotOutput(many=True)},
        tags=["doctors"],
    )
    def get(self, request: Request, doctor_id: str) -> Response:
        doctor = doctor_get(doctor_id=doctor_id)
        query = SlotsQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        date_from, date_to = slot_dates_check(
            doctor=doctor,
            date_from=query.validated_data.get("from"),
            date_to=query.validated_data.get("to"),
        )
        slots = doctor_free_slots(
            doctor=doctor,
            date_from=date_from,
            date_to=date_to,
            consultation_type=query.validated_data.get("consultation_type"),
        )
        return Response([slot.as_dict() for slot in slots])
