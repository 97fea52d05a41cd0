from django.urls import path

from metskin.uploads import apis

app_name = "uploads"

urlpatterns = [
    # before analysis' uploads/<upload_id>/, which would otherwise take "limits" for an id
    path("uploads/limits/", apis.UploadLimitsApi.as_view(), name="upload-limits"),
    path("media/<str:token>/", apis.MediaApi.as_view(), name="media"),
]
