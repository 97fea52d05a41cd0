"""Directory reads that need no bookings, and the doctor's own schedule (portal). The
portal's "Your details" live in appointments/apis/portal.py: a new default link reaches bookings."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.doctors import services
from metskin.doctors.models import DoctorProfile, Specialty
from metskin.doctors.permissions import IsVerifiedDoctor
from metskin.doctors.selectors import doctor_get, language_list_listed
from metskin.doctors.serializers import (
    DoctorDetailOutput,
    LanguageOutput,
    ScheduleSerializer,
    SpecialtyOutput,
    TimeOffInput,
    TimeOffOutput,
)


class SpecialtyListApi(APIView):
    permission_classes = (AllowAny,)
    pagination_class = None

    @extend_schema(responses={200: SpecialtyOutput(many=True)}, tags=["doctors"])
    def get(self, request: Request) -> Response:
        return Response(SpecialtyOutput(Specialty.objects.all(), many=True).data)


class LanguageListApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(responses={200: LanguageOutput(many=True)}, tags=["doctors"])
    def get(self, request: Request) -> Response:
        return Response(LanguageOutput(language_list_listed(), many=True).data)


class DoctorDetailApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(responses={200: DoctorDetailOutput}, tags=["doctors"])
    def get(self, request: Request, doctor_id: str) -> Response:
        return Response(DoctorDetailOutput(doctor_get(doctor_id=doctor_id)).data)


def _doctor(request: Request) -> DoctorProfile:
    profile: DoctorProfile = request.user.doctor_profile  # type: ignore[union-attr]
    return profile


def _schedule(doctor: DoctorProfile) -> dict[str, Any]:
    return {
        "time_zone": doctor.time_zone,
        "weekly": list(doctor.weekly.all()),
        **{name: getattr(doctor, name) for name in services.SLOT_SETTINGS},
    }


class PortalScheduleApi(APIView):
    permission_classes = (IsVerifiedDoctor,)

    @extend_schema(responses={200: ScheduleSerializer}, tags=["portal"])
    def get(self, request: Request) -> Response:
        return Response(ScheduleSerializer(_schedule(_doctor(request))).data)

    @extend_schema(request=ScheduleSerializer, responses={200: ScheduleSerializer}, tags=["portal"])
    def put(self, request: Request) -> Response:
        data = ScheduleSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        weekly = [dict(rule) for rule in values.pop("weekly")]
        doctor = services.schedule_update(doctor=_doctor(request), weekly=weekly, **values)
        return Response(ScheduleSerializer(_schedule(doctor)).data)


class PortalTimeOffListApi(APIView):
    permission_classes = (IsVerifiedDoctor,)

    @extend_schema(responses={200: TimeOffOutput(many=True)}, tags=["portal"])
    def get(self, request: Request) -> Response:
        upcoming = _doctor(request).exceptions.filter(ends_at__gt=timezone.now())
        return Response(TimeOffOutput(upcoming, many=True).data)

    @extend_schema(request=TimeOffInput, responses={201: TimeOffOutput}, tags=["portal"])
    def post(self, request: Request) -> Response:
        data = TimeOffInput(data=request.data)
        data.is_valid(raise_exception=True)
        exception = services.time_off_add(doctor=_doctor(request), **data.validated_data)
        return Response(TimeOffOutput(exception).data, status=status.HTTP_201_CREATED)


class PortalTimeOffDetailApi(APIView):
    permission_classes = (IsVerifiedDoctor,)

    @extend_schema(responses={204: None}, tags=["portal"])
    def delete(self, request: Request, exception_id: str) -> Response:
        services.time_off_remove(doctor=_doctor(request), exception_id=exception_id)
        return Response(status=status.HTTP_204_NO_CONTENT)
