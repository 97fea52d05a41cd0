from django.urls import path

from metskin.analysis import apis

app_name = "analysis"

urlpatterns = [
    path("uploads/", apis.UploadCreateApi.as_view(), name="upload-create"),
    path("uploads/<str:upload_id>/", apis.UploadDetailApi.as_view(), name="upload-detail"),
    path("analyses/", apis.AnalysisListApi.as_view(), name="analysis-list"),
    path("analyses/compare/", apis.AnalysisCompareApi.as_view(), name="analysis-compare"),
    path(
        "analyses/spots-to-recheck/",
        apis.SpotsToRecheckApi.as_view(),
        name="analysis-spots-to-recheck",
    ),
    path("analyses/<str:analysis_id>/", apis.AnalysisDetailApi.as_view(), name="analysis-detail"),
]
