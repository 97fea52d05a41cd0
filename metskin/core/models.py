"""Base model shared by every MetSkin app."""

import uuid

from django.db import models


class BaseModel(models.Model):
    """UUID primary key (ids in URLs reveal nothing about volume) and timestamps."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ("-created_at",)


class Heartbeat(models.Model):
    """The last time a long-running process proved it is alive (``beat``: its heartbeat
    task reached a worker, which wrote this row). Read by ``/healthz?worker=1``."""

    name = models.CharField(max_length=64, primary_key=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.at:%Y-%m-%d %H:%M:%S}"
