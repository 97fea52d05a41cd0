"""Input and output shapes of the privacy APIs."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers


class AccountDeleteInput(serializers.Serializer[Any]):
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class AccountDeleteOutput(serializers.Serializer[Any]):
    deletion_scheduled_for = serializers.DateTimeField()
    detail = serializers.CharField()
