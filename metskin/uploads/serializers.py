"""Output shapes of the uploads API."""

from __future__ import annotations

from rest_framework import serializers


class UploadLimitsOutput(serializers.Serializer[object]):
    photo_formats = serializers.ListField(child=serializers.CharField())
    video_formats = serializers.ListField(child=serializers.CharField())
    photo_max_bytes = serializers.IntegerField()
    video_max_bytes = serializers.IntegerField()
    video_max_seconds = serializers.FloatField()
    quota_files = serializers.IntegerField()
    quota_bytes = serializers.IntegerField()
    used_files = serializers.IntegerField()
    used_bytes = serializers.IntegerField()
