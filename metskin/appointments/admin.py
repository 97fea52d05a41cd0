from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from metskin.appointments.models import Appointment, WaitlistEntry
from metskin.appointments.services import appointment_delete
from metskin.core.access_log import DataRead, Grounds, ReadKind, reads_announce


class ReasonReadLogged(admin.ModelAdmin):
    """Opening one shows staff the patient's reason: recorded in the patient's access log."""

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and response.status_code == 200:
            reads_announce(
                viewer=request.user,
                reads=[
                    DataRead(
                        obj.patient_id, ReadKind.APPOINTMENT_REASON, obj.pk, Grounds.STAFF_ADMIN
                    )
                ],
            )
        return response


@admin.register(Appointment)
class AppointmentAdmin(ReasonReadLogged):
    list_display = ("start", "doctor", "patient", "consultation_type", "status")
    list_filter = ("status", "consultation_type")
    search_fields = ("patient__email", "doctor__last_name")
    raw_id_fields = ("doctor", "patient")
    date_hierarchy = "start"
    # Bookings change through the services (locks, emails); the admin reads them.
    readonly_fields = (
        "doctor",
        "patient",
        "start",
        "end",
        "consultation_type",
        "status",
        "reason",
        "offer_expires_at",
        "cancelled_at",
        "cancelled_by",
        "cancel_reason",
        "video_link",
        "sequence",
    )
    # Consent is the patient's to give (docs/adr/0016): staff neither see nor edit it here.
    exclude = ("doctor_notes", "shared_analyses")

    # Deleting goes through the service so the shares end with the appointment.
    def delete_model(self, request: HttpRequest, obj: Appointment) -> None:
        appointment_delete(appointment=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Appointment]) -> None:
        for appointment in queryset:
            appointment_delete(appointment=appointment)


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(ReasonReadLogged):
    list_display = ("created_at", "doctor", "patient", "status")
    list_filter = ("status",)
    raw_id_fields = ("doctor", "patient", "offered_appointment")
