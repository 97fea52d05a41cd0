"""The signed-in person's phone: its verification state, asking for a code, confirming it."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from metskin.accounts.caller import request_user
from metskin.core.throttles import WriteScopedRateThrottle
from metskin.notifications.phone import (
    PhoneStatus,
    phone_code_confirm,
    phone_code_send,
    phone_status,
)


class PhoneStatusOutput(serializers.Serializer[Any]):
    phone_number = serializers.CharField(help_text="The number on the profile (E.164), or empty")
    verified = serializers.BooleanField(help_text="SMS reminders go only to a verified number")
    code_expires_at = serializers.DateTimeField(
        allow_null=True, help_text="When the code last sent stops working (null: none pending)"
    )


class PhoneConfirmInput(serializers.Serializer[Any]):
    code = serializers.RegexField(r"^\s*\d{6}\s*$", help_text="The six digits we texted you")


def _out(state: PhoneStatus) -> dict[str, Any]:
    return dict(PhoneStatusOutput(state).data)


class PhoneStatusApi(APIView):
    @extend_schema(responses={200: PhoneStatusOutput}, tags=["account"])
    def get(self, request: Request) -> Response:
        return Response(_out(phone_status(user=request_user(request))))


class PhoneCodeSendApi(APIView):
    """Text a six-digit code to the number on my profile."""

    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "phone_code"

    @extend_schema(request=None, responses={202: PhoneStatusOutput}, tags=["account"])
    def post(self, request: Request) -> Response:
        state = phone_code_send(user=request_user(request))
        return Response(_out(state), status=status.HTTP_202_ACCEPTED)


class PhoneCodeConfirmApi(APIView):
    """Type back the code: the number is verified and SMS reminders may go to it."""

    throttle_classes = (WriteScopedRateThrottle,)
    throttle_scope = "phone_confirm"

    @extend_schema(request=PhoneConfirmInput, responses={200: PhoneStatusOutput}, tags=["account"])
    def post(self, request: Request) -> Response:
        data = PhoneConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        state = phone_code_confirm(user=request_user(request), code=data.validated_data["code"])
        return Response(_out(state))
