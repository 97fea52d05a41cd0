from django.urls import path

from metskin.appointments import apis

app_name = "appointments"

urlpatterns = [
    # The directory's list and slots live here because they need bookings (docs/architecture.md).
    path("doctors/", apis.DirectoryApi.as_view(), name="directory"),
    path("doctors/<str:doctor_id>/slots/", apis.DoctorSlotsApi.as_view(), name="slots"),
    path("doctors/<str:doctor_id>/waitlist/", apis.WaitlistJoinApi.as_view(), name="waitlist-join"),
    path("appointments/", apis.AppointmentListApi.as_view(), name="list"),
    path("appointments/<str:appointment_id>/", apis.AppointmentDetailApi.as_view(), name="detail"),
    path(
        "appointments/<str:appointment_id>/cancel/",
        apis.AppointmentCancelApi.as_view(),
        name="cancel",
    ),
    path(
        "appointments/<str:appointment_id>/reschedule/",
        apis.AppointmentRescheduleApi.as_view(),
        name="reschedule",
    ),
    path(
        "appointments/<str:appointment_id>/accept/",
        apis.AppointmentAcceptApi.as_view(),
        name="accept",
    ),
    path("appointments/<str:appointment_id>/ics/", apis.AppointmentIcsApi.as_view(), name="ics"),
    path(
        "appointments/<str:appointment_id>/shared-analyses/",
        apis.AppointmentShareAddApi.as_view(),
        name="share-add",
    ),
    path(
        "appointments/<str:appointment_id>/shared-analyses/<str:analysis_id>/",
        apis.AppointmentShareRemoveApi.as_view(),
        name="share-remove",
    ),
    path("waitlist/", apis.WaitlistListApi.as_view(), name="waitlist"),
    path("waitlist/<str:entry_id>/", apis.WaitlistLeaveApi.as_view(), name="waitlist-leave"),
    path("portal/profile/", apis.PortalProfileApi.as_view(), name="portal-profile"),
    path("portal/appointments/", apis.PortalAppointmentListApi.as_view(), name="portal-list"),
    path(
        "portal/appointments/<str:appointment_id>/",
        apis.PortalAppointmentDetailApi.as_view(),
        name="portal-detail",
    ),
    path(
        "portal/appointments/<str:appointment_id>/status/",
        apis.PortalAppointmentStatusApi.as_view(),
        name="portal-status",
    ),
    path(
        "portal/appointments/<str:appointment_id>/cancel/",
        apis.PortalAppointmentCancelApi.as_view(),
        name="portal-cancel",
    ),
]
