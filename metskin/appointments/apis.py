"""Directory with soonest slots, free slots, booking, the patient's appointments, the
waitlist, and the doctor portal's appointments."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.accounts.models import User
from metskin.appointments import services
from metskin.appointments.directory import directory_entries, directory_search, rows_in_order
from metskin.appointments.ics import appointment_ics
from metskin.appointments.joining_links import doctor_details_update
from metskin.appointments.models import Appointment, CancelledBy, WaitlistEntry
from metskin.appointments.selectors import (
    appointment_get_for_doctor,
    appointment_get_for_patient,
    appointment_get_for_viewer,
    appointment_list_for_patient,
    doctor_free_slots,
    local_today,
    portal_appointments,
)
from metskin.appointments.serializers import (
    AppointmentBookInput,
    AppointmentOutput,
    AppointmentRescheduleInput,
    CancelInput,
    DirectoryEntryOutput,
    DirectoryQuery,
    PortalAppointmentOutput,
    PortalCancelInput,
    PortalNotesInput,
    PortalStatusInput,
    ShareAddInput,
    SlotOutput,
    SlotsQuery,
    WaitlistEntryOutput,
    WaitlistJoinInput,
)
from metskin.core.access_log import DataRead, Grounds, ReadKind, reads_announce
from metskin.core.exceptions import ApplicationError
from metskin.core.pagination import DefaultPagination, paginated
from metskin.core.throttles import WriteScopedRateThrottle
from metskin.doctors.models import DoctorProfile
from metskin.doctors.permissions import IsVerifiedDoctor
from metskin.doctors.selectors import Point, doctor_get, doctor_list, postcode_point
from metskin.doctors.serializers import PortalProfileSerializer

MAX_SLOT_RANGE_DAYS = 31


IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_\-:.]{8,64}$")


def _user(request: Request) -> User:
    assert isinstance(request.user, User)
    return request.user


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


def _slot_dates(doctor: DoctorProfile, params: dict[str, Any]) -> tuple[date, date]:
    """The days to list, checked against the booking window before any date arithmetic.

    The first day must lie between yesterday (a client's clock or zone may be a little
    behind) and the doctor's booking horizon; a range that runs past the horizon is cut
    there, so a week straddling it still lists the days that can be booked.
    """
    today = local_today(doctor, timezone.now())
    earliest = today - timedelta(days=1)
    latest = today + timedelta(days=doctor.booking_horizon_days)
    date_from: date = params.get("from") or today
    if not earliest <= date_from <= latest:
        message = (
            f"{doctor.display_name} takes bookings up to {doctor.booking_horizon_days} days "
            f"ahead: pick a first day from {earliest.isoformat()} to {latest.isoformat()}."
        )
        raise ApplicationError(message, code="invalid", fields={"from": [message]})
    date_to: date = params.get("to") or date_from + timedelta(days=13)
    if date_to < date_from:
        message = "“to” must be on or after “from”."
        raise ApplicationError(message, code="invalid", fields={"to": [message]})
    if (date_to - date_from).days >= MAX_SLOT_RANGE_DAYS:
        message = f"Ask for at most {MAX_SLOT_RANGE_DAYS} days at a time."
        raise ApplicationError(message, code="invalid", fields={"to": [message]})
    return date_from, min(date_to, latest)


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
        date_from, date_to = _slot_dates(doctor, query.validated_data)
        slots = doctor_free_slots(
            doctor=doctor,
            date_from=date_from,
            date_to=date_to,
            consultation_type=query.validated_data.get("consultation_type"),
        )
        return Response([slot.as_dict() for slot in slots])


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
        appointments = appointment_list_for_patient(user=_user(request), upcoming=upcoming)
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
            patient=_user(request),
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
            user=_user(request), appointment_id=appointment_id
        )
        return Response(AppointmentOutput(appointment).data)


class AppointmentCancelApi(APIView):
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "booking"

    @extend_schema(request=CancelInput, responses={200: AppointmentOutput}, tags=["appointments"])
    def post(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_patient(
            user=_user(request), appointment_id=appointment_id
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
            user=_user(request), appointment_id=appointment_id
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
            user=_user(request), appointment_id=appointment_id
        )
        appointment = services.appointment_offer_accept(appointment=appointment)
        return Response(AppointmentOutput(appointment).data)


class AppointmentShareAddApi(APIView):
    """Share more of my analyses with the doctor of this appointment."""

    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "sharing"

    @extend_schema(request=ShareAddInput, responses={200: AppointmentOutput}, tags=["appointments"])
    def post(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_patient(
            user=_user(request), appointment_id=appointment_id
        )
        data = ShareAddInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_share_add(
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
            user=_user(request), appointment_id=appointment_id
        )
        appointment = services.appointment_share_remove(
            appointment=appointment, analysis_id=analysis_id
        )
        return Response(AppointmentOutput(appointment).data)


class AppointmentIcsApi(APIView):
    """The patient's or the doctor's calendar file; a doctor needs a two-factor session (the
    API's default permission)."""

    @extend_schema(responses={(200, "text/calendar"): OpenApiTypes.BINARY}, tags=["appointments"])
    def get(self, request: Request, appointment_id: str) -> HttpResponse:
        appointment = appointment_get_for_viewer(user=_user(request), appointment_id=appointment_id)
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
        entry = services.waitlist_join(
            patient=_user(request), doctor_id=doctor_id, **data.validated_data
        )
        return Response(WaitlistEntryOutput(entry).data, status=status.HTTP_201_CREATED)


class WaitlistListApi(APIView):
    @extend_schema(responses={200: WaitlistEntryOutput(many=True)}, tags=["appointments"])
    def get(self, request: Request) -> Response:
        entries = WaitlistEntry.objects.filter(patient=_user(request), live=True).select_related(
            "doctor"
        )
        return Response(WaitlistEntryOutput(entries, many=True).data)


class WaitlistLeaveApi(APIView):
    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "waitlist"

    @extend_schema(responses={204: None}, tags=["appointments"])
    def delete(self, request: Request, entry_id: str) -> Response:
        try:
            entry = WaitlistEntry.objects.get(patient=_user(request), live=True, pk=entry_id)
        except (WaitlistEntry.DoesNotExist, DjangoValidationError) as exc:
            raise Http404("No such waitlist entry.") from exc
        services.waitlist_leave(entry=entry)
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- the doctor portal -------------------------------------------------------------------


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
        appointment = appointment_get_for_doctor(user=_user(request), appointment_id=appointment_id)
        return _portal_output(request, appointment)

    @extend_schema(
        request=PortalNotesInput, responses={200: PortalAppointmentOutput}, tags=["portal"]
    )
    def patch(self, request: Request, appointment_id: str) -> Response:
        appointment = appointment_get_for_doctor(user=_user(request), appointment_id=appointment_id)
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
        appointment = appointment_get_for_doctor(user=_user(request), appointment_id=appointment_id)
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
        appointment = appointment_get_for_doctor(user=_user(request), appointment_id=appointment_id)
        data = PortalCancelInput(data=request.data)
        data.is_valid(raise_exception=True)
        appointment = services.appointment_cancel(
            appointment=appointment, by=CancelledBy.DOCTOR, reason=data.validated_data["reason"]
        )
        return _portal_output(request, appointment)
