"""Input and output shapes of the privacy APIs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from metskin.privacy.models import AccessRecord


class AccountDeleteInput(serializers.Serializer[Any]):
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


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
