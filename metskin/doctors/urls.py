from django.urls import path

from metskin.doctors import apis

app_name = "doctors"

# The directory list, a doctor's free slots and the portal's "Your details" (a new default
# joining link reaches bookings) live in metskin/appointments/urls.py.
urlpatterns = [
    path("doctors/specialties/", apis.SpecialtyListApi.as_view(), name="specialties"),
    path("doctors/languages/", apis.LanguageListApi.as_view(), name="languages"),
    path("doctors/<str:doctor_id>/", apis.DoctorDetailApi.as_view(), name="detail"),
    path("portal/schedule/", apis.PortalScheduleApi.as_view(), name="portal-schedule"),
    path("portal/time-off/", apis.PortalTimeOffListApi.as_view(), name="portal-time-off"),
    path(
        "portal/time-off/<str:exception_id>/",
        apis.PortalTimeOffDetailApi.as_view(),
        name="portal-time-off-detail",
    ),
]
