from django.contrib import admin

from metskin.doctors.models import DoctorProfile, Language, Specialty


@admin.register(DoctorProfile)
class DoctorProfileAdmin(admin.ModelAdmin):
    list_display = ("display_name", "clinic_name", "city", "accepting_new_patients", "is_listed")
    list_filter = ("specialties", "languages", "accepting_new_patients", "is_listed", "country")
    search_fields = ("first_name", "last_name", "clinic_name", "city", "postcode", "npi")
    prepopulated_fields = {"slug": ("first_name", "last_name")}
    filter_horizontal = ("specialties", "languages")
    raw_id_fields = ("user",)


admin.site.register(Specialty)
admin.site.register(Language)
