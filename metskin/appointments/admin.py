from django.contrib import admin

from metskin.appointments.models import Appointment, WaitlistEntry


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
        "sequence",
    )
    exclude = ("doctor_notes",)


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "doctor", "patient", "status")
    list_filter = ("status",)
    raw_id_fields = ("doctor", "patient", "offered_appointment")
