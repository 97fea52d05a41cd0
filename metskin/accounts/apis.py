"""Account endpoints under /api/v1/auth/ and /api/v1/profile/.

Thin views: parse with a serializer, call one service, answer. Endpoints used by our own
pages before sign-in (sign-up, sign-in, resets) still demand the CSRF token, so another
site cannot sign a visitor in to an account of its choosing.
"""

from __future__ import annotations

from dataclasses import asdict

from django.conf import settings
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_protect
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from knox.models import AuthToken
from rest_framework import status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle
from rest_framework.views import APIView

from metskin.accounts import fitzpatrick as fitz
from metskin.accounts import services, two_factor, two_factor_enrolment
from metskin.accounts.caller import request_user
from metskin.accounts.consent import (
    consent_check_given,
    consent_list,
    consent_record,
    consent_required,
)
from metskin.accounts.models import User
from metskin.accounts.permissions import TwoFactorIfRequired, UsesTwoFactor
from metskin.accounts.selectors import profile_get, skin_profile_get
from metskin.accounts.serializers import (
    BackupCodesOutput,
    BackupCodesStatusOutput,
    ConsentInput,
    ConsentStatusOutput,
    CredentialsInput,
    EmailInput,
    EnrolmentConfirmInput,
    FitzpatrickQuestionOutput,
    MessageOutput,
    OtpChallengeOutput,
    OtpEnrolmentOutput,
    OtpTokenInput,
    PasswordChangeInput,
    PasswordResetConfirmInput,
    ProfileSerializer,
    SignupInput,
    SkinProfileSerializer,
    TokenInput,
    TokenOutput,
    UserOutput,
)


class AnonymousAuthApi(APIView):
    """Open to visitors, rate limited per client address."""

    permission_classes = (AllowAny,)
    authentication_classes: tuple[type, ...] = ()
    throttle_classes: tuple[type, ...] = (ScopedRateThrottle,)
    throttle_scope = "anon_auth"


class AccountEmailThrottle(SimpleRateThrottle):
    """Emails one client may ask for an hour, over all addresses (each address also has its
    own hourly budget: accounts/email_budget.py)."""

    scope = "account_emails"

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class AnonymousEmailApi(AnonymousAuthApi):
    """Sends an email to an address the visitor types in."""

    throttle_classes = (ScopedRateThrottle, AccountEmailThrottle)


@method_decorator(csrf_protect, name="dispatch")
class SignupApi(AnonymousAuthApi):
    @extend_schema(request=SignupInput, responses={201: UserOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = SignupInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_signup(
            email=data.validated_data["email"],
            password=data.validated_data["password"],
            display_name=data.validated_data.get("display_name", ""),
            accept_terms=data.validated_data["accept_terms"],
            health_data_consent=data.validated_data["health_data_consent"],
        )
        return Response(UserOutput(user).data, status=status.HTTP_201_CREATED)


@method_decorator(csrf_protect, name="dispatch")
class EmailVerifyApi(AnonymousAuthApi):
    @extend_schema(request=TokenInput, responses={200: UserOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.email_verify(token=data.validated_data["token"])
        return Response(UserOutput(user).data)


@method_decorator(csrf_protect, name="dispatch")
class EmailVerifyResendApi(AnonymousEmailApi):
    @extend_schema(request=EmailInput, responses={202: MessageOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = EmailInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.verification_email_resend(email=data.validated_data["email"])
        detail = "If that address has an unconfirmed account, a new link is on its way."
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


@method_decorator(csrf_protect, name="dispatch")
class LoginApi(AnonymousAuthApi):
    @extend_schema(
        request=CredentialsInput,
        responses={
            200: PolymorphicProxySerializer(
                component_name="LoginOutput",
                serializers=[UserOutput, OtpChallengeOutput],
                resource_type_field_name=None,
            )
        },
        tags=["auth"],
    )
    def post(self, request: Request) -> Response:
        data = CredentialsInput(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.user_login(
            request=request._request,
            email=data.validated_data["email"],
            password=data.validated_data["password"],
        )
        if isinstance(result, two_factor.TwoFactorChallenge):
            return Response({"otp_required": True, **asdict(result)})
        return Response(UserOutput(result).data)


@method_decorator(csrf_protect, name="dispatch")
class LoginOtpApi(AnonymousAuthApi):
    """The second step for doctors and staff: the 6-digit code from their app."""

    @extend_schema(request=OtpTokenInput, responses={200: UserOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = OtpTokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        user = two_factor.two_factor_verify(
            request=request._request, token=data.validated_data["token"]
        )
        return Response(UserOutput(user).data)


@method_decorator(csrf_protect, name="dispatch")
class TwoFactorEnrolmentOpenApi(AnonymousAuthApi):
    """The emailed set-up link, opened: the key and QR code to add to an authenticator app."""

    @extend_schema(request=TokenInput, responses={200: OtpEnrolmentOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = TokenInput(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment = two_factor_enrolment.two_factor_enrolment_open(
            token=data.validated_data["token"]
        )
        return Response(OtpEnrolmentOutput(enrolment).data)


@method_decorator(csrf_protect, name="dispatch")
class TwoFactorEnrolmentConfirmApi(AnonymousAuthApi):
    """The app's first code confirms the key; the answer holds the backup codes, shown once."""

    @extend_schema(request=EnrolmentConfirmInput, responses={200: BackupCodesOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = EnrolmentConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        codes = two_factor_enrolment.two_factor_enrolment_confirm(**data.validated_data)
        return Response({"backup_codes": codes})


class BackupCodesApi(APIView):
    """How many backup codes are left; POST replaces them all (the old ones stop working)."""

    permission_classes = (TwoFactorIfRequired, UsesTwoFactor)

    @extend_schema(responses={200: BackupCodesStatusOutput}, tags=["account"])
    def get(self, request: Request) -> Response:
        remaining = two_factor_enrolment.backup_codes_remaining(user=request_user(request))
        return Response({"remaining": remaining})

    @extend_schema(request=None, responses={200: BackupCodesOutput}, tags=["account"])
    def post(self, request: Request) -> Response:
        codes = two_factor_enrolment.backup_codes_replace(user=request_user(request))
        return Response({"backup_codes": codes})


class LogoutApi(APIView):
    permission_classes = (AllowAny,)

    @extend_schema(request=None, responses={204: None}, tags=["auth"])
    def post(self, request: Request) -> Response:
        token = request.auth if isinstance(request.auth, AuthToken) else None
        services.user_logout(request=request._request, token=token)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SignOutEverywhereApi(APIView):
    """End every session and revoke every API token of the signed-in person, this one too."""

    # Any signed-in person may end their own sessions, even one still owing its second factor.
    permission_classes = (IsAuthenticated,)

    @extend_schema(request=None, responses={204: None}, tags=["auth"])
    def post(self, request: Request) -> Response:
        services.user_sign_out_everywhere(user=request_user(request))
        services.user_logout(request=request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenObtainApi(AnonymousAuthApi):
    """For API clients: exchange email and password for a token (no session, no CSRF)."""

    @extend_schema(request=CredentialsInput, responses={200: TokenOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = CredentialsInput(data=request.data)
        data.is_valid(raise_exception=True)
        issued = services.auth_token_obtain(
            request=request._request,
            email=data.validated_data["email"],
            password=data.validated_data["password"],
        )
        return Response(TokenOutput(issued).data)


@method_decorator(csrf_protect, name="dispatch")
class PasswordResetApi(AnonymousEmailApi):
    @extend_schema(request=EmailInput, responses={202: MessageOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = EmailInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_request(email=data.validated_data["email"])
        detail = "If an account uses that address, we have emailed it a link to reset the password."
        return Response({"detail": detail}, status=status.HTTP_202_ACCEPTED)


@method_decorator(csrf_protect, name="dispatch")
class PasswordResetConfirmApi(AnonymousAuthApi):
    @extend_schema(request=PasswordResetConfirmInput, responses={200: MessageOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = PasswordResetConfirmInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_confirm(**data.validated_data)
        return Response({"detail": "Your password is changed. You can sign in with it now."})


class PasswordChangeApi(APIView):
    @extend_schema(request=PasswordChangeInput, responses={200: MessageOutput}, tags=["auth"])
    def post(self, request: Request) -> Response:
        data = PasswordChangeInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_change(
            request=request._request, user=request_user(request), **data.validated_data
        )
        return Response({"detail": "Your password is changed."})


class MeApi(APIView):
    # Who is signed in, even on a session still owing its second factor: the front end needs
    # it to offer the two-factor sign-in (it shows nothing but the person's own account).
    permission_classes = (IsAuthenticated,)

    @extend_schema(responses={200: UserOutput}, tags=["account"])
    def get(self, request: Request) -> Response:
        return Response(UserOutput(request_user(request)).data)


class ConsentApi(APIView):
    """What the person agreed to, and when; POST agrees to the current privacy notice."""

    @extend_schema(responses={200: ConsentStatusOutput}, tags=["privacy"])
    def get(self, request: Request) -> Response:
        return Response(_consent_status(request_user(request)))

    @extend_schema(request=ConsentInput, responses={200: ConsentStatusOutput}, tags=["privacy"])
    def post(self, request: Request) -> Response:
        data = ConsentInput(data=request.data)
        data.is_valid(raise_exception=True)
        consent_check_given(**data.validated_data)
        consent_record(user=request_user(request))
        return Response(_consent_status(request_user(request)))


def _consent_status(user: User) -> dict[str, object]:
    return ConsentStatusOutput(
        {
            "notice_version": settings.PRIVACY_NOTICE_VERSION,
            "consent_required": consent_required(user=user),
            "consents": consent_list(user=user),
            "deletion_grace_days": settings.ACCOUNT_DELETION_GRACE_DAYS,
        }
    ).data


class ProfileApi(APIView):
    @extend_schema(responses={200: ProfileSerializer}, tags=["account"])
    def get(self, request: Request) -> Response:
        return Response(ProfileSerializer(profile_get(user=request_user(request))).data)

    @extend_schema(request=ProfileSerializer, responses={200: ProfileSerializer}, tags=["account"])
    def patch(self, request: Request) -> Response:
        profile = profile_get(user=request_user(request))
        data = ProfileSerializer(profile, data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        profile = services.profile_update(
            user=request_user(request), data=dict(data.validated_data)
        )
        return Response(ProfileSerializer(profile).data)


class FitzpatrickQuestionsApi(APIView):
    """The phototype questionnaire's questions and choices (the same for everyone)."""

    @extend_schema(responses={200: FitzpatrickQuestionOutput(many=True)}, tags=["account"])
    def get(self, request: Request) -> Response:
        questions = [
            {
                "key": key,
                "question": question,
                "choices": [{"code": code, "label": label} for code, label in choices],
            }
            for key, (question, choices) in fitz.QUESTIONS.items()
        ]
        return Response(FitzpatrickQuestionOutput(questions, many=True).data)


class SkinProfileApi(APIView):
    @extend_schema(responses={200: SkinProfileSerializer}, tags=["account"])
    def get(self, request: Request) -> Response:
        return Response(SkinProfileSerializer(skin_profile_get(user=request_user(request))).data)

    def _update(self, request: Request, *, partial: bool) -> Response:
        skin_profile = skin_profile_get(user=request_user(request))
        data = SkinProfileSerializer(skin_profile, data=request.data, partial=partial)
        data.is_valid(raise_exception=True)
        updated = services.skin_profile_update(
            user=request_user(request), data=data.to_service_data()
        )
        return Response(SkinProfileSerializer(updated).data)

    @extend_schema(
        request=SkinProfileSerializer, responses={200: SkinProfileSerializer}, tags=["account"]
    )
    def put(self, request: Request) -> Response:
        return self._update(request, partial=False)

    @extend_schema(
        request=SkinProfileSerializer, responses={200: SkinProfileSerializer}, tags=["account"]
    )
    def patch(self, request: Request) -> Response:
        return self._update(request, partial=True)
