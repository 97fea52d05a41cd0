from django.contrib import admin

from metskin.notifications.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("due_at", "kind", "channel", "user", "status", "attempts", "sent_at")
    list_filter = ("status", "kind", "channel")
    search_fields = ("user__email",)
    raw_id_fields = ("user", "appointment")
    readonly_fields = tuple(f.name for f in Reminder._meta.fields if f.name not in ("id",))
