from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from metskin.core.access_log import DataRead, Grounds, ReadKind, reads_announce
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

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        # The page shows no picture, but when and what the patient uploaded is theirs to know
        # about: recorded in their access log like the appointment pages (docs/privacy.md).
        response = super().change_view(request, object_id, form_url, extra_context)
        upload = self.get_object(request, object_id)
        if upload is not None and response.status_code == 200:
            read = DataRead(
                upload.owner_id, ReadKind.UPLOAD_DETAILS, upload.pk, Grounds.STAFF_ADMIN
            )
            reads_announce(viewer=request.user, reads=[read])
        return response
