"""Input and output shapes of the privacy APIs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from metskin.privacy.export import export_link_token
from metskin.privacy.models import AccessRecord, DataExport, ExportStatus


class AccountDeleteInput(serializers.Serializer[Any]):
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)
    code = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        write_only=True,
        help_text="Doctors and staff: a code from their authenticator app (or a backup code).",
    )


class AccountDeleteOutput(serializers.Serializer[Any]):
    deletion_scheduled_for = serializers.DateTimeField()
    detail = serializers.CharField()


class AccessRecordOutput(serializers.ModelSerializer[AccessRecord]):
    at = serializers.DateTimeField(source="created_at")
    viewer = serializers.CharField(source="viewer_label", help_text="Who read it")
    kind_label = serializers.CharField(source="get_kind_display")
    grounds_label = serializers.CharField(source="get_grounds_display")

    class Meta:
        model = AccessRecord
        fields = ("at", "viewer", "kind", "kind_label", "object_id", "grounds", "grounds_label")
        read_only_fields = fields


class DataExportOutput(serializers.ModelSerializer[DataExport]):
    download_url = serializers.SerializerMethodField(
        help_text="The signed link to download the zip, once, until expires_at (ready only)."
    )

    class Meta:
        model = DataExport
        fields = (
            "id",
            "status",
            "progress",
            "size_bytes",
            "created_at",
            "expires_at",
            "downloaded_at",
            "error_message",
            "download_url",
        )
        read_only_fields = fields

    def get_download_url(self, export: DataExport) -> str | None:
        if export.status != ExportStatus.READY:
            return None
        token = export_link_token(export)
        return reverse("privacy:export-download", kwargs={"token": token})
