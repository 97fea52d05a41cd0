from django.urls import path

from metskin.privacy import apis

app_name = "privacy"

urlpatterns = [
    path("me/", apis.MeApi.as_view(), name="me"),
    path("me/access-log/", apis.AccessLogApi.as_view(), name="access-log"),
]
