from django.contrib import admin

from metskin.doctors.models import (
    AvailabilityException,
    DoctorProfile,
    Language,
    Specialty,
    WeeklyAvailability,
)


class WeeklyAvailabilityInline(admin.TabularInline):
    model = WeeklyAvailability
    extra = 0


@admin.register(DoctorProfile)
class DoctorProfileAdmin(admin.ModelAdmin):
    inlines = (WeeklyAvailabilityInline,)
    list_display = (
        "display_name",
        "clinic_name",
        "city",
        "clinic_phone",
        "accepting_new_patients",
        "is_listed",
    )
    list_filter = ("specialties", "languages", "accepting_new_patients", "is_listed", "country")
    search_fields = ("first_name", "last_name", "clinic_name", "city", "postcode", "npi")
    prepopulated_fields = {"slug": ("first_name", "last_name")}
    filter_horizontal = ("specialties", "languages")
    raw_id_fields = ("user",)


admin.site.register(Specialty)
admin.site.register(Language)


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ("doctor", "kind", "starts_at", "ends_at", "note")
    list_filter = ("kind",)
    raw_id_fields = ("doctor",)
