"""The doctor portal: their details, their appointments, status changes and cancelling."""

from __future__ import annotations

from collections.abc import Iterable

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.accounts.caller import request_user
from metskin.appointments import services
from metskin.appointments.joining_links import doctor_details_update
from metskin.appointments.models import Appointment, CancelledBy
from metskin.appointments.selectors import (
    appointment_get_for_doctor,
    portal_appointments,
)
from metskin.appointments.serializers import (
    PortalAppointmentOutput,
    PortalCancelInput,
    PortalNotesInput,
    PortalStatusInput,
)
from metskin.core.access_log import DataRead, Grounds, ReadKind, reads_announce
from metskin.core.exceptions import ApplicationError
from metskin.core.pagination import DefaultPagination, paginated
from metskin.doctors.models import DoctorProfile
from metskin.doctors.permissions import IsVerifiedDoctor
from metskin.doctors.serializers import PortalProfileSerializer


def _doctor(request: Request) -> DoctorProfile:
    profile: DoctorProfile = request.user.doctor_profile  # type: ignore[union-attr]
    return profile


def _announce_reason_reads(request: Request, appointments: Iterable[Appointment]) -> None:
    """The doctor saw each appointment's reason: recorded in the patient's access log."""
    reads_announce(
        viewer=request.user,
        reads=[
            DataRead(a.patient_id, ReadKind.APPOINTMENT_REASON, a.pk, Grounds.DOCTOR_APPOINTMENT)
            for a in appointments
        ],
    )


def _portal_output(request: Request, appointment: Appointment) -> Response:
    _announce_reason_reads(request, [appointment])
    return Response(PortalAppointmentOutput(appointment).data)


class PortalProfileApi(APIView):
    """How patients reach the signed-in doctor: clinic phone, default video joining link."""

    permission_classes = (IsVerifiedDoctor,)

    @extend_schema(responses={200: PortalProfileSerializer}, tags=["portal"])
    def get(self, request: Request) -> Response:
        return Response(PortalProfileSerializer(_doctor(request)).data)

    @extend_schema(
        request=PortalProfileSerializer, responses={200: PortalProfileSerializer}, tags=["portal"]
    )
    def patch(self, request: Request) -> Response:
        data = PortalProfileSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        doctor = doctor_details_update(doctor=_doctor(request), **data.validated_data)
        return Response(PortalProfileSerializer(doctor).data)


class PortalAppointmentListApi(APIView):
    permission_classes = (IsVerifiedDoctor,)

    @extend_schema(
        operation_id="portal_appointments_list",
        parameters=[OpenApiParameter("when", OpenApiTypes.STR, enum=["today", "upcoming", "past"])],
        responses={200: paginated("PortalAppointmentPage", PortalAppointmentOutput(many=True))},
        tags=["portal"],
    )
    def get(self, request: Request) -> Response:
        when = request.query_params.get("when", "today")
        if when not in ("today", "upcoming", "past"):
            message = "when is today, upcoming or past."
            raise ApplicationError(message, code="invalid", fields={"when": [message]})
        appointments = portal_appointments(doctor=_doctor(request), when=when)
        paginator = DefaultPagination()
        page = paginator.paginate_queryset(appointments, request, view=self)
        _announce_reason_reads(request, page or [])
        return paginator.get_paginated_response(PortalAppointmentOutput(page, many=True).data)


class PortalAppointmentDetailApi(APIView):
    permission_classes = (IsVerifiedDoctor,)

    @extend_schema(responses={200: PortalAppointmentOutput}, tags=["portal"])
    def get(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_doctor(
            user=request_user(request), appointment_id=appointment_id
        )
        return _portal_output(request, appointment)

    @extend_schema(
        request=PortalNotesInput, responses={200: PortalAppointmentOutput}, tags=["portal"]
    )
    def patch(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_doctor(
            user=request_user(request), appointment_id=appointment_id
        )
        data = PortalNotesInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_notes_update(
            appointment=appointment,
            doctor_notes=data.validated_data.get("doctor_notes"),
            video_link=data.validated_data.get("video_link"),
        )
        return _portal_output(request, appointment)


class PortalAppointmentStatusApi(APIView):
    permission_classes = (IsVerifiedDoctor,)

    @extend_schema(
        request=PortalStatusInput, responses={200: PortalAppointmentOutput}, tags=["portal"]
    )
    def post(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_doctor(
            user=request_user(request), appointment_id=appointment_id
        )
        data = PortalStatusInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_mark(
            appointment=appointment, status_value=data.validated_data["status"]
        )
        return _portal_output(request, appointment)


class PortalAppointmentCancelApi(APIView):
    permission_classes = (IsVerifiedDoctor,)

    @extend_schema(
        request=PortalCancelInput, responses={200: PortalAppointmentOutput}, tags=["portal"]
    )
    def post(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_doctor(
            user=request_user(request), appointment_id=appointment_id
        )
        data = PortalCancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_cancel(
            appointment=appointment, by=CancelledBy.DOCTOR, reason=data.validated_data["reason"]
        )
        return _portal_output(request, appointment)
