from django.urls import path

from metskin.accounts import apis

app_name = "accounts"

urlpatterns = [
    path("auth/signup/", apis.SignupApi.as_view(), name="signup"),
    path("auth/verify-email/", apis.EmailVerifyApi.as_view(), name="verify-email"),
    path(
        "auth/verify-email/resend/",
        apis.EmailVerifyResendApi.as_view(),
        name="verify-email-resend",
    ),
    path("auth/login/", apis.LoginApi.as_view(), name="login"),
    path("auth/login/otp/", apis.LoginOtpApi.as_view(), name="login-otp"),
    path(
        "auth/two-factor/enrolment/",
        apis.TwoFactorEnrolmentOpenApi.as_view(),
        name="two-factor-enrolment",
    ),
    path(
        "auth/two-factor/enrolment/confirm/",
        apis.TwoFactorEnrolmentConfirmApi.as_view(),
        name="two-factor-enrolment-confirm",
    ),
    path("auth/two-factor/backup-codes/", apis.BackupCodesApi.as_view(), name="backup-codes"),
    path("auth/logout/", apis.LogoutApi.as_view(), name="logout"),
    path("auth/token/", apis.TokenObtainApi.as_view(), name="token"),
    path(
        "auth/sign-out-everywhere/",
        apis.SignOutEverywhereApi.as_view(),
        name="sign-out-everywhere",
    ),
    path("auth/password-reset/", apis.PasswordResetApi.as_view(), name="password-reset"),
    path(
        "auth/password-reset/confirm/",
        apis.PasswordResetConfirmApi.as_view(),
        name="password-reset-confirm",
    ),
    path("auth/password-change/", apis.PasswordChangeApi.as_view(), name="password-change"),
    path("me/consents/", apis.ConsentApi.as_view(), name="consents"),
    path("profile/", apis.ProfileApi.as_view(), name="profile"),
    path("profile/skin/", apis.SkinProfileApi.as_view(), name="skin-profile"),
    path(
        "profile/skin/fitzpatrick-questions/",
        apis.FitzpatrickQuestionsApi.as_view(),
        name="fitzpatrick-questions",
    ),
]
