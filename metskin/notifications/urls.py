from django.urls import path

from metskin.notifications import apis

app_name = "notifications"

urlpatterns = [
    path("profile/phone/", apis.PhoneStatusApi.as_view(), name="phone"),
    path("profile/phone/code/", apis.PhoneCodeSendApi.as_view(), name="phone-code"),
    path("profile/phone/confirm/", apis.PhoneCodeConfirmApi.as_view(), name="phone-confirm"),
]
