from django.urls import path

from metskin.uploads import apis

app_name = "uploads"

urlpatterns = [
    path("media/<str:token>/", apis.MediaApi.as_view(), name="media"),
]
