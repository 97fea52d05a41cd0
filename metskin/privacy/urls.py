from django.urls import path

from metskin.privacy import apis

app_name = "privacy"

urlpatterns = [
    path("me/", apis.MeApi.as_view(), name="me"),
    path("me/access-log/", apis.AccessLogApi.as_view(), name="access-log"),
    path("me/export/", apis.DataExportApi.as_view(), name="export"),
    path(
        "me/export/download/<str:token>/",
        apis.DataExportDownloadApi.as_view(),
        name="export-download",
    ),
]
