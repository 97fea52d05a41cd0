"""Server-rendered pages under /learn/ (filled in by the education issue)."""

from django.urls import URLPattern, URLResolver

urlpatterns: list[URLPattern | URLResolver] = []
