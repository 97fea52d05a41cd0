from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from metskin.privacy.models import AccessRecord


@admin.register(AccessRecord)
class AccessRecordAdmin(admin.ModelAdmin):
    """Who has seen whose data: read-only, the record is evidence."""

    list_display = ("created_at", "patient", "viewer_label", "kind", "object_id", "grounds")
    list_filter = ("kind", "grounds")
    search_fields = ("patient__email", "viewer_label", "object_id")
    raw_id_fields = ("patient", "viewer")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
