from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from metskin.appointments.models import Appointment, WaitlistEntry
from metskin.appointments.services import appointment_delete


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
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
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "doctor", "patient", "status")
    list_filter = ("status",)
    raw_id_fields = ("doctor", "patient", "offered_appointment")
