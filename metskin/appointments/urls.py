from django.urls import path

from metskin.appointments.apis import directory, patient, portal

app_name = "appointments"

urlpatterns = [
    # The directory's list and slots live here because they need bookings (docs/architecture.md).
    path("doctors/", directory.DirectoryApi.as_view(), name="directory"),
    path("doctors/<str:doctor_id>/slots/", directory.DoctorSlotsApi.as_view(), name="slots"),
    path(
        "doctors/<str:doctor_id>/waitlist/", patient.WaitlistJoinApi.as_view(), name="waitlist-join"
    ),
    path("appointments/", patient.AppointmentListApi.as_view(), name="list"),
    path(
        "appointments/<str:appointment_id>/", patient.AppointmentDetailApi.as_view(), name="detail"
    ),
    path(
        "appointments/<str:appointment_id>/cancel/",
        patient.AppointmentCancelApi.as_view(),
        name="cancel",
    ),
    path(
        "appointments/<str:appointment_id>/reschedule/",
        patient.AppointmentRescheduleApi.as_view(),
        name="reschedule",
    ),
    path(
        "appointments/<str:appointment_id>/accept/",
        patient.AppointmentAcceptApi.as_view(),
        name="accept",
    ),
    path("appointments/<str:appointment_id>/ics/", patient.AppointmentIcsApi.as_view(), name="ics"),
    path(
        "appointments/<str:appointment_id>/shared-analyses/",
        patient.AppointmentShareAddApi.as_view(),
        name="share-add",
    ),
    path(
        "appointments/<str:appointment_id>/shared-analyses/<str:analysis_id>/",
        patient.AppointmentShareRemoveApi.as_view(),
        name="share-remove",
    ),
    path("waitlist/", patient.WaitlistListApi.as_view(), name="waitlist"),
    path("waitlist/<str:entry_id>/", patient.WaitlistLeaveApi.as_view(), name="waitlist-leave"),
    path("portal/profile/", portal.PortalProfileApi.as_view(), name="portal-profile"),
    path("portal/appointments/", portal.PortalAppointmentListApi.as_view(), name="portal-list"),
    path(
        "portal/appointments/<str:appointment_id>/",
        portal.PortalAppointmentDetailApi.as_view(),
        name="portal-detail",
    ),
    path(
        "portal/appointments/<str:appointment_id>/status/",
        portal.PortalAppointmentStatusApi.as_view(),
        name="portal-status",
    ),
    path(
        "portal/appointments/<str:appointment_id>/cancel/",
        portal.PortalAppointmentCancelApi.as_view(),
        name="portal-cancel",
    ),
]
