"""The patient's side: booking, their appointments, sharing analyses, the .ics, the waitlist."""

from __future__ import annotations

import re

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.accounts.caller import request_user
from metskin.appointments import services, shares, waitlist
from metskin.appointments.ics import appointment_ics
from metskin.appointments.models import CancelledBy
from metskin.appointments.selectors import (
    appointment_get_for_patient,
    appointment_get_for_viewer,
    appointment_list_for_patient,
    waitlist_entry_get_for_patient,
    waitlist_for_patient,
)
from metskin.appointments.serializers import (
    AppointmentBookInput,
    AppointmentOutput,
    AppointmentRescheduleInput,
    CancelInput,
    ShareAddInput,
    WaitlistEntryOutput,
    WaitlistJoinInput,
)
from metskin.core.exceptions import ApplicationError
from metskin.core.pagination import DefaultPagination, paginated
from metskin.core.throttles import WriteScopedRateThrottle

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_\-:.]{8,64}$")


def _idempotency_key(request: Request) -> str | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not IDEMPOTENCY_KEY.match(key):
        message = "Idempotency-Key must be 8–64 letters, digits or - _ : . (a UUID is ideal)."
        raise ApplicationError(message, code="invalid_idempotency_key")
    return key


class AppointmentListApi(APIView):
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "booking"

    @extend_schema(
        operation_id="appointments_list",
        parameters=[OpenApiParameter("when", OpenApiTypes.STR, enum=["upcoming", "past"])],
        responses={200: paginated("AppointmentPage", AppointmentOutput(many=True))},
        tags=["appointments"],
    )
    def get(self, request: Request) -> Response:
        when = request.query_params.get("when")
        upcoming = {"upcoming": True, "past": False}.get(when or "")
        appointments = appointment_list_for_patient(user=request_user(request), upcoming=upcoming)
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(appointments, request, view=self)
        return paginator.get_paginated_response(AppointmentOutput(page, many=True).data)

    @extend_schema(
        request=AppointmentBookInput,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="A unique key per booking attempt: a retry with it never books twice.",
            )
        ],
        responses={201: AppointmentOutput},
        tags=["appointments"],
    )
    def post(self, request: Request) -> Response:
        key = _idempotency_key(request)
        data = AppointmentBookInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment, created = services.appointment_book(
            patient=request_user(request),
            doctor_id=data.validated_data["doctor"],
            start=data.validated_data["start"],
            consultation_type=data.validated_data["consultation_type"],
            reason=data.validated_data["reason"],
            shared_analysis_ids=data.validated_data["shared_analyses"],
            idempotency_key=key,
        )
        response = Response(AppointmentOutput(appointment).data, status=status.HTTP_201_CREATED)
        if not created:
            response["Idempotent-Replayed"] = "true"
        return response


class AppointmentDetailApi(APIView):
    @extend_schema(responses={200: AppointmentOutput}, tags=["appointments"])
    def get(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_patient(
            user=request_user(request), appointment_id=appointment_id
        )
        return Response(AppointmentOutput(appointment).data)


class AppointmentCancelApi(APIView):
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "booking"

    @extend_schema(request=CancelInput, responses={200: AppointmentOutput}, tags=["appointments"])
    def post(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_patient(
            user=request_user(request), appointment_id=appointment_id
        )
        data = CancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_cancel(
            appointment=appointment, by=CancelledBy.PATIENT, reason=data.validated_data["reason"]
        )
        return Response(AppointmentOutput(appointment).data)


class AppointmentRescheduleApi(APIView):
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "booking"

    @extend_schema(
        request=AppointmentRescheduleInput,
        responses={200: AppointmentOutput},
        tags=["appointments"],
    )
    def post(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_patient(
            user=request_user(request), appointment_id=appointment_id
        )
        data = AppointmentRescheduleInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_reschedule(
            appointment=appointment,
            start=data.validated_data["start"],
            consultation_type=data.validated_data.get("consultation_type"),
        )
        return Response(AppointmentOutput(appointment).data)


class AppointmentAcceptApi(APIView):
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "booking"

    @extend_schema(request=None, responses={200: AppointmentOutput}, tags=["appointments"])
    def post(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_patient(
            user=request_user(request), appointment_id=appointment_id
        )
        appointment = waitlist.appointment_offer_accept(appointment=appointment)
        return Response(AppointmentOutput(appointment).data)


class AppointmentShareAddApi(APIView):
    """Share more of my analyses with the doctor of this appointment."""

    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "sharing"

    @extend_schema(request=ShareAddInput, responses={200: AppointmentOutput}, tags=["appointments"])
    def post(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_patient(
            user=request_user(request), appointment_id=appointment_id
        )
        data = ShareAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = shares.appointment_share_add(
            appointment=appointment, analysis_ids=data.validated_data["analyses"]
        )
        return Response(AppointmentOutput(appointment).data)


class AppointmentShareRemoveApi(APIView):
    """Withdraw consent: the doctor no longer sees this analysis."""

    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "sharing"

    @extend_schema(responses={200: AppointmentOutput}, tags=["appointments"])
    def delete(self, request: Request, appointment_id: str, analysis_id: str) -> Response:
        appointment = appointment_get_for_patient(
            user=request_user(request), appointment_id=appointment_id
        )
        appointment = shares.appointment_share_remove(
            appointment=appointment, analysis_id=analysis_id
        )
        return Response(AppointmentOutput(appointment).data)


class AppointmentIcsApi(APIView):
    """The patient's or the doctor's calendar file; a doctor needs a two-factor session (the
    API's default permission)."""

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY}, tags=["appointments"])
    def get(self, request: Request, appointment_id: str) -> HttpResponse:
        appointment = appointment_get_for_viewer(
            user=request_user(request), appointment_id=appointment_id
        )
        response = HttpResponse(appointment_ics(appointment), content_type="text/calendar")
        response["Content-Disposition"] = 'attachment; filename="metskin-appointment.ics"'
        response["Cache-Control"] = "private, no-store"
        return response


class WaitlistJoinApi(APIView):
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "waitlist"

    @extend_schema(
        request=WaitlistJoinInput, responses={201: WaitlistEntryOutput}, tags=["appointments"]
    )
    def post(self, request: Request, doctor_id: str) -> Response:
        data = WaitlistJoinInput(data=request.data)
        data.is_valid(raise_exception=True)
        entry = waitlist.waitlist_join(
            patient=request_user(request), doctor_id=doctor_id, **data.validated_data
        )
        return Response(WaitlistEntryOutput(entry).data, status=status.HTTP_201_CREATED)


class WaitlistListApi(APIView):
    @extend_schema(responses={200: WaitlistEntryOutput(many=True)}, tags=["appointments"])
    def get(self, request: Request) -> Response:
        entries = waitlist_for_patient(patient=request_user(request))
        return Response(WaitlistEntryOutput(entries, many=True).data)


class WaitlistLeaveApi(APIView):
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "waitlist"

    @extend_schema(responses={204: None}, tags=["appointments"])
    def delete(self, request: Request, entry_id: str) -> Response:
        entry = waitlist_entry_get_for_patient(patient=request_user(request), entry_id=entry_id)
        waitlist.waitlist_leave(entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)
