from django.contrib import admin

from metskin.uploads.models import Upload


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    """Metadata only: the pictures themselves are never shown in the admin."""

    list_display = ("id", "owner", "kind", "source_format", "sanitized", "size_bytes", "created_at")
    list_filter = ("kind", "source_format", "sanitized")
    search_fields = ("owner__email", "id")
    raw_id_fields = ("owner",)
    readonly_fields = tuple(field.name for field in Upload._meta.fields)

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
